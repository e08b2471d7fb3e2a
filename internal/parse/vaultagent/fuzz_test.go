package vaultagent

import (
	"testing"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/lint/linttest"
)

// FuzzParse checks the reader's invariants on arbitrary input: no panic,
// the input is left alone, every position lies inside the input, and the
// result is the same on every run.
func FuzzParse(f *testing.F) {
	linttest.Seed(f, "testdata/*.hcl",
		"", "template", "template {", "template {}\n", "template { source = 1 }\n",
		"template {\n  contents = \"A={{ .Data.data.a }}\"\n}\n", "template {\n contents = <<EOT\n{{\nEOT\n}\n",
		"vault { address = \"x\" }\n", "template { source = \"${var.x}\" }\n",
	)
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
				ps = append(ps, linttest.TemplatePositions(tm)...)
			}
			return ps
		})
	})
}
