package dockerfile

import (
	"testing"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/lint/linttest"
)

// FuzzParse checks the reader's invariants on arbitrary input: no panic,
// the input is left alone, every position lies inside the input, and the
// result is the same on every run.
func FuzzParse(f *testing.F) {
	linttest.Seed(f, "testdata/*",
		"", "FROM", "FROM a\nARG", "ARG A=1\nFROM $A AS b\nARG A\nENV X=${A:-d} Y=\"q\"\n",
		"FROM a\nENV A B\n", "# escape=`\nFROM a\nENV A=1 `\n  B=2\n", "FROM a\nRUN <<EOF\n$A\nEOF\n",
		"FROM a AS b\nFROM b\nCOPY --from=b / /\nRUN --mount=from=b,target=/x true\n", "FROM a\nENV ${X}=1\n",
	)
	parse := func(src []byte) *lint.DeployFile { return Parse("Dockerfile", src) }
	f.Fuzz(func(t *testing.T, src []byte) {
		linttest.Invariants(t, src, parse, func(got *lint.DeployFile) (ps []lint.Pos) {
			for _, e := range got.Errors {
				ps = append(ps, e.Pos)
			}
			for _, tg := range got.Targets {
				// A Dockerfile's ENV values have no position of their own.
				ps = append(ps, tg.Pos)
				for _, k := range tg.Keys {
					ps = append(ps, k.Pos)
				}
				for _, a := range tg.BuildArgs {
					ps = append(ps, a.Pos)
				}
			}
			return ps
		})
	})
}
