package diff

import (
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/secret"
)

var secretInExample = &checker{
	Rule: lint.Rule{
		ID:       "secret-in-example",
		Severity: lint.Error,
		Category: lint.CategoryInside,
		Summary:  "an example value looks like a real credential",
		Points:   "example line",
		Since:    "v0.1.0",
		// A credential in a committed file: a security alert in code scanning.
		SecuritySeverity: 8.0,
		Doc: "The example file is committed and read by everyone. A value with a real token format (101 vendor formats: cloud, AI, " +
			"VCS, CI, payment and chat provider keys, private key blocks, JWTs), a connection string with a real " +
			"password on a non-local host, or a high-entropy value on a secret-named key is reported. " +
			"Placeholders such as `change-me`, `<your-key>`, `xxx` or a `localhost` DSN with a dev password " +
			"are not. docs/secrets.md describes the detection.\n\nFailing:\n\n```\nSTRIPE_API_KEY=sk_live_...\n```\n\n" +
			"Passing:\n\n```\nSTRIPE_API_KEY= # [VAULT]\n```\n\nRotate a credential that was committed: it is in the history.",
	},
	run: func(p *pass, r *checker) {
		for _, ex := range p.c.Examples {
			for i := range ex.Entries {
				e := &ex.Entries[i]
				if p.ignored(e.Name) {
					continue
				}
				if kind, ok := secret.Detect(e.Name, intended(e)); ok {
					p.report(r, valuePos(e), e.Name,
						"%s in %s holds what looks like a real credential (%s); replace it with a placeholder and rotate the credential",
						e.Name, ex.File, kind)
				}
			}
		}
	},
}
