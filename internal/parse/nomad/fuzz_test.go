package nomad

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
		"", "job", "job \"a\" {", "job \"a\" { group \"g\" { task \"t\" {} } }\n",
		"job \"a\" {\n group \"g\" {\n task \"t\" {\n env {\n A = \"1\"\n B = \"${NOMAD_X}\"\n }\n }\n }\n}\n",
		"job \"a\" {\n group \"g\" {\n task \"t\" {\n template {\n env = true\n data = \"A={{ .Data.data.a }}\"\n }\n }\n }\n}\n",
		"job \"a\" {\n group \"g\" {\n task \"t\" {\n template {\n data = <<EOT\n{{\nEOT\n }\n }\n }\n}\n",
		"job { group { task { env = 1 } } }\n", "task \"t\" { env { A = 1 } }\n",
	)
	parse := func(src []byte) *lint.DeployFile { return Parse("job.nomad", src) }
	f.Fuzz(func(t *testing.T, src []byte) {
		linttest.Invariants(t, src, parse, func(got *lint.DeployFile) (ps []lint.Pos) {
			for _, e := range got.Errors {
				ps = append(ps, e.Pos)
			}
			for _, tg := range got.Targets {
				ps = append(ps, linttest.TargetPositions(&tg)...)
			}
			for _, tm := range got.Templates {
				ps = append(ps, linttest.TemplatePositions(tm)...)
			}
			return ps
		})
	})
}
