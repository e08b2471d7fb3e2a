package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// halfWriter writes the first half of what it is given, then fails, as a
// full disk or a killed process would leave it.
type halfWriter struct{ w io.Writer }

var errDiskFull = errors.New("no space left on device")

func (h halfWriter) Write(p []byte) (int, error) {
	n, _ := h.w.Write(p[:len(p)/2])
	return n, errDiskFull
}

// entries lists a directory's file names.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	return names
}

func TestWriteFile_FailingWriterLeavesOriginal(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, ".env.example")
	orig := []byte("PORT=8080\nLOG_LEVEL=debug\n")
	if err := os.WriteFile(name, orig, 0o640); err != nil {
		t.Fatal(err)
	}
	err := writeFile(dir, name, nil, []byte("PORT=8080\nLOG_LEVEL=debug\nNEW_KEY=1\n"), 0o644,
		func(w io.Writer) io.Writer { return halfWriter{w} })
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("err = %v, want %v", err, errDiskFull)
	}
	got, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(orig), string(got)); diff != "" {
		t.Errorf("original changed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{".env.example"}, entries(t, dir)); diff != "" {
		t.Errorf("directory after a failed write (-want +got):\n%s", diff)
	}
}

func TestWriteFile_KeepsMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permission bits")
	}
	tests := []struct {
		name     string
		existing fs.FileMode // 0: no file yet
		perm     fs.FileMode
		want     fs.FileMode
	}{
		{"existing 0600", 0o600, 0o644, 0o600},
		{"existing 0755", 0o755, 0o644, 0o755},
		{"new file", 0, 0o644, 0o644},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			name := filepath.Join(dir, "f")
			if tt.existing != 0 {
				if err := os.WriteFile(name, []byte("old"), tt.existing); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(name, tt.existing); err != nil {
					t.Fatal(err)
				}
			}
			if err := WriteFile(dir, name, []byte("new"), tt.perm); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(name)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != tt.want {
				t.Errorf("mode = %v, want %v", fi.Mode().Perm(), tt.want)
			}
			got, _ := os.ReadFile(name)
			if string(got) != "new" {
				t.Errorf("content = %q, want %q", got, "new")
			}
			if diff := cmp.Diff([]string{"f"}, entries(t, dir)); diff != "" {
				t.Errorf("leftover files (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWriteFile_Symlinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	outside := t.TempDir()
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "real.env"), []byte("A=1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "shared.env"), []byte("B=1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(filepath.Join(outside, "real.env"), filepath.Join(root, "escape.env")))
	must(os.Symlink("shared.env", filepath.Join(root, "inside.env")))
	must(os.Symlink(filepath.Join(root, "missing.env"), filepath.Join(root, "dangling.env")))

	// A link whose target leaves the root is refused and nothing changes.
	if err := WriteFile(root, filepath.Join(root, "escape.env"), []byte("X=1\n"), 0o644); err == nil {
		t.Error("write through a link leaving the root succeeded")
	}
	if got, _ := os.ReadFile(filepath.Join(outside, "real.env")); string(got) != "A=1\n" {
		t.Errorf("target outside the root changed to %q", got)
	}
	// Even a link inside the root is refused: the link and its target stay.
	if err := WriteFile(root, filepath.Join(root, "inside.env"), []byte("B=2\n"), 0o644); !errors.Is(err, ErrSymlink) {
		t.Errorf("write through a link inside the root: err = %v, want %v", err, ErrSymlink)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "shared.env")); string(got) != "B=1\n" {
		t.Errorf("link target = %q, want %q", got, "B=1\n")
	}
	// A dangling link is refused rather than followed.
	if err := WriteFile(root, filepath.Join(root, "dangling.env"), []byte("X=1\n"), 0o644); err == nil {
		t.Error("write through a dangling link succeeded")
	}
	if _, err := os.Stat(filepath.Join(root, "missing.env")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("dangling link target was created: %v", err)
	}
	// A directory link out of the root is refused, and nothing is created
	// through it.
	must(os.Symlink(outside, filepath.Join(root, "docs")))
	if err := WriteFile(root, filepath.Join(root, "docs", "new", "env.md"), []byte("X=1\n"), 0o644); !errors.Is(err, ErrOutside) {
		t.Errorf("write below a directory link: err = %v, want %v", err, ErrOutside)
	}
	if _, err := os.Stat(filepath.Join(outside, "new")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a directory was created outside the root: %v", err)
	}
	// Without a root nothing is written.
	if err := WriteFile("", filepath.Join(root, "new.env"), []byte("X=1\n"), 0o644); err == nil {
		t.Error("write without a root succeeded")
	}
}

