package diff

import (
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

var vaultFieldMismatch = &checker{
	Rule: lint.Rule{
		ID:       "vault-field-mismatch",
		Severity: lint.Off,
		Category: lint.CategoryInside,
		Summary:  "the env name differs from the Vault field it renders",
		Points:   "template line",
		Since:    "v0.1.0",
		Doc: "Off by default. Some teams keep Vault field names equal to env names so that a grep finds " +
			"both; this rule enforces it (case and `-`/`_` aside).\n\nFailing:\n\n" +
			"```\nDATABASE_URL={{ .Data.data.db_dsn }}\n```\n\nPassing:\n\n```\nDATABASE_URL={{ .Data.data.database_url }}\n```",
	},
	run: func(p *pass, r *checker) {
		norm := strings.NewReplacer("-", "_")
		for _, name := range sortedKeys(p.vault) {
			for _, v := range p.vault[name] {
				if len(v.key.Fields) != 1 || p.ignored(name) {
					continue
				}
				f := v.key.Fields[0]
				if !strings.EqualFold(norm.Replace(f), norm.Replace(name)) {
					p.report(r, v.key.Pos, name,
						"%s renders the Vault field %q; rename the field or the key so they match", name, f)
				}
			}
		}
	},
}
