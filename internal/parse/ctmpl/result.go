package ctmpl

import (
	"fmt"
	"sort"
	"strings"
	"text/template/parse"

	"github.com/envlint/envlint/internal/lint"
)

// keyGroup is one key as written, with every path that renders it.
type keyGroup struct {
	name     string
	off      int
	armsList []*arm
	variants []occ
}

func (w *walker) fill(t *lint.Template) {
	if w.notEnv == "" && w.colons > 0 && w.equals == 0 {
		w.setNotEnv("YAML")
	}
	t.Secrets = w.secrets
	t.Directives = w.directives()
	t.Errors = append(t.Errors, w.execFail...)
	if w.notEnv != "" {
		t.NotEnv = w.notEnv
		return
	}
	groups := w.groups()
	for _, g := range groups {
		t.Keys = append(t.Keys, w.key(g))
	}
	t.Merged = w.merged
	if w.badOff >= 0 {
		t.RenderErrors = append(t.RenderErrors, lint.Problem{
			Pos: w.pos(w.badOff),
			Msg: fmt.Sprintf("godotenv rejects the rendered file here (unexpected %s in a variable name), "+
				"so an app that loads it with godotenv gets no variable at all; write KEY=value or a # comment", charName(w.badChar)),
		})
	}
	sort.SliceStable(t.Keys, func(i, j int) bool { return t.Keys[i].Pos.Less(t.Keys[j].Pos) })
	t.Dynamic = w.dynamic
	sort.SliceStable(t.Dynamic, func(i, j int) bool { return t.Dynamic[i].Pos.Less(t.Dynamic[j].Pos) })
	for i, d := range t.Directives {
		t.Directives[i].Key = directiveKey(d, t.Keys, w.commentEnd[d.Pos])
	}
}

// groups merges the paths that render each key. Occurrences written at the
// same place are one key; occurrences of the same name in different arms of
// one if/with/range are one key too, since only one of them renders.
func (w *walker) groups() []*keyGroup {
	type place struct {
		off  int
		name string
	}
	// One place may render different names on different paths (a
	// constant chosen by a branch); each name is a key.
	byPlace := map[place]*keyGroup{}
	var order []*keyGroup
	for _, o := range w.occs {
		g := byPlace[place{o.off, o.name}]
		if g == nil {
			g = &keyGroup{name: o.name, off: o.off}
			byPlace[place{o.off, o.name}] = g
			order = append(order, g)
		}
		g.armsList = append(g.armsList, o.arms)
		g.variants = append(g.variants, o)
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].off < order[j].off })
	var kept []*keyGroup
	byName := map[string][]*keyGroup{}
next:
	for _, g := range order {
		for _, k := range byName[g.name] {
			if k.off != g.off && allExclusive(k, g) {
				k.armsList = append(k.armsList, g.armsList...)
				k.variants = append(k.variants, g.variants...)
				continue next
			}
		}
		kept = append(kept, g)
		byName[g.name] = append(byName[g.name], g)
	}
	return kept
}

// allExclusive reports whether no path renders both a and b: each pair of
// their occurrences is in different arms of one node, or on paths that
// assume opposite things (env "X" set on one, unset on the other).
func allExclusive(a, b *keyGroup) bool {
	for i, x := range a.armsList {
		for j, y := range b.armsList {
			if !exclusive(x.path(), y.path()) && !contradict(a.variants[i].facts, b.variants[j].facts) {
				return false
			}
		}
	}
	return true
}

func contradict(a, b []string) bool {
	for _, f := range a {
		neg := f[:len(f)-1] + "0"
		if f[len(f)-1] == '0' {
			neg = f[:len(f)-1] + "1"
		}
		if contains(b, neg) {
			return true
		}
	}
	return false
}

// exclusive reports whether two branch paths part at some node.
func exclusive(a, b []arm) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i].node != b[i].node {
			return false
		}
		if a[i].n != b[i].n {
			return true
		}
	}
	return false
}

// valueHoles returns the holes the env reader keeps in the value, and
// whether any literal text remains, after godotenv's ` #` comment cut and
// space trim for unquoted values.
func valueHoles(o occ) (holes []*hole, literal bool) {
	end := len(o.val)
	if !o.quoted {
		for i := end - 1; i > 0; i-- {
			if o.val[i] == '#' && isSpace(o.val[i-1]) {
				end = i
				break
			}
		}
	}
	text := string(o.val[:end])
	if !o.quoted {
		text = strings.TrimFunc(text, func(r rune) bool { return r < 0x100 && isSpace(byte(r)) })
	}
	for i, h := range o.holes {
		if o.holeAt[i] < end || (o.holeAt[i] == end && end == len(o.val)) {
			holes = append(holes, h)
		}
	}
	return holes, text != ""
}

