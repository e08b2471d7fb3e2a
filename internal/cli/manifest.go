package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rogpeppe/go-internal/diff"
	"github.com/spf13/cobra"

	"github.com/envlint/envlint/internal/atomicfile"
	ediff "github.com/envlint/envlint/internal/diff"
	"github.com/envlint/envlint/internal/discover"
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/manifest"
	"github.com/envlint/envlint/internal/parse/ctmpl"
	"github.com/envlint/envlint/internal/safefile"
)

type manifestOptions struct {
	global *globalOptions
	output string
	check  bool
}

func newManifestCmd(g *globalOptions) *cobra.Command {
	o := &manifestOptions{global: g}
	cmd := &cobra.Command{
		Use:   "manifest",
		Short: "Write or verify the config-layer contract (envlint-manifest.json)",
		Long: `Write the manifest of the repository's config layer: per component, every key the Go
config reads, with its aliases, Go type, library, the details that decide which values are
valid, its default, whether it is required and whether production takes it from Vault.

"envlint check --manifest FILE" (in a repository of templates) and "envlint env --schema FILE"
(in a container) read it in place of the Go source. Commit it, and let CI run
"envlint manifest --output envlint-manifest.json --check" so it never goes stale.
Defaults of secret-looking or Vault keys are not recorded, only their length.

Exit status: 0 written, or up to date with --check; 1 stale with --check; 2 the run could not be done.`,
		Example: `  envlint manifest --output envlint-manifest.json
  envlint manifest --output envlint-manifest.json --check`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runManifest(o) },
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write the manifest to `FILE` (default: standard output)")
	cmd.Flags().BoolVar(&o.check, "check", false, "do not write; exit 1 with a diff when --output is not up to date")
	return cmd
}

func runManifest(o *manifestOptions) error {
	g := o.global
	if o.check && o.output == "" {
		return flagErrorf("--check needs --output FILE: the manifest to verify")
	}
	p, err := g.load()
	if err != nil {
		return err
	}
	m := manifest.Build(p.layers())
	data, err := manifest.Marshal(m)
	if err != nil {
		return err
	}
	for _, c := range m.Components {
		if len(c.Problems) > 0 {
			fmt.Fprintf(g.io.ErrOut, "envlint: warning: component %s: the config layer is incomplete (%d problems; envlint check shows them); the manifest records that\n", c.Name, len(c.Problems))
		}
	}
	if o.output == "" {
		_, err := g.io.Out.Write(data)
		return err
	}
	file := p.path(o.output)
	if o.check {
		old, err := readRepoFile(p.root, file)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return &runError{fmt.Sprintf("cannot read manifest %s: %v", o.output, unwrapPathError(err))}
		}
		if bytes.Equal(old, data) {
			return nil
		}
		if old == nil {
			fmt.Fprintf(g.io.Out, "%s does not exist; run: envlint manifest --output %s\n", o.output, o.output)
			return errFindings
		}
		g.io.Out.Write(diff.Diff(o.output, old, "envlint manifest", data))
		fmt.Fprintf(g.io.Out, "%s is stale; run: envlint manifest --output %s\n", o.output, o.output)
		return errFindings
	}
	if err := atomicfile.WriteFile(p.root, file, data, 0o644); err != nil {
		return &runError{fmt.Sprintf("cannot write manifest %s: %v", o.output, unwrapPathError(err))}
	}
	n := 0
	for _, c := range m.Components {
		n += len(c.Keys)
	}
	fmt.Fprintf(g.io.ErrOut, "envlint: wrote %d keys of %d components to %s\n", n, len(m.Components), o.output)
	return nil
}

// layers hands the loaded components to the manifest builder.
func (p *project) layers() []manifest.Layers {
	ls := make([]manifest.Layers, 0, len(p.components))
	for _, c := range p.components {
		ls = append(ls, manifest.Layers{Name: c.Name, Config: c.Config, Templates: c.Templates, Examples: c.Examples, Deploy: c.Deploy})
	}
	return ls
}

