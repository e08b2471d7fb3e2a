package pyconfig

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// astFile is what testdata/astdump.py prints for one file.
type astFile struct {
	Error   int        `json:"error,omitempty"`
	Classes []astClass `json:"classes,omitempty"`
}

type astClass struct {
	Name   string   `json:"name"`
	Line   int      `json:"line"`
	Bases  []string `json:"bases"`
	Fields [][]any  `json:"fields"`
}

// dump is the reader's view of a file in astdump.py's shape.
func dump(src []byte) astFile {
	m := parse(src)
	if m.err != nil {
		return astFile{Error: m.err.line}
	}
	var out astFile
	for _, c := range m.classes {
		ac := astClass{Name: c.name, Line: c.line, Bases: []string{}, Fields: [][]any{}}
		for _, b := range c.bases {
			if b.kind == eSubscript {
				b = b.x
			}
			ac.Bases = append(ac.Bases, b.dotted())
		}
		for _, f := range c.fields {
			if f.ann != nil {
				ac.Fields = append(ac.Fields, []any{f.name, float64(f.line), float64(f.col)})
			}
		}
		out.Classes = append(out.Classes, ac)
	}
	slices.SortStableFunc(out.Classes, func(a, b astClass) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// pythonAST runs astdump.py over files with the machine's python3.
func pythonAST(t *testing.T, files []string) map[string]astFile {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("python3 is needed to prove the reader against Python's own parser")
		}
		t.Skip("python3 not found")
	}
	res := map[string]astFile{}
	for chunk := range slices.Chunk(files, 200) {
		out, err := exec.Command(py, append([]string{"testdata/astdump.py"}, chunk...)...).Output()
		if err != nil {
			t.Fatalf("astdump.py: %v", err)
		}
		var m map[string]astFile
		if err := json.Unmarshal(out, &m); err != nil {
			t.Fatal(err)
		}
		for k, v := range m {
			res[k] = v
		}
	}
	return res
}

// compareAST reports every file on which the reader and ast disagree. A
// file ast rejects must be rejected too, at the same line when the
// tokenizer sees the error; a file the reader rejects must be one ast
// rejects.
func compareAST(t *testing.T, files []string, errorsExact bool) (agree, rejected int) {
	want := pythonAST(t, files)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		got, w := dump(src), want[f]
		if len(w.Classes) == 0 {
			w.Classes = nil
		}
		switch {
		case w.Error > 0 && got.Error == 0:
			if errorsExact {
				t.Errorf("%s: python rejects it at line %d, the reader accepts it", f, w.Error)
			} else {
				agree++ // an error only the full grammar sees
			}
			continue
		case w.Error == 0 && got.Error > 0:
			t.Errorf("%s: the reader rejects it at line %d (%s), python accepts it", f, got.Error, parse(src).err.msg)
			continue
		case w.Error > 0:
			rejected++
			if errorsExact && got.Error != w.Error {
				t.Errorf("%s: syntax error at line %d, python says line %d", f, got.Error, w.Error)
			}
			continue
		}
		if d := cmp.Diff(w, got); d != "" {
			t.Errorf("%s: classes differ from python's ast (-ast +reader):\n%s", f, d)
			continue
		}
		agree++
	}
	return agree, rejected
}

func TestTokenizerMatchesAST(t *testing.T) {
	files, _ := filepath.Glob("testdata/ast/*.py")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	compareAST(t, files, true)
}

// TestCorpus compares the reader with ast on every .py file below
// $PYCONFIG_CORPUS (a one-off proof over real code; not part of make test).
func TestCorpus(t *testing.T) {
	dir := os.Getenv("PYCONFIG_CORPUS")
	if dir == "" {
		t.Skip("set PYCONFIG_CORPUS to a directory of Python code")
	}
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") {
			files = append(files, p)
		}
		return nil
	})
	agree, rejected := compareAST(t, files, false)
	fmt.Printf("corpus: %d files, %d agree with ast (%d rejected by both)\n", len(files), agree, rejected)
}
