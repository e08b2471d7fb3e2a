package ctmpl

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzParse checks that Parse never panics, leaves its input alone, gives
// the same answer every time, and only reports positions inside the input.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/render/*.txtar")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range splitArchive(data) {
			if s.Name == "template.ctmpl" {
				f.Add(s.Data)
			}
		}
	}
	f.Add([]byte("{{ with secret \"s\" }}{{ range $k, $v := .Data.data }}{{ $k }}={{ $v }}\n{{ end }}{{ end }}"))
	f.Add([]byte("A={{ if .X }}\"{{ else }}'{{ end }}\nB=1\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		got := Parse("f.ctmpl", src, Options{})
		if !bytes.Equal(src, orig) {
			t.Fatal("input was mutated")
		}
		again := Parse("f.ctmpl", src, Options{})
		if diff := cmp.Diff(got, again); diff != "" {
			t.Fatalf("not deterministic:\n%s", diff)
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, k := range got.Keys {
			if k.Pos.Line < 1 || k.Pos.Col < 1 || k.Pos.Line > lines {
				t.Fatalf("key %s at %v outside the input", k.Name, k.Pos)
			}
		}
		for _, p := range append(slices.Clone(got.Dynamic), got.Errors...) {
			if p.Pos.Line < 1 || p.Pos.Line > lines {
				t.Fatalf("problem %v outside the input", p)
			}
		}
	})
}
