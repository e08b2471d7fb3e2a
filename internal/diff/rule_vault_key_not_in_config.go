package diff

import "github.com/envlint/envlint/internal/lint"

var vaultKeyNotInConfig = &checker{
	Rule: lint.Rule{
		ID:       "vault-key-not-in-config",
		Severity: lint.Error,
		Category: lint.CategoryDisagree,
		Summary:  "a template renders a key that no config field reads",
		Points:   "template line",
		Since:    "v0.1.0",
		Doc: "Production receives a variable that the program never reads: usually a rename in the Go " +
			"config that the template did not follow, or a leftover.\n\n" +
			"Failing:\n\n```\n# secrets.ctmpl\nDB_URL={{ .Data.data.DB_URL }}\n```\n```go\nURL string `env:\"DATABASE_URL\"`\n```\n\n" +
			"Passing: the template renders `DATABASE_URL`, the name the field reads.",
	},
	run: func(p *pass, r *checker) {
		if !p.usesVault() {
			return
		}
		if !p.configOK {
			p.skip(r, p.configWhy)
			return
		}
		var unread []string // config keys no template renders, for suggestions
		for _, n := range sortedKeys(p.config) {
			if len(p.rendered(n)) == 0 {
				unread = append(unread, n)
			}
		}
		for _, name := range sortedKeys(p.vault) {
			if p.inConfig(name) || p.ignored(name) {
				continue
			}
			for _, v := range p.vault[name] {
				p.report(r, v.key.Pos, name,
					"%s is rendered by %s but no config field reads it; add a field for it to the config struct or remove it from the template%s",
					name, v.tmpl.File, didYouMean(nearest(name, unread)))
			}
		}
	},
}
