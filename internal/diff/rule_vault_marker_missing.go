package diff

import "github.com/envlint/envlint/internal/lint"

var vaultMarkerMissing = &checker{
	Rule: lint.Rule{
		ID:       "vault-marker-missing",
		Severity: lint.Error,
		Category: lint.CategoryDisagree,
		Summary:  "a template renders a key whose example entry lacks [VAULT]",
		Points:   "example line",
		Since:    "v0.1.0",
		Doc: "`[VAULT]` tells developers that production takes the value from Vault, so changing it in the " +
			"deployment config has no effect.\n\nFailing:\n\n```\nDATABASE_URL=postgres://localhost/dev\n```\n" +
			"while `secrets.ctmpl` renders `DATABASE_URL`.\n\nPassing:\n\n```\nDATABASE_URL=postgres://localhost/dev # [VAULT]\n```",
	},
	run: func(p *pass, r *checker) {
		if !p.usesVault() {
			return
		}
		if !p.exampleOK {
			p.skip(r, p.exampleWhy)
			return
		}
		for _, ex := range p.c.Examples {
			for i := range ex.Entries {
				e := &ex.Entries[i]
				if e.VaultMarker || (e.Commented && !p.c.CommentedDocuments) || p.ignored(e.Name) {
					continue
				}
				rs := p.rendered(e.Name)
				if len(rs) == 0 {
					continue
				}
				p.report(r, e.Pos, e.Name,
					"%s is rendered by %s but its entry in %s lacks [VAULT]; add a # [VAULT] comment to the line",
					e.Name, rs[0].tmpl.File, ex.File)
			}
		}
	},
}
