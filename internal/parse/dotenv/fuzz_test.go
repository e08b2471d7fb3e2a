package dotenv

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/envlint/envlint/internal/lint"
)

// FuzzParse checks the reader's invariants on arbitrary input: no panic, the
// input is left alone, every position lies inside the input, the result is
// the same on every run, and the values agree with godotenv's wherever
// godotenv accepts the input (and envlint reports an error wherever it does
// not).
func FuzzParse(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.env")
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{
		"", "#", "=", ":", "export", "export ", "export =1", "A", "A=\"", "A='\\'", "A=\"\\\"\"",
		"# [VAULT] S3_*\nS3_A=1\nB=2\n", "# [VAULT]\nA=1\nB=2\n", "# [VAULT]\n\nA=1",
		"A=1 # envlint:ignore r1,r2 why\n", "# KEY=\"v\" # c\n", "\r\r\n\r", "A=${B}$(C)\\$D$",
		"\xef\xbb\xbf# c\rX=1\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		got := Parse("f.env", src)
		if !bytes.Equal(src, orig) {
			t.Fatal("Parse modified its input")
		}
		checkPositions(t, "f.env", src, got)
		if again := Parse("f.env", src); !cmp.Equal(got, again) {
			t.Fatalf("second run differs:\n%s", cmp.Diff(got, again))
		}
		want, err := godotenvValues(src)
		if err != nil {
			if len(got.Errors) == 0 {
				t.Fatalf("godotenv rejects the input (%v); envlint reports no error", err)
			}
			return
		}
		if diff := cmp.Diff(want, liveValues(got)); diff != "" {
			t.Fatalf("live values differ from godotenv (-godotenv +envlint):\n%s", diff)
		}
	})
}

// checkPositions asserts that every position in f is in src: Line at least 1
// and at most the number of lines, Col at least 1 and at most one past the
// end of its line.
func checkPositions(t *testing.T, name string, src []byte, f *lint.ExampleFile) {
	t.Helper()
	lines := lineStarts(src)
	check := func(what string, p lint.Pos, optional bool) {
		t.Helper()
		if optional && p == (lint.Pos{}) {
			return
		}
		if p.File != name || p.Line < 1 || p.Line > len(lines) || p.Col < 1 {
			t.Fatalf("%s: position %v outside the input", what, p)
		}
		end := len(src)
		if p.Line < len(lines) {
			end = lines[p.Line] // the next line's start, past this line's break
		}
		if lines[p.Line-1]+p.Col-1 > end {
			t.Fatalf("%s: position %v beyond its line", what, p)
		}
	}
	for _, e := range f.Entries {
		check("entry "+e.Name, e.Pos, false)
		check("value of "+e.Name, e.ValuePos, false)
		check("marker of "+e.Name, e.MarkerPos, !e.VaultMarker)
	}
	for _, p := range f.Errors {
		check("error", p.Pos, false)
	}
	for _, p := range f.Ambiguous {
		check("ambiguous", p.Pos, false)
	}
	for _, d := range f.Directives {
		check("directive", d.Pos, false)
	}
}
