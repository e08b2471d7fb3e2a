package diff

import (
	"fmt"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/secret"
)

var deploySecretLiteral = &checker{
	Rule: lint.Rule{
		ID:       "deploy-secret-literal",
		Severity: lint.Error,
		Category: lint.CategoryInside,
		Summary:  "a deployment file holds what looks like a real credential",
		Points:   "deploy line",
		Since:    "v0.2.0",
		// A credential in a committed file: a security alert in code scanning.
		SecuritySeverity: 8.0,
		Doc: "A compose `environment:` value with a real token format, a connection string with a real " +
			"password on a non-local host, or a high-entropy value on a secret-named key. The detection is " +
			"the one `secret-in-example` uses (docs/secrets.md); the value is never printed.\n\n" +
			"Failing:\n\n```yaml\n      STRIPE_API_KEY: sk_live_...\n```\n\n" +
			"Passing:\n\n```yaml\n      STRIPE_API_KEY: ${STRIPE_API_KEY}\n```\n\nRotate a credential that was committed: it is in the history.",
	},
	run: func(p *pass, r *checker) {
		for _, t := range p.runtimeTargets() {
			for _, k := range t.Keys {
				if k.Source != lint.SourceLiteral || p.ignored(k.Name) {
					continue
				}
				if kind, ok := secret.Detect(k.Name, k.Value); ok {
					p.reportTarget(r, t, k.ValuePos, k.Name,
						"%s in %s holds what looks like a real credential (%s); %s, and rotate the credential",
						k.Name, t.Name, kind, secretHint(t, k.Name))
				}
			}
		}
	},
}

// secretHint says where a credential belongs instead, for a target's kind.
func secretHint(t *lint.DeployTarget, name string) string {
	switch t.Kind {
	case lint.DeployKubernetes, lint.DeployHelm:
		return "load it from a Secret (valueFrom.secretKeyRef) or a Vault template"
	}
	return fmt.Sprintf("pass it from the environment (${%s}) or a secret store", name)
}
