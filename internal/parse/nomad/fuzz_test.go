package nomad

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
		"", "job", "job \"a\" {", "job \"a\" { group \"g\" { task \"t\" {} } }\n",
		"job \"a\" {\n group \"g\" {\n task \"t\" {\n env {\n A = \"1\"\n B = \"${NOMAD_X}\"\n }\n }\n }\n}\n",
		"job \"a\" {\n group \"g\" {\n task \"t\" {\n template {\n env = true\n data = \"A={{ .Data.data.a }}\"\n }\n }\n }\n}\n",
		"job \"a\" {\n group \"g\" {\n task \"t\" {\n template {\n data = <<EOT\n{{\nEOT\n }\n }\n }\n}\n",
		"job { group { task { env = 1 } } }\n", "task \"t\" { env { A = 1 } }\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		got := Parse("job.nomad", src)
		if !bytes.Equal(src, orig) {
			t.Fatal("Parse modified its input")
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
		for _, tg := range got.Targets {
			check(tg.Pos)
			for _, k := range tg.Keys {
				check(k.Pos)
				if k.Source == lint.SourceLiteral {
					check(k.ValuePos)
				}
			}
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
		if again := Parse("job.nomad", src); !cmp.Equal(got, again) {
			t.Fatalf("second run differs:\n%s", cmp.Diff(got, again))
		}
	})
}
