package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
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
	err := writeFile(dir, name, []byte("PORT=8080\nLOG_LEVEL=debug\nNEW_KEY=1\n"), 0o644,
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
	// A link inside the root: the target is replaced, the link kept.
	must(WriteFile(root, filepath.Join(root, "inside.env"), []byte("B=2\n"), 0o644))
	if got, _ := os.ReadFile(filepath.Join(root, "shared.env")); string(got) != "B=2\n" {
		t.Errorf("link target = %q, want %q", got, "B=2\n")
	}
	if fi, err := os.Lstat(filepath.Join(root, "inside.env")); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("inside.env is no longer a link: %v %v", fi.Mode(), err)
	}
	// A dangling link is refused rather than followed.
	if err := WriteFile(root, filepath.Join(root, "dangling.env"), []byte("X=1\n"), 0o644); err == nil {
		t.Error("write through a dangling link succeeded")
	}
	if _, err := os.Stat(filepath.Join(root, "missing.env")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("dangling link target was created: %v", err)
	}
	// Without a root, any target is allowed.
	must(WriteFile("", filepath.Join(root, "escape.env"), []byte("X=1\n"), 0o644))
	if got, _ := os.ReadFile(filepath.Join(outside, "real.env")); string(got) != "X=1\n" {
		t.Errorf("target = %q, want %q", got, "X=1\n")
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
