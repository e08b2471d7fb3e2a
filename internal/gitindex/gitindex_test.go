package gitindex

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestOpen compares the index reading with `git ls-files`, from the top
// and from a subdirectory, in the main work tree and a linked one.
func TestOpen(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	top := t.TempDir()
	git(t, top, "init", "-q")
	write(t, filepath.Join(top, ".gitignore"), ".env*\n")
	write(t, filepath.Join(top, ".env.example"), "A=1\n")
	write(t, filepath.Join(top, "svc/api/.env.example"), "B=1\n")
	write(t, filepath.Join(top, "svc/api/main.go"), "package main\n")
	write(t, filepath.Join(top, "untracked.go"), "package x\n")
	git(t, top, "add", ".gitignore", "svc/api/main.go")
	git(t, top, "add", "-f", ".env.example", "svc/api/.env.example")

	ix, err := Open(top)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{".env.example", ".gitignore", "svc/api/.env.example", "svc/api/main.go"}
	if got := ix.Files(); !slices.Equal(got, want) {
		t.Errorf("Files() = %q, want %q", got, want)
	}
	if ix.Tracked("untracked.go") || !ix.Tracked("svc/api/.env.example") {
		t.Errorf("Tracked disagrees with git")
	}

	sub, err := Open(filepath.Join(top, "svc"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sub.Files(), []string{"api/.env.example", "api/main.go"}; !slices.Equal(got, want) {
		t.Errorf("from svc: Files() = %q, want %q", got, want)
	}

	git(t, top, "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "x")
	linked := filepath.Join(t.TempDir(), "wt")
	git(t, top, "worktree", "add", "-q", linked)
	lx, err := Open(linked)
	if err != nil {
		t.Fatal(err)
	}
	if got := lx.Files(); !slices.Equal(got, want) {
		t.Errorf("linked work tree: Files() = %q, want %q", got, want)
	}
}

func TestOpen_NotAWorkTree(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil || ix != nil {
		t.Fatalf("Open(no repo) = %v, %v; want nil, nil", ix, err)
	}
	if ix.Tracked("x") || ix.Files() != nil {
		t.Fatal("a nil Index tracks nothing")
	}
}