func TestWriteFile_RefusesPathOutsideRoot(t *testing.T) {
	root := t.TempDir()
	other := t.TempDir()
	if err := WriteFile(root, filepath.Join(other, "x"), []byte("x"), 0o644); err == nil {
		t.Error("write outside the root succeeded")
	}
	if _, err := os.Stat(filepath.Join(other, "x")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("file outside the root was created: %v", err)
	}
}

func TestWriteFile_RefusesDirectory(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(root, filepath.Join(root, "d"), []byte("x"), 0o644); err == nil {
		t.Error("write over a directory succeeded")
	}
	if diff := cmp.Diff([]string{"d"}, entries(t, root)); diff != "" {
		t.Errorf("leftover files (-want +got):\n%s", diff)
	}
}

func TestWriteFile_CreatesDirectoriesInside(t *testing.T) {
	root := t.TempDir()
	if err := WriteFile(root, "docs/ref/env.md", []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(root, "docs", "ref", "env.md")); err != nil || string(got) != "x" {
		t.Fatalf("read back %q, %v", got, err)
	}
	// Not outside, not even a directory.
	if err := WriteFile(root, "../x/env.md", []byte("x"), 0o644); !errors.Is(err, ErrOutside) {
		t.Fatalf("err = %v, want %v", err, ErrOutside)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(root), "x")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a directory was created outside the root: %v", err)
	}
	// Nor inside .git.
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(root, ".git/hooks/pre-commit", []byte("x"), 0o644); !errors.Is(err, ErrOutside) {
		t.Fatalf("write into .git: err = %v, want %v", err, ErrOutside)
	}
}

func TestWriteFile_RefusesReadOnly(t *testing.T) {
	root := t.TempDir()
	name := filepath.Join(root, ".env.example")
	if err := os.WriteFile(name, []byte("A=1\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(root, name, []byte("A=2\n"), 0o644); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("err = %v, want %v", err, ErrReadOnly)
	}
	if got, _ := os.ReadFile(name); string(got) != "A=1\n" {
		t.Errorf("read-only file changed to %q", got)
	}
}

// TestReplace_ConcurrentEditsApplyOnce runs many writers that each read the
// file, append a line and replace it: every one either lands on the content
// it read or fails with ErrChanged, so no edit is applied twice or lost
// silently.
func TestReplace_ConcurrentEditsApplyOnce(t *testing.T) {
	root := t.TempDir()
	name := filepath.Join(root, ".env.example")
	if err := os.WriteFile(name, []byte("A=1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const n = 8
	errs := make(chan error, n)
	start := make(chan struct{})
	for range n {
		go func() {
			<-start
			old, err := os.ReadFile(name)
			if err != nil {
				errs <- err
				return
			}
			errs <- Replace(root, name, old, append(slices.Clone(old), "NEW=1\n"...))
		}()
	}
	close(start)
	ok := 0
	for range n {
		switch err := <-errs; {
		case err == nil:
			ok++
		case !errors.Is(err, ErrChanged):
			t.Fatalf("unexpected error: %v", err)
		}
	}
	got, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(got), "NEW=1"); lines != ok || ok == 0 {
		t.Fatalf("file has %d added lines after %d successful replaces:\n%s", lines, ok, got)
	}
	// A stale read is refused outright.
	if err := Replace(root, name, []byte("A=1\n"), []byte("A=1\nNEW=1\n")); !errors.Is(err, ErrChanged) {
		t.Fatalf("stale Replace: err = %v, want %v", err, ErrChanged)
	}
}
