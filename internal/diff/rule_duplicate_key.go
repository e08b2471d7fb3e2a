package diff

import (
	"fmt"

	"github.com/envlint/envlint/internal/lint"
)

var duplicateKey = &checker{
	Rule: lint.Rule{
		ID:       "duplicate-key",
		Severity: lint.Error,
		Category: lint.CategoryInside,
		Summary:  "a key defined twice in one file, or read with two types",
		Points:   "second occurrence",
		Since:    "v0.1.0",
		Doc: "In an env file the last assignment wins, so the first is dead and misleading. Two config " +
			"fields that read one variable as different types cannot both accept its value. In a template, " +
			"two lines of one block that render the same key are a duplicate; a key set again inside an " +
			"`if` is taken for a deliberate override.\n\n" +
			"Failing:\n\n```\nLOG_LEVEL=info\nLOG_LEVEL=debug\n```\n\nPassing: keep one. A commented-out " +
			"`# LOG_LEVEL=debug` beside a live entry documents an alternative and is not a duplicate.",
	},
	run: func(p *pass, r *checker) {
		for _, ex := range p.c.Examples {
			first := map[string]*lint.ExampleEntry{}
			for i := range ex.Entries {
				e := &ex.Entries[i]
				if e.Commented || p.ignored(e.Name) {
					continue
				}
				if f, ok := first[e.Name]; ok {
					d := p.report(r, e.Pos, e.Name,
						"%s is defined twice in %s (first at line %d); remove one, the last one wins", e.Name, ex.File, f.Pos.Line)
					d.Related = []lint.Related{{Pos: f.Pos, Message: "first definition"}}
					continue
				}
				first[e.Name] = e
			}
		}
		for _, t := range p.envTmpls {
			// Only keys written in the same block always render together;
			// one in a nested if may be a deliberate override.
			first := map[[2]string]*lint.VaultKey{}
			for i := range t.Keys {
				k := &t.Keys[i]
				id := [2]string{k.Name, k.Block}
				if p.ignored(k.Name) {
					continue
				}
				if f, ok := first[id]; ok {
					d := p.report(r, k.Pos, k.Name,
						"%s is rendered twice in %s (first at line %d), and the last one wins; remove one", k.Name, t.File, f.Pos.Line)
					d.Related = []lint.Related{{Pos: f.Pos, Message: "first rendered here"}}
					continue
				}
				first[id] = k
			}
		}
		if p.c.Config == nil {
			return
		}
		first := map[string]*lint.ConfigKey{}
		for i := range p.c.Config.Keys {
			k := &p.c.Config.Keys[i]
			if k.Source != "struct" || p.ignored(k.Name) {
				continue
			}
			f, ok := first[k.Name]
			if !ok {
				first[k.Name] = k
				continue
			}
			if f.Type.Name == k.Type.Name || !sameLanguage(f, k) && compatibleKinds(f.Type.Kind, k.Type.Kind) {
				continue
			}
			d := p.report(r, k.Pos, k.Name,
				"%s is read by %s as %s and by %s as %s; use one type, or different keys",
				k.Name, f.Field, f.Type.Name, k.Field, k.Type.Name)
			d.Related = []lint.Related{{Pos: f.Pos, Message: fmt.Sprintf("%s reads it as %s", f.Field, f.Type.Name)}}
		}
	},
}

// sameLanguage reports whether two keys are read by the same language: Go
// and Python name the same types differently (string and str).
func sameLanguage(a, b *lint.ConfigKey) bool {
	return (a.Library == lint.Pydantic) == (b.Library == lint.Pydantic)
}

// compatibleKinds reports whether a Go and a Python field can share one
// value: the same kind, or a string on either side, which takes any value.
func compatibleKinds(a, b lint.Kind) bool {
	return a == b || a == lint.KindString || b == lint.KindString || a == lint.KindUnknown || b == lint.KindUnknown
}
