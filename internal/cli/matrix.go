package cli

import (
	"fmt"
	"slices"

	"github.com/envlint/envlint/internal/diff"
	"github.com/envlint/envlint/internal/lint"
)

type layer string

const (
	layerVault   layer = "vault"
	layerConfig  layer = "config"
	layerExample layer = "example"
	layerDeploy  layer = "deploy"
)

// matrix is one component's keys with their places in each layer. A
// config key's aliases are folded into its row.
type matrix struct {
	rows   []*row
	byName map[string]*row // every name, aliases included
}

type row struct {
	name    string
	vault   []vaultPlace
	config  []*lint.ConfigKey
	example []*lint.ExampleEntry
	deploy  []deployPlace
}

// deployPlace is where a deployment target sets a key.
type deployPlace struct {
	key    *lint.DeployKey
	target *lint.DeployTarget
}

type vaultPlace struct {
	key  *lint.VaultKey
	tmpl *lint.Template
}

func newMatrix(c *diff.Component) *matrix {
	byName := map[string]*row{}
	canonical := map[string]string{}
	get := func(name string) *row {
		if n, ok := canonical[name]; ok {
			name = n
		}
		r := byName[name]
		if r == nil {
			r = &row{name: name}
			byName[name] = r
		}
		return r
	}
	if c.Config != nil {
		for i := range c.Config.Keys {
			k := &c.Config.Keys[i]
			if _, ok := canonical[k.Name]; !ok {
				canonical[k.Name] = k.Name
			}
			for _, a := range k.Aliases {
				if _, ok := canonical[a]; !ok {
					canonical[a] = canonical[k.Name]
				}
			}
			r := get(k.Name)
			r.config = append(r.config, k)
		}
	}
	for _, t := range c.Templates {
		if t.NotEnv != "" {
			continue
		}
		for i := range t.Keys {
			r := get(t.Keys[i].Name)
			r.vault = append(r.vault, vaultPlace{&t.Keys[i], t})
		}
	}
	for _, ex := range c.Examples {
		for i := range ex.Entries {
			e := &ex.Entries[i]
			if e.Commented && !c.CommentedDocuments {
				continue
			}
			r := get(e.Name)
			r.example = append(r.example, e)
		}
	}
	addDeploy(c, get)
	m := &matrix{byName: byName}
	for _, r := range byName {
		m.rows = append(m.rows, r)
	}
	for alias, name := range canonical {
		if r := byName[name]; r != nil {
			m.byName[alias] = r
		}
	}
	slices.SortFunc(m.rows, func(a, b *row) int {
		switch {
		case a.name < b.name:
			return -1
		case a.name > b.name:
			return 1
		}
		return 0
	})
	return m
}

// row returns the row of a key or of one of its aliases, or nil.
func (m *matrix) row(name string) *row { return m.byName[name] }

func (r *row) has(l layer) bool {
	switch l {
	case layerVault:
		return len(r.vault) > 0
	case layerConfig:
		return len(r.config) > 0
	case layerDeploy:
		return len(r.deploy) > 0
	}
	return len(r.example) > 0
}

// where names the first place the key is in a layer.
func (r *row) where(l layer) string {
	switch {
	case l == layerVault && len(r.vault) > 0:
		return r.vault[0].key.Pos.String()
	case l == layerConfig && len(r.config) > 0:
		return fmt.Sprintf("%s (%s)", r.config[0].Pos, r.config[0].Field)
	case l == layerExample && len(r.example) > 0:
		return r.example[0].Pos.String()
	case l == layerDeploy && len(r.deploy) > 0:
		return fmt.Sprintf("%s (%s)", r.deploy[0].key.Pos, r.deploy[0].target.Name)
	}
	return ""
}
