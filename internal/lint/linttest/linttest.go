// Package linttest holds the checks every reader's fuzz target makes; it is
// imported only from tests.
package linttest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/envlint/envlint/internal/lint"
)

// Invariants parses src twice and fails t unless parse leaves src alone,
// every position that positions reports lies on a line of src, and both
// runs give the same result.
func Invariants[T any](t *testing.T, src []byte, parse func([]byte) T, positions func(T) []lint.Pos) {
	t.Helper()
	orig := bytes.Clone(src)
	got := parse(src)
	if !bytes.Equal(src, orig) {
		t.Fatal("Parse modified its input")
	}
	lines := strings.Count(string(src), "\n") + 1
	for _, p := range positions(got) {
		if p.Line < 1 || p.Line > lines || p.Col < 0 {
			t.Fatalf("position %s outside the input (%d lines)", p, lines)
		}
	}
	if again := parse(src); !cmp.Equal(got, again) {
		t.Fatalf("second run differs:\n%s", cmp.Diff(got, again))
	}
}
