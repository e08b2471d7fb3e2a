package cli

import (
	"github.com/envlint/envlint/internal/secret"
)

// secret reports whether values of a key must never be printed, by the one
// rule every output follows (secret.Key.Secret): its names, the fields that
// read it and their types, Vault, and the values seen for it.
func (r *row) secret() bool {
	k := secret.Key{Names: []string{r.name}, Vault: len(r.vault) > 0}
	for _, e := range r.example {
		k.Vault = k.Vault || e.VaultMarker
		k.Values = append(k.Values, e.Value)
	}
	for _, c := range r.config {
		k.Names = append(k.Names, c.Names()...)
		k.Fields = append(k.Fields, c.Field)
		k.Types = append(k.Types, c.Type)
		k.Declared = k.Declared || c.Secret
		if c.Default != nil {
			k.Values = append(k.Values, *c.Default)
		}
	}
	return k.Secret()
}

func redact(v string) string { return secret.Redact(v) }
