// Package manifest reads and writes envlint's config-layer contract: for
// each component, every environment variable the Go config reads, with what
// decides whether a value is valid (Go type, library, separators, time
// layout, notEmpty), its default, whether it is effectively required and
// whether production must receive it from Vault.
//
// An application repository writes the manifest (`envlint manifest`); an
// infrastructure repository (`envlint check --manifest`) or a container
// (`envlint env --schema`) reads it in place of the Go source.
//
// The manifest is meant to be committed, so it is deterministic (sorted,
// indented, no source positions, which move on every unrelated edit) and it
// never holds the default of a key that looks secret or comes from Vault:
// such a default is replaced by a stand-in that says only its length.
package manifest

import (
	"github.com/envlint/envlint/internal/lint"
)

// Version is the manifest format this package writes and reads. Changes to
// the format within a version are additive only.
const Version = 1

// Manifest is the config layer of a repository.
type Manifest struct {
	Version    int          `json:"version"`
	Components []*Component `json:"components"`

	file string // where Read read it, for positions
}

// Component is the config layer of one component.
type Component struct {
	Name string `json:"name"`
	// Roots are the root structs the keys come from.
	Roots []Root `json:"roots"`
	// Families are dynamic key families such as ITEMS_<n>_NAME.
	Families []string `json:"families"`
	// Problems are what the reader could not resolve or parse when the
	// manifest was written; a component with problems has an incomplete key
	// set, so rules that need the complete set skip it.
	Problems []string `json:"problems"`
	Keys     []*Key   `json:"keys"`

	file string
	line int
}

// Root is a root config struct passed to a library's entry point.
type Root struct {
	Dir     string       `json:"dir"`
	Struct  string       `json:"struct"`
	Library lint.Library `json:"library"`
	Prefix  string       `json:"prefix"`
}

// Type is a Go type as far as decoding is concerned; see [lint.Type].
type Type struct {
	Name string    `json:"name"`
	Kind lint.Kind `json:"kind"`
	Bits int       `json:"bits,omitempty"`
	Elem *Type     `json:"elem,omitempty"`
	Key  *Type     `json:"key,omitempty"`
	// Values are the only accepted values when Choices is set (pydantic
	// Literal and Enum); Nullable says None is valid.
	Values   []string `json:"values,omitempty"`
	Choices  bool     `json:"choices,omitempty"`
	Nullable bool     `json:"nullable,omitempty"`
}

// Key is one environment variable the config reads. Decoding details that
// are empty or false are left out: the library's own default applies.
type Key struct {
	Name    string       `json:"name"`
	Aliases []string     `json:"aliases"`
	Field   string       `json:"field"`
	Source  string       `json:"source"`
	Library lint.Library `json:"library,omitempty"`
	Type    Type         `json:"type"`
	// Default is null when there is none and "" for an empty default.
	Default *string `json:"default"`
	// DefaultRedacted is true when Default is a stand-in for a secret
	// default, which the manifest does not record.
	DefaultRedacted bool   `json:"default_redacted,omitempty"`
	Required        bool   `json:"required"`
	NotEmpty        bool   `json:"not_empty,omitempty"`
	Separator       string `json:"separator,omitempty"`
	KeyValSeparator string `json:"key_value_separator,omitempty"`
	Layout          string `json:"layout,omitempty"`
	Expand          bool   `json:"expand,omitempty"`
	File            bool   `json:"file,omitempty"`
	Secret          bool   `json:"secret,omitempty"`
	IgnoreEmpty     bool   `json:"ignore_empty,omitempty"`
	// Vault is true when production must receive the key from Vault: a
	// template renders it or the example file marks it [VAULT].
	Vault bool `json:"vault"`
	// Deploy names the deployment targets that set the key (compose
	// services, Dockerfiles); absent without a deploy layer.
	Deploy []string `json:"deploy,omitempty"`

	line int
}

// Lookup returns the component with the given name, or nil.
func (m *Manifest) Lookup(name string) *Component {
	for _, c := range m.Components {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Names lists the components' names in order.
func (m *Manifest) Names() []string {
	ns := make([]string, len(m.Components))
	for i, c := range m.Components {
		ns[i] = c.Name
	}
	return ns
}

// Config converts the component back into the config layer the rule
// engine reads. Positions point into the manifest file at the component's
// or the key's line (0 for a manifest that was not read from a file).
func (c *Component) Config() *lint.Config {
	at := func(line int) lint.Pos { return lint.Pos{File: c.file, Line: line} }
	cfg := &lint.Config{Families: append([]string(nil), c.Families...)}
	for _, r := range c.Roots {
		cfg.Roots = append(cfg.Roots, lint.Root{Pos: at(c.line), Dir: r.Dir, Struct: r.Struct, Library: r.Library, Prefix: r.Prefix})
	}
	for _, p := range c.Problems {
		cfg.Unresolved = append(cfg.Unresolved, lint.Problem{Pos: at(c.line),
			Msg: "the manifest records that its config layer is incomplete: " + p})
	}
	for _, k := range c.Keys {
		ck := lint.ConfigKey{
			Name: k.Name, Aliases: append([]string(nil), k.Aliases...),
			Pos: at(k.line), Field: k.Field, Type: k.Type.lint(),
			Required: k.Required, NotEmpty: k.NotEmpty, Source: k.Source, Library: k.Library,
			Separator: k.Separator, KeyValSeparator: k.KeyValSeparator, Layout: k.Layout,
			Expand: k.Expand, File: k.File, Secret: k.Secret, IgnoreEmpty: k.IgnoreEmpty,
		}
		if len(ck.Aliases) == 0 {
			ck.Aliases = nil
		}
		if k.Default != nil {
			d := *k.Default
			ck.Default, ck.DefaultPos = &d, ck.Pos
		}
		cfg.Keys = append(cfg.Keys, ck)
	}
	return cfg
}

// VaultKeys returns the names of the keys production takes from Vault.
func (c *Component) VaultKeys() []string {
	var ns []string
	for _, k := range c.Keys {
		if k.Vault {
			ns = append(ns, k.Name)
		}
	}
	return ns
}

func newType(t lint.Type) Type {
	out := Type{Name: t.Name, Kind: t.Kind, Bits: t.Bits, Values: t.Values, Choices: t.Choices, Nullable: t.Nullable}
	if t.Elem != nil {
		e := newType(*t.Elem)
		out.Elem = &e
	}
	if t.Key != nil {
		k := newType(*t.Key)
		out.Key = &k
	}
	return out
}

func (t Type) lint() lint.Type {
	out := lint.Type{Name: t.Name, Kind: t.Kind, Bits: t.Bits, Values: t.Values, Choices: t.Choices, Nullable: t.Nullable}
	if t.Elem != nil {
		e := t.Elem.lint()
		out.Elem = &e
	}
	if t.Key != nil {
		k := t.Key.lint()
		out.Key = &k
	}
	return out
}
