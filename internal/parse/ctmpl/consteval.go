package ctmpl

import (
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	cttemplate "github.com/hashicorp/consul-template/template"
)

// Constant folding. A call of one of text/template's built-in functions
// whose arguments are all constants is not modelled: it is run, by
// text/template itself, on the constants' Go values. So `eq "prod" "prod"`,
// `not ""`, `and 1 0` and `printf "KEY_%d" 3` fold exactly as consul-template
// (which uses the same built-ins) evaluates them. The built-ins have no
// side effects; nothing of the template itself is executed.

// pureBuiltins are text/template's built-in functions without side effects.
var pureBuiltins = map[string]bool{
	"and": true, "or": true, "not": true, "len": true, "index": true, "slice": true,
	"print": true, "printf": true, "println": true,
	"eq": true, "ne": true, "lt": true, "le": true, "gt": true, "ge": true,
	"html": true, "js": true, "urlquery": true,
}

// enginePure are consul-template's own functions without side effects
// that envlint folds on constants by running them in consul-template.
var enginePure = map[string]bool{
	"base64Decode": true, "base64Encode": true, "base64URLDecode": true, "base64URLEncode": true,
	"toLower": true, "toUpper": true, "toTitle": true, "trimSpace": true, "trim": true,
	"trimPrefix": true, "trimSuffix": true, "replaceAll": true, "parseBool": true, "parseInt": true,
	"parseFloat": true, "parseUint": true, "sha256Hex": true, "md5sum": true,
	"regexReplaceAll": true, "regexMatch": true,
}

// foldEngine runs one of enginePure on constants through consul-template's
// Execute; failed is true when the call fails (the render would fail).
func (w *walker) foldEngine(name string, args []value, off int) (v value, ok, failed bool) {
	if !enginePure[name] {
		return value{}, false, false
	}
	var src strings.Builder
	src.WriteString("{{ $v := " + name)
	for _, a := range args {
		if a.kind != kConst || !a.hasLit {
			return value{}, false, false
		}
		switch l := a.lit.(type) {
		case string:
			src.WriteString(" " + strconv.Quote(l))
		case int:
			src.WriteString(" " + strconv.Itoa(l))
		case bool:
			src.WriteString(" " + strconv.FormatBool(l))
		default:
			return value{}, false, false
		}
	}
	src.WriteString(` }}{{ printf "%T" $v }}|{{ $v }}`)
	k := "engine\x00" + src.String()
	r, seen := w.folded[k]
	if !seen {
		r = runEngine(src.String())
		w.folded[k] = r
	}
	if r.failed {
		return value{}, false, true
	}
	if !r.ok {
		return value{}, false, false
	}
	return constValue(r.lit, off), true, false
}

func runEngine(src string) foldResult {
	tmpl, err := cttemplate.NewTemplate(&cttemplate.NewTemplateInput{Contents: src})
	if err != nil {
		return foldResult{}
	}
	res, err := tmpl.Execute(&cttemplate.ExecuteInput{Brain: cttemplate.NewBrain()})
	if err != nil {
		return foldResult{failed: true}
	}
	return typedResult(string(res.Output))
}

// numberLit is the Go value text/template gives a number constant written
// without a type context (text/template's idealConstant).
func numberLit(n *parse.NumberNode) (any, bool) {
	switch {
	case n.IsComplex:
		return n.Complex128, true
	case n.IsFloat && !isHexInt(n.Text) && !strings.HasPrefix(n.Text, "'") && strings.ContainsAny(n.Text, ".eEpP"):
		return n.Float64, true
	case n.IsInt:
		if int64(int(n.Int64)) != n.Int64 {
			return nil, false
		}
		return int(n.Int64), true
	}
	return nil, false
}

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

// constValue makes a constant value from a Go value.
func constValue(lit any, off int) value {
	s := fmt.Sprint(lit)
	return value{kind: kConst, s: s, off: off, truth: boolInt(truthOf(lit)), lit: lit, hasLit: true, expr: s}
}

// truthOf is text/template's truth for the Go values constants can hold.
func truthOf(lit any) bool {
	switch v := lit.(type) {
	case nil:
		return false
	case bool:
		return v
	case string:
		return v != ""
	case int:
		return v != 0
	case float64:
		return v != 0
	case complex128:
		return v != 0
	}
	return true
}

// foldBuiltin runs built-in name on constant arguments. ok is false when
// an argument is not a constant with a Go value, or when the call fails
// (the engine would stop there; the reader keeps the value unknown).
func (w *walker) foldBuiltin(name string, args []value, off int) (value, bool) {
	if !pureBuiltins[name] {
		return value{}, false
	}
	lits := make([]any, len(args))
	var key strings.Builder
	key.WriteString(name)
	for i, a := range args {
		if a.kind != kConst || !a.hasLit {
			return value{}, false
		}
		lits[i] = a.lit
		fmt.Fprintf(&key, "\x00%T:%v", a.lit, a.lit)
	}
	k := key.String()
	r, seen := w.folded[k]
	if !seen {
		r = runBuiltin(name, lits)
		w.folded[k] = r
	}
	if !r.ok {
		return value{}, false
	}
	return constValue(r.lit, off), true
}

type foldResult struct {
	lit    any
	ok     bool
	failed bool
}

// runBuiltin calls a built-in through text/template: the arguments are the
// elements of dot, so each keeps its Go type.
func runBuiltin(name string, lits []any) foldResult {
	var src strings.Builder
	src.WriteString("{{ $v := " + name)
	for i := range lits {
		fmt.Fprintf(&src, " (index . %d)", i)
	}
	src.WriteString(` }}{{ printf "%T" $v }}|{{ $v }}`)
	t, err := template.New("").Parse(src.String())
	if err != nil {
		return foldResult{}
	}
	var out strings.Builder
	if err := t.Execute(&out, lits); err != nil {
		return foldResult{}
	}
	return typedResult(out.String())
}

// typedResult reads "TYPE|TEXT" back into a Go value.
func typedResult(out string) foldResult {
	typ, text, _ := strings.Cut(out, "|")
	switch typ {
	case "string":
		return foldResult{lit: text, ok: true}
	case "bool":
		return foldResult{lit: text == "true", ok: true}
	case "int":
		n, err := strconv.Atoi(text)
		return foldResult{lit: n, ok: err == nil}
	case "float64":
		f, err := strconv.ParseFloat(text, 64)
		if err != nil || strconv.FormatFloat(f, 'g', -1, 64) != text {
			return foldResult{}
		}
		return foldResult{lit: f, ok: true}
	}
	return foldResult{}
}
