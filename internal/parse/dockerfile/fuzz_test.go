package dockerfile

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
	paths, _ := filepath.Glob("testdata/*")
	for _, p := range paths {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{
		"", "FROM", "FROM a\nARG", "ARG A=1\nFROM $A AS b\nARG A\nENV X=${A:-d} Y=\"q\"\n",
		"FROM a\nENV A B\n", "# escape=`\nFROM a\nENV A=1 `\n  B=2\n", "FROM a\nRUN <<EOF\n$A\nEOF\n",
		"FROM a AS b\nFROM b\nCOPY --from=b / /\nRUN --mount=from=b,target=/x true\n", "FROM a\nENV ${X}=1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		got := Parse("Dockerfile", src)
		if !bytes.Equal(src, orig) {
			t.Fatal("Parse modified its input")
		}
		lines := strings.Count(string(src), "\n") + 1
		check := func(p lint.Pos) {
			if p.Line < 1 || p.Line > lines || p.Col < 0 {
				t.Fatalf("position %s outside the input (%d lines)", p, lines)
			}
		}
		for _, e := range got.Errors {
			check(e.Pos)
		}
		for _, tg := range got.Targets {
			check(tg.Pos)
			for _, k := range tg.Keys {
				check(k.Pos)
			}
			for _, a := range tg.BuildArgs {
				check(a.Pos)
			}
		}
		if again := Parse("Dockerfile", src); !cmp.Equal(got, again) {
			t.Fatalf("second run differs:\n%s", cmp.Diff(got, again))
		}
	})
}
