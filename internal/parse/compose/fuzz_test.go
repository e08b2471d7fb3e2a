package compose

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/envlint/envlint/internal/lint"
)

// FuzzLoad checks the reader's invariants on arbitrary compose files: no
// panic, every position inside the file it names, the same result on every
// run, and no value of the file in an error message.
func FuzzLoad(f *testing.F) {
	fixtures, _ := filepath.Glob("testdata/*.txtar")
	for _, fx := range fixtures {
		a, err := txtar.ParseFile(fx)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range a.Files {
			if strings.HasPrefix(file.Name, "compose") || strings.HasPrefix(file.Name, "docker-compose") {
				f.Add(file.Data)
			}
		}
	}
	for _, s := range []string{
		"", "services:", "services: []", "services:\n  a:\n", "services:\n  a:\n    environment: [A, B=1, =x]\n",
		"services:\n  a:\n    image: x\n    environment:\n      A: ${B:?${C}}\n", "x: ${A\n", "services:\n  a: &x {image: y}\n  b: *x\n",
		"services:\n  a:\n    extends: a\n", "services:\n  a:\n    extends: {file: ../../etc/passwd, service: b}\n",
		"include: [https://example.com/compose.yaml]\n", "services:\n  a:\n    build: {context: ., args: [A]}\n",
		"services:\n  a:\n    image: x\n    env_file: [{path: /dev/null}]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		got := Load(dir, []string{"compose.yaml"}, nil)
		lines := strings.Count(string(src), "\n") + 1
		check := func(p lint.Pos) {
			if p.File == "compose.yaml" && (p.Line < 1 || p.Line > lines) {
				t.Fatalf("position %s outside the input (%d lines)", p, lines)
			}
		}
		for _, e := range got.Errors {
			check(e.Pos)
			if strings.Contains(e.Msg, dir) {
				t.Fatalf("message names the absolute directory: %s", e.Msg)
			}
		}
		for _, v := range got.Interpolations {
			check(v.Pos)
		}
		for _, tg := range got.Targets {
			check(tg.Pos)
			for _, k := range tg.Keys {
				check(k.Pos)
			}
		}
		if again := Load(dir, []string{"compose.yaml"}, nil); !cmp.Equal(got, again) {
			t.Fatalf("second run differs:\n%s", cmp.Diff(got, again))
		}
	})
}
