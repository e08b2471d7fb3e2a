package config

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// vaultPathPlaceholders are the names vault_path: may use in braces.
var vaultPathPlaceholders = map[string]bool{"project": true, "env": true, "component": true}

var braced = regexp.MustCompile(`\{[^{}]*\}`)

// validateHygiene checks infra: and vault_path:, naming the line of the
// key at fault.
func (f *File) validateHygiene(name string, data []byte) error {
	for _, g := range f.Infra {
		if _, err := path.Match(g, ""); err != nil || g == "" {
			return &Error{name, topLine(data, "infra"), fmt.Sprintf("infra: %q is not a valid glob (*, ?, [...])", g)}
		}
	}
	if f.VaultPath == "" {
		return nil
	}
	line := topLine(data, "vault_path")
	for _, m := range braced.FindAllString(f.VaultPath, -1) {
		if !vaultPathPlaceholders[m[1:len(m)-1]] {
			return &Error{name, line, fmt.Sprintf("vault_path: unknown placeholder %s (want {project}, {env} or {component})", m)}
		}
	}
	if rest := braced.ReplaceAllString(f.VaultPath, ""); strings.ContainsAny(rest, "{}") {
		return &Error{name, line, "vault_path: unbalanced brace"}
	}
	return nil
}

// topLine returns the line of a top-level key, or 1.
func topLine(data []byte, key string) int {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return 1
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return 1
}
