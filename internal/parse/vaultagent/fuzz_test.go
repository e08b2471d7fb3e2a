package vaultagent

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/envlint/envlint/internal/lint"
)

// FuzzParse checks the reader's invariants on arbitrary input: no panic,
// the input is left alone, every position lies inside the input, and the
// result is the same on every run.
func FuzzParse(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.hcl")
	for _, p := range paths {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{
		"", "template", "template {", "template {}\n", "template { source = 1 }\n",
		"template {\n  contents = \"A={{ .Data.data.a }}\"\n}\n", "template {\n contents = <<EOT\n{{\nEOT\n}\n",
		"vault { address = \"x\" }\n", "template { source = \"${var.x}\" }\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		got := Parse("agent.hcl", src)
		if !bytes.Equal(src, orig) {
			t.Fatal("Parse modified its input")
		}
		if got == nil {
			return
		}
		lines := strings.Count(string(src), "\n") + 1
		check := func(p lint.Pos) {
			if p.Line < 1 || p.Line > lines {
				t.Fatalf("position %s outside the input (%d lines)", p, lines)
			}
		}
		for _, e := range got.Errors {
			check(e.Pos)
		}
		for _, tm := range got.Templates {
			check(tm.Pos)
			if c := tm.Contents; c != nil {
				for _, k := range c.Keys {
					check(k.Pos)
				}
				for _, e := range c.Errors {
					if e.Pos.Line > 0 {
						check(e.Pos)
					}
				}
			}
		}
		if again := Parse("agent.hcl", src); !cmp.Equal(got, again) {
			t.Fatalf("second run differs:\n%s", cmp.Diff(got, again))
		}
	})
}
