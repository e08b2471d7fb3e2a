// Package ctmpl reads consul-template and Vault Agent templates (*.ctmpl)
// and reports the env keys they render.
//
// Validity is decided by consul-template's own engine, so envlint rejects
// exactly the templates consul-template rejects. The keys come from a static
// walk over the parse tree: the walk follows every branch of if/with/range,
// builds the text each path would render with Vault values left as opaque
// holes, and reads that text the way godotenv reads an env file. Nothing in a
// template is ever executed.
package ctmpl

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"
	"unicode/utf8"

	"github.com/hashicorp/consul-template/template"

	"github.com/envlint/envlint/internal/lint"
)

// Options configure parsing.
type Options struct {
	LeftDelim, RightDelim string // "" means "{{" and "}}"
}

// MaxNesting is the deepest nesting of blocks (if, with, range, define,
// block, parentheses) a template may have. Deeper templates are reported as
// errors instead of being parsed, so that no input can exhaust the stack.
const MaxNesting = 50000

// stopper is the function the validation prefix calls. consul-template
// defines it, and the deny list replaces it with a function that fails, so
// execution stops before any of the template's own actions runs.
const stopper = "env"

// Parse reads one template. file is the root-relative slash path used in
// positions. Parse never executes the template: no function with side
// effects (plugin, writeToFile, a Vault write, env) runs, and no Vault,
// Consul or Nomad server is contacted.
func Parse(file string, src []byte, opts Options) *lint.Template {
	t, _ := parseWalk(file, src, opts)
	return t
}

// parseWalk is Parse, also returning the walker (nil when the walk did not
// run) so that tests can see how much work the walk did.
func parseWalk(file string, src []byte, opts Options) (*lint.Template, *walker) {
	left, right := opts.LeftDelim, opts.RightDelim
	if left == "" {
		left = "{{"
	}
	if right == "" {
		right = "}}"
	}
	t := &lint.Template{File: file}
	lines := newLineIndex(src)
	if p, ok := checkBytes(file, src, lines); !ok {
		t.Errors = append(t.Errors, p)
		return t, nil
	}
	if d := nestingDepth(src, left, right); d > MaxNesting {
		t.Errors = append(t.Errors, lint.Problem{
			Pos: lint.Pos{File: file, Line: 1, Col: 1},
			Msg: fmt.Sprintf("template nests more than %d blocks deep", MaxNesting),
		})
		return t, nil
	}
	if p, ok := validate(file, src, left, right); !ok {
		t.Errors = append(t.Errors, p)
		return t, nil
	}
	trees, err := parseTrees(string(src), left, right)
	if err != nil {
		// consul-template accepted the template, so this cannot happen
		// unless the two parsers disagree; say so rather than guess.
		t.Errors = append(t.Errors, lint.Problem{
			Pos: lint.Pos{File: file, Line: errLine(err.Error()), Col: 0},
			Msg: "envlint could not read the template: " + withoutLiterals(err.Error()),
		})
		return t, nil
	}
	w := newWalker(file, string(src), left, right, lines, trees)
	w.setNotEnv(formatByName(file))
	w.run()
	w.fill(t)
	return t, w
}

// formatByName names the format a template renders when its file says so
// (app.properties.ctmpl, config.hcl.tpl): "" for none. Only a name that
// ends in a template suffix counts, so a manifest holding an inline
// template is not judged by its own extension.
func formatByName(file string) string {
	base := strings.ToLower(path.Base(file))
	stripped := base
	for _, suf := range []string{".ctmpl", ".tmpl", ".tpl"} {
		stripped = strings.TrimSuffix(stripped, suf)
	}
	if stripped == base {
		return ""
	}
	switch path.Ext(stripped) {
	case ".properties":
		return "a properties file"
	case ".ini":
		return "INI"
	case ".toml":
		return "TOML"
	case ".hcl", ".tf", ".nomad":
		return "HCL"
	case ".json":
		return "JSON"
	case ".yaml", ".yml":
		return "YAML"
	case ".xml":
		return "XML"
	}
	return ""
}

