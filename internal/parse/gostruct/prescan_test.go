package gostruct

import (
	"errors"
	"fmt"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// pad is n bytes of ordinary Go declarations, whole lines, to push what
// follows past the pre-scan's first read.
func pad(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString("var _ = 1 // padding padding padding padding\n")
	}
	return b.String()
}

func TestReadHeader(t *testing.T) {
	longComment := strings.Repeat("// A long licence header, line after line.\n", headChunk/40)
	tests := []struct {
		name string
		src  string
		want header // src is compared only for being kept or not
		kept bool
	}{
		{name: "small, reads env", src: "package p\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nvar v = os.Getenv(\"K\")\nvar _ = fmt.Sprint\n",
			want: header{name: "p", imports: []string{"fmt", "os"}, ok: true, getenv: true}, kept: true},
		{name: "imports os, never reads env", src: "package p\n\nimport \"os\"\n\nvar _ = os.Args\n",
			want: header{name: "p", imports: []string{"os"}, ok: true}, kept: true},
		{name: "large, unrelated", src: "package p\n\nimport \"strings\"\n\n" + pad(3*headChunk) + "var _ = strings.ToUpper\n",
			want: header{name: "p", imports: []string{"strings"}, ok: true}},
		{name: "LookupEnv past the first read", src: "package p\n\nimport \"os\"\n\n" + pad(2*headChunk) + "var _, _ = os.LookupEnv(\"K\")\n",
			want: header{name: "p", imports: []string{"os"}, ok: true, getenv: true}, kept: true},
		{name: "header comment longer than the first read", src: longComment + "package p\n\nimport \"sort\"\n",
			want: header{name: "p", imports: []string{"sort"}, ok: true}},
		{name: "raw string across the cut", src: "package p\n\nimport \"fmt\"\n\nvar s = `" + pad(2*headChunk) + "`\n\nvar _ = fmt.Sprint\n",
			want: header{name: "p", imports: []string{"fmt"}, ok: true}},
		{name: "syntax error in the imports", src: "package p\n\nimport (\n\t\"fmt\n)\n",
			want: header{}, kept: true},
		{name: "syntax error past the first read", src: "package p\n\nimport \"fmt\"\n\n" + pad(2*headChunk) + "func {\n",
			want: header{name: "p", imports: []string{"fmt"}, ok: true}},
		{name: "excluded by build tag", src: "//go:build ignore\n\npackage main\n\nimport \"os\"\n\nvar _ = os.Getenv(\"K\")\n",
			want: header{ok: true}},
		{name: "empty file", src: "", want: header{}, kept: true},
	}
	dir := t.TempDir()
	keep := func(imports []string) (src, body bool) {
		for _, ip := range imports {
			if ip == "os" {
				return true, true
			}
		}
		return false, false
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			abs := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".go")
			if err := os.WriteFile(abs, []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			got := readHeader("", abs, keep, make([]byte, headChunk))
			if kept := got.src != nil; kept != tt.kept {
				t.Errorf("source kept = %v, want %v", kept, tt.kept)
			} else if kept && string(got.src) != tt.src {
				t.Errorf("kept source is %d bytes, want the whole file (%d bytes)", len(got.src), len(tt.src))
			}
			got.src = nil
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(header{})); diff != "" {
				t.Errorf("readHeader (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRead_GetenvOnlyWhereSpelled: a file that imports os is parsed for
// getenv reads only when it spells Getenv or LookupEnv, wherever in the file.
func TestRead_GetenvOnlyWhereSpelled(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/m\n",
		// Imports os for a file, not the environment; its body does not
		// parse, which nobody needs to know.
		"a/files.go": "package a\n\nimport \"os\"\n\nfunc F() { os.Exit(1 }\n",
		// A read far down a long file.
		"b/long.go": "package b\n\nimport \"os\"\n\n" + pad(3*headChunk) + "var K = os.Getenv(\"FAR_KEY\")\n",
		// A read in a file whose body does not parse is a parse error.
		"c/broken.go": "package c\n\nimport \"os\"\n\nvar K = os.Getenv(\"X\"\n",
	}
	var rels []string
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".go") {
			rels = append(rels, name)
		}
	}
	farLine := strings.Count(files["b/long.go"], "\n")
	c := Read(dir, rels, nil, Options{Getenv: true})
	wantKeys := []keyPos{{"FAR_KEY", "b/long.go:" + strconv.Itoa(farLine) + ":9", "K"}}
	if diff := cmp.Diff(wantKeys, keysOf(c)); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
	// The error is where go/parser puts its first one.
	_, err := parser.ParseFile(token.NewFileSet(), "c/broken.go", files["c/broken.go"], 0)
	var el scanner.ErrorList
	if !errors.As(err, &el) || len(el) == 0 {
		t.Fatalf("go/parser accepts c/broken.go: %v", err)
	}
	wantErr := fmt.Sprintf("c/broken.go:%d:%d", el[0].Pos.Line, el[0].Pos.Column)
	if diff := cmp.Diff([]string{wantErr}, problems(c.Errors)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}
