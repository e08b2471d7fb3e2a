package diff

import "github.com/envlint/envlint/internal/lint"

var dynamicKey = &checker{
	Rule: lint.Rule{
		ID:       "dynamic-key",
		Severity: lint.Warning,
		Category: lint.CategoryReading,
		Summary:  "a template renders keys that cannot be known statically",
		Points:   "template line",
		Since:    "v0.1.0",
		Doc: "A loop over a secret's fields renders whatever Vault holds, so envlint cannot know the keys. " +
			"Rules that need the complete Vault key set (`vault-marker-stale`, `required-not-in-vault`, " +
			"`vault-key-missing-in-template`) are skipped for the component.\n\n" +
			"Failing:\n\n```\n{{ range $k, $v := .Data.data }}{{ $k }}={{ $v }}\n{{ end }}\n```\n\n" +
			"Passing: write each key out, so that a review shows what production receives.",
	},
	run: func(p *pass, r *checker) {
		for _, t := range p.c.Templates {
			for _, d := range t.Dynamic {
				p.report(r, d.Pos, "", "%s", d.Msg)
			}
		}
	},
}
