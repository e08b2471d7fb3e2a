package cli

import (
	"encoding/json"
	"fmt"
	"slices"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/envlint/envlint/internal/lint"
)

func newListCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "Print the key matrix: every key of every component and the layers it is in",
		Example: `  envlint list
  envlint list --format json | jq '.keys[] | select(.vault == [])'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runList(g) },
	}
}

type listKey struct {
	Name      string        `json:"name"`
	Component string        `json:"component"`
	Vault     []listVault   `json:"vault"`
	Config    []listConfig  `json:"config"`
	Example   []listExample `json:"example"`
	Deploy    []listDeploy  `json:"deploy"`
}

type listVault struct {
	File   string   `json:"file"`
	Line   int      `json:"line"`
	Path   string   `json:"path"`
	Fields []string `json:"fields"`
}

type listConfig struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Field    string   `json:"field"`
	Type     string   `json:"type"`
	Default  *string  `json:"default"`
	Required bool     `json:"required"`
	Source   string   `json:"source"`
	Aliases  []string `json:"aliases"`
}

type listExample struct {
	File        string `json:"file"`
	Line        int    `json:"line"`
	VaultMarker bool   `json:"vault_marker"`
	Commented   bool   `json:"commented"`
}

func runList(g *globalOptions) error {
	if g.format != "text" && g.format != "json" {
		return flagErrorf("list supports --format text or json, not %q", g.format)
	}
	p, err := g.load()
	if err != nil {
		return err
	}
	keys := []listKey{}
	for _, c := range p.components {
		for _, r := range newMatrix(c).rows {
			k := listKey{Name: r.name, Component: c.Name, Vault: []listVault{}, Config: []listConfig{}, Example: []listExample{}}
			for _, v := range r.vault {
				k.Vault = append(k.Vault, listVault{File: v.key.Pos.File, Line: v.key.Pos.Line, Path: v.key.Path, Fields: nonNil(v.key.Fields)})
			}
			for _, ck := range r.config {
				def := ck.Default
				if def != nil && r.secret() {
					redacted := redact(*def)
					def = &redacted
				}
				k.Config = append(k.Config, listConfig{File: ck.Pos.File, Line: ck.Pos.Line, Field: ck.Field, Type: ck.Type.Name,
					Default: def, Required: ck.Required, Source: ck.Source, Aliases: nonNil(ck.Aliases)})
			}
			for _, e := range r.example {
				k.Example = append(k.Example, listExample{File: e.Pos.File, Line: e.Pos.Line, VaultMarker: e.VaultMarker, Commented: e.Commented})
			}
			k.Deploy = deployList(r)
			keys = append(keys, k)
		}
	}
	if g.format == "json" {
		enc := json.NewEncoder(g.io.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(struct {
			Version int       `json:"version"`
			Keys    []listKey `json:"keys"`
		}{1, keys})
	}
	tw := tabwriter.NewWriter(g.io.Out, 0, 4, 2, ' ', 0)
	// The DEPLOY column shows only where there is a deploy layer.
	withDeploy := slices.ContainsFunc(keys, func(k listKey) bool { return len(k.Deploy) > 0 })
	if withDeploy {
		fmt.Fprintln(tw, "COMPONENT\tKEY\tVAULT\tCONFIG\tEXAMPLE\tDEPLOY")
	} else {
		fmt.Fprintln(tw, "COMPONENT\tKEY\tVAULT\tCONFIG\tEXAMPLE")
	}
	mark := func(n int) string {
		if n > 0 {
			return "yes"
		}
		return "-"
	}
	for _, k := range keys {
		line := fmt.Sprintf("%s\t%s\t%s\t%s\t%s", lint.VisiblePath(k.Component), lint.Visible(k.Name), mark(len(k.Vault)), mark(len(k.Config)), mark(len(k.Example)))
		if withDeploy {
			line += "\t" + mark(len(k.Deploy))
		}
		fmt.Fprintln(tw, line)
	}
	return tw.Flush()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
