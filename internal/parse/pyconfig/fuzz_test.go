package pyconfig

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/envlint/envlint/internal/lint"
)

// FuzzParse checks the reader's invariants on arbitrary input: no panic
// (nor hang), the input is left alone, every class and field lies inside
// the input, a syntax error has a position inside it, and the result is the
// same on every run.
func FuzzParse(f *testing.F) {
	paths, _ := filepath.Glob("testdata/ast/*.py")
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, c := range append(append([]pyCase(nil), ownCases...), realCases...) {
		f.Add([]byte(c.src))
	}
	for _, s := range []string{"", "\t", "class", "class A(", "f'{", "f'{x:{'", "'''", "\\", "x = (\n]", "\xff", "@\n", "class A:\n\tx: int\n        y: int\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		m := parse(src)
		if !bytes.Equal(src, orig) {
			t.Fatal("parse modified its input")
		}
		// Python ends lines at \n, \r\n and a lone \r.
		lines := bytes.Count(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\n")) + bytes.Count(bytes.ReplaceAll(src, []byte("\r\n"), nil), []byte("\r")) + 1
		if m.err != nil && (m.err.line < 1 || m.err.line > lines+1 || m.err.col < 1) {
			t.Fatalf("syntax error outside the input: %d:%d (%d lines)", m.err.line, m.err.col, lines)
		}
		for _, c := range m.classes {
			if c.line < 1 || c.line > lines || c.col < 1 {
				t.Fatalf("class %s at %d:%d outside the input", c.name, c.line, c.col)
			}
			for _, fl := range c.fields {
				if fl.line < 1 || fl.line > lines || fl.col < 1 {
					t.Fatalf("field %s at %d:%d outside the input", fl.name, fl.line, fl.col)
				}
			}
		}
		if again := dump(src); !reflect.DeepEqual(again, dump(src)) {
			t.Fatal("two parses differ")
		}
	})
}

// FuzzConfig runs the whole reader (resolution, config merging, keys) on
// arbitrary input: no panic, no hang, and the same result every run.
func FuzzConfig(f *testing.F) {
	for _, c := range append(append([]pyCase(nil), ownCases...), realCases...) {
		f.Add([]byte(c.src))
	}
	f.Add([]byte("from pydantic_settings import BaseSettings\nclass A(B, B): x: int\nclass B(A, A): y: int\nclass C(A, BaseSettings): z: int\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		read := func(string) ([]byte, *lint.Problem) { return src, nil }
		a := NewIndex(".", []string{"m.py"}, read).Config([]string{"m.py"}, nil, Options{Getenv: true})
		b := NewIndex(".", []string{"m.py"}, read).Config([]string{"m.py"}, nil, Options{Getenv: true})
		if !reflect.DeepEqual(a, b) {
			t.Fatal("two reads differ")
		}
	})
}
