package secret

import (
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

// Key is what envlint knows about one key across its layers. Whether the
// key's values may be printed is decided here, once, for every output
// (check, list, docs, manifest, fix, fix --dry-run, baseline): a value is
// hidden when any of these says "secret".
type Key struct {
	Names  []string    // the key and its aliases, from any layer
	Fields []string    // Go fields that read it, as "Config.APIToken"
	Types  []lint.Type // their types
	// Vault is true when a template renders the key or an example marks it
	// [VAULT]: production takes it from Vault.
	Vault bool
	// Declared is true when a reader knows the field holds a secret
	// (lint.ConfigKey.Secret: pydantic's SecretStr, for one).
	Declared bool
	// Values are the values seen for it (defaults, example values), for
	// the detector's verdict on the value itself.
	Values []string
}

// Secret reports whether values of the key must never be printed. It is
// deliberately wider than the secret-default rule: names are judged
// whatever the type (DB_PASSWORD read as an int is still hidden), and a
// value that looks like a credential is hidden under any name.
func (k *Key) Secret() bool {
	if k.Declared {
		return true
	}
	// Vault decides for values that can hold text; an int default of a
	// rendered APP_PORT stays readable, because the manifest's readers need
	// it to judge an empty value.
	if k.Vault && (len(k.Types) == 0 || slices.ContainsFunc(k.Types, textual)) {
		return true
	}
	str := lint.Type{Kind: lint.KindString}
	for _, n := range k.Names {
		if LooksSecretName(n, str) {
			return true
		}
	}
	for _, f := range k.Fields {
		if LooksSecretName(f[strings.LastIndexByte(f, '.')+1:], str) {
			return true
		}
	}
	for _, t := range k.Types {
		if SecretType(t) {
			return true
		}
	}
	for _, v := range k.Values {
		for _, n := range append(k.Names, "") {
			if _, ok := Detect(n, v); ok {
				return true
			}
		}
	}
	return false
}

// SecretType reports whether a type exists to hold secrets: pydantic's
// SecretStr and SecretBytes and Go types named like them, and []byte
// (keys and certificates).
func SecretType(t lint.Type) bool {
	name := t.Name[strings.LastIndexByte(t.Name, '.')+1:]
	switch {
	case strings.HasPrefix(name, "Secret") || strings.HasSuffix(name, "Secret"):
		return true
	case t.Kind == lint.KindSlice && t.Elem != nil && t.Elem.Kind == lint.KindUint && t.Elem.Bits == 8:
		return true
	case t.Kind == lint.KindPointer && t.Elem != nil:
		return SecretType(*t.Elem)
	}
	return false
}
