package diff

import (
	"strings"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/secret"
)

var secretDefault = &checker{
	Rule: lint.Rule{
		ID:       "secret-default",
		Severity: lint.Error,
		Category: lint.CategoryInside,
		Summary:  "a secret-holding config field has a hard-coded default",
		Points:   "config field",
		Since:    "v0.1.0",
		// A credential in a committed file: a security alert in code scanning.
		SecuritySeverity: 7.5,
		Doc: "A default on a secret means production runs with a value that is in the source code whenever the " +
			"real one is missing. Names are a hint, not a verdict: `TOKEN_TTL` (a duration) or " +
			"`PASSWORD_MIN_LENGTH` (an int) hold no secret and are not reported.\n\nFailing:\n\n" +
			"```go\nJWTSecret string `env:\"JWT_SECRET\" envDefault:\"dev-secret\"`\n```\n\nPassing:\n\n" +
			"```go\nJWTSecret string `env:\"JWT_SECRET,required\"`\n```",
	},
	run: func(p *pass, r *checker) {
		for _, k := range p.configKeys() {
			if k.Default == nil || *k.Default == "" || p.ignored(k.Name) {
				continue
			}
			field := k.Field[strings.LastIndex(k.Field, ".")+1:]
			if !k.Secret && !secret.LooksSecretName(k.Name, k.Type) && !secret.LooksSecretName(field, k.Type) {
				continue
			}
			pos := k.DefaultPos
			if pos.Line == 0 {
				pos = k.Pos
			}
			p.report(r, pos, k.Name, "%s (%s) holds a secret but has a hard-coded default; remove the default and provide the value from the environment",
				k.Name, k.Field)
		}
	},
}
