package vaultagent

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/lint/linttest"
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
	parse := func(src []byte) *lint.AgentConfig { return Parse("agent.hcl", src) }
	f.Fuzz(func(t *testing.T, src []byte) {
		linttest.Invariants(t, src, parse, func(got *lint.AgentConfig) (ps []lint.Pos) {
			if got == nil {
				return nil
			}
			for _, e := range got.Errors {
				ps = append(ps, e.Pos)
			}
			for _, tm := range got.Templates {
				ps = append(ps, tm.Pos)
				if c := tm.Contents; c != nil {
					for _, k := range c.Keys {
						ps = append(ps, k.Pos)
					}
					for _, e := range c.Errors {
						if e.Pos.Line > 0 {
							ps = append(ps, e.Pos)
						}
					}
				}
			}
			return ps
		})
	})
}
