package diff

import "github.com/envlint/envlint/internal/lint"

var ambiguousVaultMarker = &checker{
	Rule: lint.Rule{
		ID:       "ambiguous-vault-marker",
		Severity: lint.Info,
		Category: lint.CategoryInside,
		Summary:  "a [VAULT] comment whose scope cannot be told",
		Points:   "example line",
		Since:    "v0.1.0",
		Doc: "A `[VAULT]` comment above a section that does not say which keys it covers. It marks only the " +
			"key directly below it.\n\nFailing:\n\n```\n# [VAULT] managed by Vault\nS3_BUCKET=\nS3_SECRET=\n```\n\n" +
			"Passing: name the keys with a glob, `# [VAULT] All S3_* variables are managed by Vault`, or " +
			"mark each key on its own line.",
	},
	run: func(p *pass, r *checker) {
		for _, ex := range p.c.Examples {
			for _, a := range ex.Ambiguous {
				p.report(r, a.Pos, "", "%s", a.Msg)
			}
		}
	},
}
