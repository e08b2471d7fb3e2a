package ctmpl

import (
	"fmt"
	"reflect"
)

// Variables per branch. Each arm of an if/with (and a range body that may
// run or not) works on its own copy of the variables; afterwards a
// variable holds what any arm left in it. When those are different
// constants, the variable is a choice among them (alts): rendered, each
// path takes each alternative; in a built-in call, each combination is
// folded.

// maxAlts bounds the alternatives of one value; more make it unknown.
const maxAlts = 16

// fork copies the variables, so that an arm's assignments stay its own.
func (s *scope) fork(dot value) *scope {
	return &scope{dot: dot, vars: append([]binding(nil), s.vars...)}
}

// join sets each variable of s to what the arms left in it.
func (s *scope) join(arms []*scope) {
	for i := range s.vars {
		vals := make([]value, 0, len(arms))
		for _, a := range arms {
			vals = append(vals, a.vars[i].val)
		}
		s.vars[i].val = joinValues(vals)
	}
}

// joinValues is a value that may be any of vs.
func joinValues(vs []value) value {
	if len(vs) == 0 {
		return value{kind: kUnknown}
	}
	same := true
	for _, v := range vs[1:] {
		same = same && reflect.DeepEqual(v, vs[0])
	}
	if same {
		return vs[0]
	}
	var alts []value
	seen := map[string]bool{}
	for _, v := range vs {
		list := v.alts
		if len(list) == 0 {
			if v.kind != kConst || !v.hasLit {
				return unknown(vs...)
			}
			list = []value{v}
		}
		for _, a := range list {
			k := fmt.Sprintf("%T:%v", a.lit, a.lit)
			if !seen[k] {
				seen[k] = true
				alts = append(alts, a)
			}
		}
	}
	if len(alts) == 1 {
		return alts[0]
	}
	if len(alts) > maxAlts {
		return unknown(vs...)
	}
	v := value{kind: kUnknown, alts: alts}
	v.truth = alts[0].truth
	v.truthKnown = true
	for _, a := range alts[1:] {
		v.truthKnown = v.truthKnown && a.truth == v.truth
	}
	return v
}

// foldChoices calls a built-in on each combination of its arguments'
// alternatives, when some argument is a choice and the rest constants.
func (w *walker) foldChoices(name string, args []value, off int) (value, bool) {
	if !pureBuiltins[name] {
		return value{}, false
	}
	combos, any := [][]value{nil}, false
	for _, a := range args {
		opts := []value{a}
		if len(a.alts) > 0 {
			opts, any = a.alts, true
		} else if a.kind != kConst {
			return value{}, false
		}
		var next [][]value
		for _, c := range combos {
			for _, o := range opts {
				next = append(next, append(append([]value(nil), c...), o))
			}
		}
		if len(next) > maxAlts {
			return value{}, false
		}
		combos = next
	}
	if !any {
		return value{}, false
	}
	results := make([]value, 0, len(combos))
	for _, c := range combos {
		r, ok := w.foldBuiltin(name, c, off)
		if !ok {
			return value{}, false
		}
		results = append(results, r)
	}
	return joinValues(results), true
}