// readManifest reads a manifest named on the command line, relative to the
// -C directory. Any failure is a failed run (exit 2).
func (p *project) readManifest(name string) (*manifest.Manifest, error) {
	return readManifestFile(p.root, p.path(name), manifestRel(name))
}

func readManifestFile(root, file, rel string) (*manifest.Manifest, error) {
	f, err := safefile.Open(root, file)
	if err != nil {
		return nil, &runError{fmt.Sprintf("cannot read manifest %s: %v", rel, unwrapPathError(err))}
	}
	defer f.Close()
	m, err := manifest.Read(rel, f)
	if err != nil {
		return nil, &runError{err.Error()}
	}
	return m, nil
}

// manifestRel is the manifest's name in positions: as given, with forward
// slashes.
func manifestRel(name string) string {
	if filepath.IsAbs(name) {
		return filepath.ToSlash(name)
	}
	return cleanRel(name)
}

// useManifest replaces each component's config layer with the manifest's
// component of the same name (check --manifest). When the manifest and the
// repository have one component each, they are paired whatever their
// names. A repository of templates alone has no component (components are
// directories with an example file); its templates then form one
// component, named after the manifest's when the manifest has one.
func (p *project) useManifest(name string) error {
	m, err := p.readManifest(name)
	if err != nil {
		return err
	}
	rel := manifestRel(name)
	p.manifest = true
	p.adoptNotChecked()
	if len(p.components) == 0 && len(p.cfg.Components) == 0 && len(m.Components) == 1 {
		if err := p.adoptTemplates(m.Components[0].Name); err != nil {
			return err
		}
	}
	for _, c := range p.components {
		mc := m.Lookup(c.Name)
		if mc == nil && len(p.components) == 1 && len(m.Components) == 1 {
			mc = m.Components[0]
		}
		if mc == nil {
			pos := lint.Pos{File: rel, Line: 1}
			if len(c.Examples) > 0 {
				pos = lint.Pos{File: c.Examples[0].File, Line: 1}
			}
			c.Config = &lint.Config{Unresolved: []lint.Problem{{Pos: pos,
				Msg: fmt.Sprintf("component %s has no counterpart in manifest %s (it has: %s); name the component as in the manifest in .envlint.yaml",
					c.Name, rel, strings.Join(m.Names(), ", "))}}}
			continue
		}
		c.Config = mc.Config()
	}
	return nil
}

// adoptTemplates gathers every template of a repository with no component
// into one component, and drops the "belongs to no component" problems
// about them.
func (p *project) adoptTemplates(name string) error {
	tree, err := discover.Walk(p.root)
	if err != nil {
		return &runError{fmt.Sprintf("cannot list %s: %v", p.root, err)}
	}
	if len(tree.Templates) == 0 {
		return nil
	}
	c := &ediff.Component{Name: name, CommentedDocuments: true}
	tmpls := slices.Clone(tree.Templates)
	slices.Sort(tmpls)
	for _, t := range tmpls {
		c.Templates = append(c.Templates, p.parseTemplate(t, ctmpl.Options{}))
	}
	p.unassigned = slices.DeleteFunc(p.unassigned, func(pr lint.Problem) bool {
		return slices.Contains(tmpls, pr.Pos.File)
	})
	p.components = append(p.components, c)
	return nil
}

// configOnlyRules judge the config layer alone. Under check --manifest
// their findings point into the manifest and are the application
// repository's to fix; its own check reports them.
var configOnlyRules = []string{"duplicate-key", "ineffective-tag", "secret-default", "type-mismatch"}

// dropConfigOnly removes the findings of configOnlyRules that point into
// the manifest.
func dropConfigOnly(fs []lint.Finding, name string) []lint.Finding {
	rel := manifestRel(name)
	return slices.DeleteFunc(fs, func(f lint.Finding) bool {
		return f.Pos.File == rel && slices.Contains(configOnlyRules, f.Rule)
	})
}
