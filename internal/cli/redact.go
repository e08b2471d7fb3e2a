package cli

import (
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/secret"
)

// secretValue reports whether values of a key must never be printed: it
// looks secret, or production takes it from Vault.
func secretValue(r *row, k *lint.ConfigKey) bool {
	if len(r.vault) > 0 || secret.LooksSecretName(k.Name, k.Type) {
		return true
	}
	for _, e := range r.example {
		if e.VaultMarker {
			return true
		}
	}
	return false
}

func redact(v string) string { return secret.Redact(v) }
