// Package linttest holds the checks every reader's fuzz target makes; it is
// imported only from tests.
package linttest

import (
	"bytes"
	"os"
	"path/filepath"
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

// Seed adds each file glob matches (directories aside) and each of seeds to
// f's seed corpus; a fixture that cannot be read fails f.
func Seed(f *testing.F, glob string, seeds ...string) {
	f.Helper()
	paths, err := filepath.Glob(glob)
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
}

// TargetPositions returns a runtime target's positions: its own, its
// keys', and its literal values' (which deploy-secret-literal points at).
func TargetPositions(t *lint.DeployTarget) []lint.Pos {
	ps := []lint.Pos{t.Pos}
	for _, k := range t.Keys {
		ps = append(ps, k.Pos)
		if k.Source == lint.SourceLiteral {
			ps = append(ps, k.ValuePos)
		}
	}
	return ps
}

// TemplatePositions returns an agent template's stanza and every position
// set in its inline contents.
func TemplatePositions(tm lint.AgentTemplate) []lint.Pos {
	ps := []lint.Pos{tm.Pos}
	if tm.Contents != nil {
		for _, p := range tm.Contents.Positions() {
			if p.Line > 0 {
				ps = append(ps, *p)
			}
		}
	}
	return ps
}
