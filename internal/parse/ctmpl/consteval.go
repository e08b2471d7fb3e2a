package ctmpl

import (
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
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
	lit any
	ok  bool
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
	typ, text, _ := strings.Cut(out.String(), "|")
	switch typ {
	case "string":
		return foldResult{text, true}
	case "bool":
		return foldResult{text == "true", true}
	case "int":
		n, err := strconv.Atoi(text)
		return foldResult{n, err == nil}
	case "float64":
		f, err := strconv.ParseFloat(text, 64)
		if err != nil || strconv.FormatFloat(f, 'g', -1, 64) != text {
			return foldResult{}
		}
		return foldResult{f, true}
	}
	return foldResult{}
}