// checkBytes reports a NUL byte or invalid UTF-8, which no real template
// contains and which would make positions meaningless.
func checkBytes(file string, src []byte, lines lineIndex) (lint.Problem, bool) {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return lint.Problem{Pos: lines.pos(file, i), Msg: "template contains a NUL byte"}, false
	}
	if !utf8.Valid(src) {
		i := 0
		for i < len(src) {
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		return lint.Problem{Pos: lines.pos(file, i), Msg: "template is not valid UTF-8"}, false
	}
	return lint.Problem{}, true
}

// nestingDepth over-estimates how deeply blocks nest, from the keywords
// that open and close them, without parsing. It only guards the parsers'
// recursion, so counting a keyword inside a string is harmless.
func nestingDepth(src []byte, left, right string) int {
	depth, maxDepth := 0, 0
	s := src
	for {
		i := bytes.Index(s, []byte(left))
		if i < 0 {
			return maxDepth
		}
		s = s[i+len(left):]
		j := bytes.Index(s, []byte(right))
		if j < 0 {
			j = len(s)
		}
		act := s[:j]
		// Parenthesised expressions nest too.
		if n := bytes.Count(act, []byte("(")); n > 0 && depth+n > maxDepth {
			maxDepth = depth + n
		}
		act = bytes.TrimLeft(act, "- \t\r\n")
		word := act
		if k := bytes.IndexAny(word, " \t\r\n(-"); k >= 0 {
			word = word[:k]
		}
		switch string(word) {
		case "if", "with", "range", "define", "block":
			depth++
			maxDepth = max(maxDepth, depth)
		case "end":
			depth = max(depth-1, 0)
		}
		s = s[j:]
	}
}

var errLineRE = regexp.MustCompile(`template: [^:]*:(\d+):`)

// errLine takes the line from a text/template error ("template: :LINE: msg").
func errLine(msg string) int {
	m := errLineRE.FindStringSubmatch(msg)
	if m == nil {
		return 1
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// validate asks consul-template whether it accepts the template. Its
// function map is private, so the template goes through its real Execute,
// which parses with that map and wraps parse failures as "parse: ...". Every
// function is on the deny list, and a call to a denied function is put in
// front of the template (on the same line, so line numbers stay true), so
// execution fails at that first call before the template's own actions run.
func validate(file string, src []byte, left, right string) (lint.Problem, bool) {
	prefix := left + " " + stopper + ` "" ` + right
	tmpl, err := template.NewTemplate(&template.NewTemplateInput{
		Contents:         prefix + string(src),
		LeftDelim:        left,
		RightDelim:       right,
		FunctionDenylist: []string{"*"},
	})
	if err != nil {
		return lint.Problem{Pos: lint.Pos{File: file, Line: 1}, Msg: withoutLiterals(err.Error())}, false
	}
	_, err = tmpl.Execute(&template.ExecuteInput{Brain: template.NewBrain()})
	if err == nil {
		// Unreachable while the prefix fails; accept rather than guess.
		return lint.Problem{}, true
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "parse: ") {
		return lint.Problem{}, true
	}
	msg = strings.TrimPrefix(msg, "parse: ")
	line := errLine(msg)
	if m := errLineRE.FindStringIndex(msg); m != nil {
		msg = strings.TrimSpace(msg[m[1]:])
	}
	return lint.Problem{Pos: lint.Pos{File: file, Line: line}, Msg: withoutLiterals(msg)}, false
}

// parseTrees builds the parse trees the walk reads. Functions are not
// checked here: validate already asked consul-template about them.
func parseTrees(src, left, right string) (map[string]*parse.Tree, error) {
	tr := parse.New("")
	tr.Mode = parse.ParseComments | parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := tr.Parse(src, left, right, trees); err != nil {
		return nil, err
	}
	return trees, nil
}

// lineIndex converts byte offsets to 1-based lines and byte columns.
type lineIndex []int

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (l lineIndex) pos(file string, off int) lint.Pos {
	n, found := slices.BinarySearch(l, off)
	if !found {
		n--
	}
	return lint.Pos{File: file, Line: n + 1, Col: off - l[n] + 1}
}
