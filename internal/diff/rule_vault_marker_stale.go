package diff

import "github.com/envlint/envlint/internal/lint"

var vaultMarkerStale = &checker{
	Rule: lint.Rule{
		ID:       "vault-marker-stale",
		Severity: lint.Error,
		Category: lint.CategoryDisagree,
		Summary:  "the example marks a key [VAULT] that no template renders",
		Points:   "example line",
		Since:    "v0.1.0",
		Doc: "A `[VAULT]` marker promises that production receives the key from Vault. When no template " +
			"renders it, production runs without it: a real project lost an encryption key this way.\n\n" +
			"Failing:\n\n```\nENCRYPTION_KEY= # [VAULT]\n```\nwith no template rendering `ENCRYPTION_KEY`.\n\n" +
			"Passing: render it in the template, or remove the marker if production sets it otherwise.",
	},
	run: func(p *pass, r *checker) {
		if !p.usesVault() {
			return
		}
		if !p.vaultOK {
			p.skip(r, p.vaultWhy)
			return
		}
		var unmarked []string // rendered keys without a marker, for suggestions
		for _, n := range sortedKeys(p.vault) {
			if !p.marked(n) {
				unmarked = append(unmarked, n)
			}
		}
		for _, ex := range p.c.Examples {
			for i := range ex.Entries {
				e := &ex.Entries[i]
				if !e.VaultMarker || (e.Commented && !p.c.CommentedDocuments) || p.ignored(e.Name) || len(p.rendered(e.Name)) > 0 {
					continue
				}
				p.report(r, e.Pos, e.Name,
					"%s is marked [VAULT] in %s but no template renders it; render it in a template or remove the marker%s",
					e.Name, ex.File, didYouMean(nearest(e.Name, unmarked)))
			}
		}
	},
}

// marked reports whether an example entry for name, or an alias, has [VAULT].
func (p *pass) marked(name string) bool {
	for _, n := range p.group(name) {
		for _, e := range p.examples[n] {
			if e.VaultMarker {
				return true
			}
		}
	}
	return false
}
