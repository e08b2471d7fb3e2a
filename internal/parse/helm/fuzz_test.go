package helm

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// FuzzLoad renders a one-template chart with arbitrary values and an
// arbitrary template: no panic, every position names a chart file at a line
// it has, and the result is the same on every run.
func FuzzLoad(f *testing.F) {
	chart := []byte("apiVersion: v2\nname: fz\nversion: 0.1.0\n")
	for _, s := range [][2]string{
		{"a: 1\n", "kind: Pod\nspec:\n  containers:\n    - name: c\n      env:\n        - name: A\n          value: {{ .Values.a | quote }}\n"},
		{"", "{{ required \"x\" .Values.x }}"},
		{"env: {A: 1, B: 2}\n", "{{ range $k, $v := .Values.env }}{{ $k }}={{ $v }}\n{{ end }}"},
		{"x: [", "{{ .Values.x }}"},
		{"a: b\n", "{{ include \"nope\" . }}"},
		{"a: b\n", "{{ define \"t\" }}{{ template \"t\" . }}{{ end }}{{ template \"t\" . }}"},
		{"a: b\n", "{{ tpl .Values.a . }}{{ lookup \"v1\" \"Secret\" \"default\" \"x\" }}"},
		{"a: b\n", "{{ fail \"boom\" }}"},
		{"a: b\n", "{{ .Files.Get \"../../etc/passwd\" }}{{ .Capabilities.KubeVersion }}"},
		{"a: b\n", "{{"},
		{"a: b\n", "kind: Pod\nmetadata: {name: t-{{ randAlphaNum 5 }}}\nspec: {containers: [{name: c, env: [{name: A, value: {{ uuidv4 | quote }}}]}]}\n"},
	} {
		f.Add([]byte(s[0]), []byte(s[1]), []byte("a: c\n"))
	}
	f.Fuzz(func(t *testing.T, values, tmpl, env []byte) {
		files := []File{
			{Name: "Chart.yaml", Data: chart},
			{Name: "values.yaml", Data: values},
			{Name: "values-prod.yaml", Data: env},
			{Name: "templates/t.yaml", Data: tmpl},
		}
		keep := [][]byte{bytes.Clone(values), bytes.Clone(tmpl), bytes.Clone(env)}
		c := Load("chart", files)
		if !bytes.Equal(keep[0], values) || !bytes.Equal(keep[1], tmpl) || !bytes.Equal(keep[2], env) {
			t.Fatal("input mutated")
		}
		check := func(file string, line, col int) {
			rel, ok := strings.CutPrefix(file, "chart/")
			data, known := c.Sources[rel]
			if !ok || !known {
				t.Fatalf("position in unknown file %q", file)
			}
			if line < 1 || line > bytes.Count(data, []byte("\n"))+1 || col < 0 {
				t.Fatalf("position %s:%d:%d outside the file", file, line, col)
			}
		}
		for _, e := range append(c.Errors, c.Missing...) {
			check(e.Pos.File, e.Pos.Line, e.Pos.Col)
		}
		for _, r := range c.Renders {
			if r.Err != nil {
				check(r.Err.Pos.File, r.Err.Pos.Line, r.Err.Pos.Col)
			}
		}
		if again := Load("chart", files); !reflect.DeepEqual(again, c) {
			t.Fatal("not deterministic")
		}
	})
}