func (w *walker) key(g *keyGroup) lint.VaultKey {
	k := lint.VaultKey{Name: g.name, Pos: w.pos(g.off), Fields: []string{}, Block: block(g)}
	ref := 0
	for _, v := range g.variants {
		if v.overwritten && !v.final {
			continue
		}
		holes, _ := valueHoles(v)
		for _, h := range holes {
			for i, f := range h.val.reads {
				// A field this path knows is absent renders no value.
				if contains(v.absent, f) {
					continue
				}
				path := ""
				if r := h.val.readRefs[i]; r != 0 {
					path = w.secrets[r-1].Path
				}
				if hasField(k, f, path) {
					continue
				}
				k.Fields = append(k.Fields, f)
				k.FieldPaths = append(k.FieldPaths, path)
			}
			if ref == 0 && h.val.ref != 0 {
				ref = h.val.ref
			}
		}
	}
	if ref != 0 {
		k.Path = w.secrets[ref-1].Path
		k.SecretPos = w.secrets[ref-1].Pos
	}
	for _, v := range g.variants {
		holes, literal := valueHoles(v)
		if literal {
			continue
		}
		// "One field absent, everything else present": a path that needs
		// another field absent does not count.
		if len(v.absent) > 1 {
			continue
		}
		if len(holes) == 0 {
			if intersects(v.absent, k.Fields) {
				k.EmptyFallback = true
			}
			continue
		}
		// With one field f absent and everything else present, a hole
		// renders nothing only when it reads f and falls back to "" (or
		// to blanks godotenv trims); any other hole renders something.
		for _, f := range k.Fields {
			if contains(v.present, f) || len(v.absent) == 1 && v.absent[0] != f {
				continue // the path runs only when f is there, or another is not
			}
			all := true
			for _, h := range holes {
				all = all && contains(h.val.reads, f) && (h.val.empty || h.val.blank && !v.quoted)
			}
			if all {
				k.EmptyFallback = true
			}
		}
	}
	return k
}

// block names the chain of branches every occurrence of g is written in,
// or a name of g's own when they differ.
func block(g *keyGroup) string {
	sig := func(a *arm) string {
		if a == nil {
			return ""
		}
		return fmt.Sprintf("b%d", a.id)
	}
	s := sig(g.armsList[0])
	for _, a := range g.armsList[1:] {
		if sig(a) != s {
			return fmt.Sprintf("mixed@%d", g.off)
		}
	}
	return s
}

// hasField reports whether k already lists field f read from path.
func hasField(k lint.VaultKey, f, path string) bool {
	for i := range k.Fields {
		if k.Fields[i] == f && k.FieldPaths[i] == path {
			return true
		}
	}
	return false
}

// charName describes a byte of template text for a message.
func charName(c byte) string {
	switch {
	case c == '\n':
		return "end of line"
	case c >= 0x21 && c < 0x7f:
		return fmt.Sprintf("%q", c)
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

func intersects(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}

// directives collects envlint:ignore comments from every tree.
func (w *walker) directives() []lint.Directive {
	w.commentEnd = map[lint.Pos]int{}
	var out []lint.Directive
	visit := func(n parse.Node) {
		c, ok := n.(*parse.CommentNode)
		if !ok {
			return
		}
		d, ok := parseDirective(c.Text)
		if !ok {
			return
		}
		d.Pos = w.pos(w.actionStart(int(c.Pos)))
		end := int(c.Pos) + len(c.Text)
		w.commentEnd[d.Pos] = w.pos(min(end, len(w.src))).Line
		out = append(out, d)
	}
	names := make([]string, 0, len(w.trees))
	for name := range w.trees {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if tr := w.trees[name]; tr != nil && tr.Root != nil {
			visitTree(tr.Root, visit)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos.Less(out[j].Pos) })
	return out
}

// parseDirective reads `/* envlint:ignore rule[,rule] [reason] */`.
func parseDirective(text string) (lint.Directive, bool) {
	text = strings.TrimSpace(text)
	text = strings.TrimPrefix(text, "/*")
	text = strings.TrimSuffix(text, "*/")
	f := strings.Fields(text)
	if len(f) < 2 || f[0] != "envlint:ignore" {
		return lint.Directive{}, false
	}
	var rules []string
	for _, r := range strings.Split(f[1], ",") {
		if r != "" {
			rules = append(rules, r)
		}
	}
	return lint.Directive{Rules: rules, Reason: strings.Join(f[2:], " ")}, true
}

// directiveKey finds the key a directive applies to: on its line, else on
// the line directly below the comment.
func directiveKey(d lint.Directive, keys []lint.VaultKey, endLine int) string {
	for _, k := range keys {
		if k.Pos.Line == d.Pos.Line {
			return k.Name
		}
	}
	for _, k := range keys {
		if k.Pos.Line == endLine+1 {
			return k.Name
		}
	}
	return ""
}
