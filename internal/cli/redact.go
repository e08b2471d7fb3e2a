package cli

import (
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/secret"
)

// secret reports whether values of a key must never be printed: production
// takes it from Vault, an example marks it [VAULT], or a name it is read by
// looks secret for its type.
func (r *row) secret() bool {
	if len(r.vault) > 0 {
		return true
	}
	for _, e := range r.example {
		if e.VaultMarker {
			return true
		}
	}
	if len(r.config) == 0 {
		return secret.LooksSecretName(r.name, lint.Type{Kind: lint.KindString})
	}
	for _, k := range r.config {
		if k.Secret || secret.LooksSecretName(k.Name, k.Type) {
			return true
		}
	}
	return false
}

func redact(v string) string { return secret.Redact(v) }
