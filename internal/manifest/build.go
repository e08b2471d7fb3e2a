package manifest

import (
	"cmp"
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/secret"
)

// Layers is one component as read from a repository: the input of Build.
type Layers struct {
	Name      string
	Config    *lint.Config
	Templates []*lint.Template
	Examples  []*lint.ExampleFile
	// Deploy is the deploy layer: the targets that run the component.
	Deploy []*lint.DeployTarget
}

// Build makes the manifest of a repository's components. Components
// without a config layer (Config nil) are left out.
func Build(cs []Layers) *Manifest {
	m := &Manifest{Version: Version, Components: []*Component{}}
	for _, l := range cs {
		if l.Config == nil {
			continue
		}
		m.Components = append(m.Components, build(l))
	}
	slices.SortFunc(m.Components, func(a, b *Component) int { return strings.Compare(a.Name, b.Name) })
	return m
}

func build(l Layers) *Component {
	cfg := l.Config
	c := &Component{Name: l.Name, Roots: []Root{}, Families: []string{}, Problems: []string{}, Keys: []*Key{}}
	for _, r := range cfg.Roots {
		c.Roots = append(c.Roots, Root{Dir: r.Dir, Struct: r.Struct, Library: r.Library, Prefix: r.Prefix})
	}
	slices.SortFunc(c.Roots, func(a, b Root) int {
		return cmp.Or(strings.Compare(a.Dir, b.Dir), strings.Compare(a.Struct, b.Struct), strings.Compare(a.Prefix, b.Prefix))
	})
	c.Roots = slices.Compact(c.Roots)
	c.Families = append(c.Families, cfg.Families...)
	slices.Sort(c.Families)
	c.Families = slices.Compact(c.Families)
	// A problem is recorded by position and kind only: its message may
	// quote the source (a default, a string literal), and the manifest is
	// committed and shipped (#15).
	for i, ps := range [][]lint.Problem{cfg.Errors, cfg.Unresolved} {
		kind := [...]string{"parse error", "unresolved config"}[i]
		for _, p := range ps {
			c.Problems = append(c.Problems, p.Pos.String()+": "+kind+" (envlint check says more)")
		}
	}
	slices.Sort(c.Problems)

	vault := vaultNames(l)
	deployed := map[string][]string{} // key -> the targets that set it
	for _, t := range l.Deploy {
		for _, k := range t.Keys {
			deployed[k.Name] = append(deployed[k.Name], t.Name)
		}
	}
	for i := range cfg.Keys {
		k := &cfg.Keys[i]
		mk := &Key{
			Name: k.Name, Aliases: append([]string{}, k.Aliases...), Field: k.Field, Source: k.Source,
			Library: k.Library, Type: newType(k.Type), Required: k.Required, NotEmpty: k.NotEmpty,
			Separator: k.Separator, KeyValSeparator: k.KeyValSeparator, Layout: k.Layout,
			Expand: k.Expand, File: k.File, Secret: k.Secret, IgnoreEmpty: k.IgnoreEmpty,
		}
		for _, n := range k.Names() {
			if vault[n] {
				mk.Vault = true
			}
			mk.Deploy = append(mk.Deploy, deployed[n]...)
		}
		slices.Sort(mk.Deploy)
		mk.Deploy = slices.Compact(mk.Deploy)
		if k.Default != nil {
			d := *k.Default
			sk := secret.Key{Names: k.Names(), Fields: []string{k.Field}, Types: []lint.Type{k.Type}, Vault: mk.Vault, Declared: k.Secret, Values: []string{d}}
			if d != "" && sk.Secret() {
				d, mk.DefaultRedacted = secret.Redact(d), true
			}
			mk.Default = &d
		}
		c.Keys = append(c.Keys, mk)
	}
	slices.SortStableFunc(c.Keys, func(a, b *Key) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Field, b.Field), strings.Compare(a.Source, b.Source))
	})
	return c
}

// vaultNames are the names production takes from Vault: rendered by an env
// template, or marked [VAULT] in an example file.
func vaultNames(l Layers) map[string]bool {
	names := map[string]bool{}
	for _, t := range l.Templates {
		if t.NotEnv != "" {
			continue
		}
		for _, k := range t.Keys {
			names[k.Name] = true
		}
	}
	for _, ex := range l.Examples {
		for _, e := range ex.Entries {
			if e.VaultMarker {
				names[e.Name] = true
			}
		}
	}
	return names
}
