package diff

import "github.com/envlint/envlint/internal/lint"

var vaultEmptyFallback = &checker{
	Rule: lint.Rule{
		ID:       "vault-empty-fallback",
		Severity: lint.Warning,
		Category: lint.CategoryDisagree,
		Summary:  "a required key renders empty when its Vault field is absent",
		Points:   "template line",
		Since:    "v0.1.0",
		Doc: "When the Vault field is missing, the template still renders the key, with an empty value. The " +
			"library accepts an empty value for a `required` key, so production starts with the feature " +
			"silently disabled instead of failing.\n\nFailing:\n\n" +
			"```\nENCRYPTION_KEY={{ with .Data.data.ENCRYPTION_KEY }}{{ . }}{{ else }}\"\"{{ end }}\n```\n\n" +
			"Passing:\n\n```\nENCRYPTION_KEY={{ .Data.data.ENCRYPTION_KEY }}\n```\n(with `error_on_missing_key`), or make the field optional.",
	},
	run: func(p *pass, r *checker) {
		for _, name := range sortedKeys(p.vault) {
			if p.ignored(name) {
				continue
			}
			var req *lint.ConfigKey
			for _, k := range p.config[name] {
				if k.Required || k.NotEmpty {
					req = k
					break
				}
			}
			if req == nil {
				continue
			}
			for _, v := range p.vault[name] {
				if v.key.EmptyFallback {
					p.report(r, v.key.Pos, name,
						"%s is required by %s but %s renders it empty when the Vault field is absent, so production will start with an empty value; drop the fallback so a missing field fails the render",
						name, req.Field, v.tmpl.File)
				}
			}
		}
	},
}
