//go:build unix

package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestRead(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write := func(dir, name, body string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	write(root, ".env.example", "PORT=1\n")
	write(root, ".git/config", "[http] extraheader = AUTHORIZATION: basic CANARY\n")
	write(outside, "secret.env", "CANARY=1\n")
	link(".env.example", "inside-link")
	link(filepath.Join(outside, "secret.env"), "out-link")
	link(".git/config", "git-link")
	link("/proc/self/environ", "proc-link")
	if err := syscall.Mkfifo(filepath.Join(root, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		want error // nil: readable
	}{
		{".env.example", nil},
		{"inside-link", nil},
		{filepath.Join(outside, "secret.env"), nil}, // named outside: the caller's choice
		{"out-link", ErrOutside},
		{"git-link", ErrOutside},
		{".git/config", ErrOutside},
		{"proc-link", ErrOutside},
		{"fifo", ErrNotRegular},
		{".git", ErrOutside},
		{"/proc/self/environ", ErrNotRegular},
		{"/dev/zero", ErrNotRegular},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := Read(root, tt.name, 1<<20)
			if tt.want == nil {
				if err != nil || len(data) == 0 {
					t.Fatalf("Read = %q, %v; want the file", data, err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Read err = %v, want %v", err, tt.want)
			}
			if data != nil {
				t.Fatalf("Read returned data %q with an error", data)
			}
		})
	}
}
