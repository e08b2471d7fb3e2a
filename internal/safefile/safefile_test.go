package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestRead_TooLarge(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "big"), make([]byte, 100), 0o644); err != nil {
		t.Fatal(err)
	}
	var tl *TooLargeError
	if _, err := Read(root, "big", 99); !errors.As(err, &tl) {
		t.Fatalf("err = %v, want TooLargeError", err)
	}
	if data, err := Read(root, "big", 100); err != nil || len(data) != 100 {
		t.Fatalf("Read at the limit = %d bytes, %v", len(data), err)
	}
}

func TestRel(t *testing.T) {
	for name, ok := range map[string]bool{
		".env.example": true, "a/../b": true, "./x": true,
		"../x": false, "a/../../x": false, "/etc/passwd": false, "..": false, "../../../proc/self/environ": false,
	} {
		if _, err := Rel(name); (err == nil) != ok {
			t.Errorf("Rel(%q) err = %v, want ok=%v", name, err, ok)
		}
	}
}
