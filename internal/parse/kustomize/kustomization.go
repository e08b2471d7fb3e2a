// Package kustomize builds Kustomize overlays with Kustomize's own API
// (sigs.k8s.io/kustomize/api/krusty) on an in-memory file system that holds
// only the repository files the overlay names: nothing is fetched, no exec
// or Go plugin runs, no Helm chart is inflated. Each object of the output
// keeps the repository file it came from (kustomize's origin annotations),
// so keys can be positioned where they are written.
package kustomize

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/envlint/envlint/internal/lint"
)

// Names are the file names kustomize reads as a kustomization, in the order
// it tries them.
var Names = []string{"kustomization.yaml", "kustomization.yml", "Kustomization"}

// IsKustomization reports whether a base name names a kustomization file.
func IsKustomization(name string) bool {
	return name == Names[0] || name == Names[1] || name == Names[2]
}

// Ref kinds: how a kustomization field names a path.
const (
	// RefBase is a resource, base or component: a file or a kustomization
	// directory.
	RefBase = "base"
	// RefFile is a file the build reads (a patch, a generator's env file).
	RefFile = "file"
	// RefPlugin is a generator, transformer or validator: a file or a
	// directory of configurations.
	RefPlugin = "plugin"
)

// Ref is one path a kustomization names.
type Ref struct {
	Field string // the field: "resources", "patches", "configMapGenerator"...
	Kind  string // RefBase, RefFile or RefPlugin
	Value string // as written (for generator files, the path after "key=")
	Pos   lint.Pos
	// Remote is true for a URL or a git repository: never fetched.
	Remote bool
	// Patch is true for a patch file (patches, patchesStrategicMerge,
	// patchesJson6902).
	Patch bool
}

// InlinePatch is a patch written inside the kustomization (`patch: |`).
type InlinePatch struct {
	Text string
	// Line and Col are where the text's first line starts in the file
	// (block scalars); 0 when the text cannot be mapped line by line.
	Line, Col int
	Pos       lint.Pos // the patch: key
}

// Literal is one `KEY=value` of a configMapGenerator or secretGenerator.
type Literal struct {
	Generator string // "configMapGenerator" or "secretGenerator"
	Name      string // the generator's name:
	Key       string
	Value     string // may be a secret: never print it
	Pos       lint.Pos
	ValuePos  lint.Pos
}

// Generator is one configMapGenerator or secretGenerator entry.
type Generator struct {
	Field string // "configMapGenerator" or "secretGenerator"
	Name  string
	Pos   lint.Pos // its name:, else the entry
	// Envs are its env files (envs:, env:), as written.
	Envs []Ref
}

// Kustomization is what envlint reads of one kustomization file.
type Kustomization struct {
	File string
	// Component is true for `kind: Component`: it is built only as part of
	// the kustomizations that name it.
	Component bool
	Refs      []Ref
	Inline    []InlinePatch
	Literals  []Literal
	// Generators are its configMapGenerator and secretGenerator entries.
	Generators []Generator
	// OpenAPI is true when it sets the OpenAPI schema (openapi:).
	OpenAPI bool
	// Helm is the position of helmCharts / helmChartInflationGenerator:
	// not inflated.
	Helm   *lint.Pos
	Errors []lint.Problem
}

// Read reads one kustomization file. A file YAML rejects has one
// positioned error.
func Read(file string, data []byte) *Kustomization {
	k := &Kustomization{File: file}
	defer k.clamp(1 + bytes.Count(data, []byte("\n")))
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		k.Errors = append(k.Errors, yamlProblem(file, err))
		return k
	}
	if len(doc.Content) == 0 {
		return k
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		k.Errors = append(k.Errors, lint.Problem{Pos: at(file, root), Msg: "a kustomization is a YAML mapping"})
		return k
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		switch f := key.Value; f {
		case "kind":
			k.Component = val.Value == "Component"
		case "resources", "bases", "components":
			for _, n := range seq(val) {
				if n.Kind == yaml.ScalarNode && n.Value != "" {
					k.addRef(f, RefBase, n.Value, n)
				}
			}
		case "crds", "configurations":
			for _, n := range seq(val) {
				k.addRef(f, RefFile, n.Value, n)
			}
		case "generators", "transformers", "validators":
			for _, n := range seq(val) {
				if n.Kind == yaml.ScalarNode && !strings.Contains(n.Value, "\n") {
					k.addRef(f, RefPlugin, n.Value, n)
				}
			}
		case "patchesStrategicMerge":
			for _, n := range seq(val) {
				if n.Kind != yaml.ScalarNode {
					continue
				}
				if inlinePatch(n.Value) {
					k.Inline = append(k.Inline, inline(file, n, n))
					continue
				}
				k.addRef(f, RefFile, n.Value, n).Patch = true
			}
		case "patches", "patchesJson6902", "replacements":
			for _, item := range seq(val) {
				if p := field(item, "path"); p != nil {
					r := k.addRef(f, RefFile, p.Value, p)
					r.Patch = f != "replacements"
				}
				if p := field(item, "patch"); p != nil && p.Kind == yaml.ScalarNode {
					k.Inline = append(k.Inline, inline(file, p, keyOf(item, "patch")))
				}
			}
		case "configMapGenerator", "secretGenerator":
			for _, item := range seq(val) {
				k.generator(f, item)
			}
		case "openapi":
			k.OpenAPI = true
			if p := field(val, "path"); p != nil {
				k.addRef(f, RefFile, p.Value, p)
			}
		case "helmCharts", "helmChartInflationGenerator":
			p := at(file, key)
			k.Helm = &p
		}
	}
	return k
}

// clamp keeps positions on the file's lines: YAML also breaks lines at a
// lone CR, which editors and envlint's other readers do not.
func (k *Kustomization) clamp(lines int) {
	c := func(p *lint.Pos) {
		if p.Line > lines {
			p.Line, p.Col = lines, 1
		}
	}
	for i := range k.Errors {
		c(&k.Errors[i].Pos)
	}
	for i := range k.Refs {
		c(&k.Refs[i].Pos)
	}
	for i := range k.Literals {
		c(&k.Literals[i].Pos)
		c(&k.Literals[i].ValuePos)
	}
	for i := range k.Generators {
		c(&k.Generators[i].Pos)
		for j := range k.Generators[i].Envs {
			c(&k.Generators[i].Envs[j].Pos)
		}
	}
	for i := range k.Inline {
		c(&k.Inline[i].Pos)
	}
	if k.Helm != nil {
		c(k.Helm)
	}
}

func (k *Kustomization) addRef(field, kind, value string, n *yaml.Node) *Ref {
	k.Refs = append(k.Refs, Ref{Field: field, Kind: kind, Value: value, Pos: at(k.File, n), Remote: IsRemote(value)})
	return &k.Refs[len(k.Refs)-1]
}

// generator reads one configMapGenerator or secretGenerator entry.
func (k *Kustomization) generator(f string, item *yaml.Node) {
	g := Generator{Field: f, Pos: at(k.File, item)}
	if n := field(item, "name"); n != nil {
		g.Name, g.Pos = n.Value, at(k.File, n)
	}
	name := g.Name
	for _, n := range seq(field(item, "literals")) {
		key, value, ok := strings.Cut(n.Value, "=")
		if !ok || n.Kind != yaml.ScalarNode {
			continue
		}
		l := Literal{Generator: f, Name: name, Key: strings.TrimSpace(key), Value: strings.Trim(value, `"'`), Pos: at(k.File, n)}
		l.ValuePos = l.Pos
		if n.Style == 0 && !strings.Contains(n.Value, "\n") {
			l.ValuePos.Col += len(key) + 1
		}
		k.Literals = append(k.Literals, l)
	}
	for _, fld := range []string{"files", "envs", "env"} {
		v := field(item, fld)
		ns := seq(v)
		if v != nil && v.Kind == yaml.ScalarNode {
			ns = []*yaml.Node{v} // env: (singular, deprecated)
		}
		for _, n := range ns {
			p := n.Value
			if _, after, ok := strings.Cut(p, "="); ok && fld == "files" {
				p = after
			}
			r := *k.addRef(f, RefFile, p, n)
			if fld != "files" {
				g.Envs = append(g.Envs, r)
			}
		}
	}
	k.Generators = append(k.Generators, g)
}

// inlinePatch reports whether a patchesStrategicMerge entry is a patch
// rather than a path.
func inlinePatch(s string) bool {
	return strings.Contains(s, "\n") || strings.Contains(s, ": ")
}

func inline(file string, n, key *yaml.Node) InlinePatch {
	p := InlinePatch{Text: n.Value, Pos: at(file, key)}
	if n.Style == yaml.LiteralStyle {
		// The text starts on the line after the `|` indicator; yaml.v3 does
		// not say at which column, so the first content line's indentation
		// is found by the caller from the file.
		p.Line = n.Line + 1
	}
	return p
}

// IsRemote reports whether a kustomization path names something outside
// the repository: a URL, or a git repository in kustomize's forms
// (github.com/org/repo//dir?ref=v1, git@host:org/repo, git::https://...).
func IsRemote(p string) bool {
	switch {
	case strings.Contains(p, "://"), strings.HasPrefix(p, "git@"), strings.HasPrefix(p, "git::"),
		strings.Contains(p, "?ref="), strings.Contains(p, "?version="):
		return true
	}
	host, _, _ := strings.Cut(p, "/")
	return slices.Contains([]string{"github.com", "gitlab.com", "bitbucket.org", "dev.azure.com", "ssh.dev.azure.com"}, host)
}

// Resolve returns the repository path a kustomization in dir names by p,
// and false when p leaves the repository or is absolute.
func Resolve(dir, p string) (string, bool) {
	if path.IsAbs(p) || strings.Contains(p, "\\") {
		return "", false
	}
	r := path.Join(dir, p)
	if r == ".." || strings.HasPrefix(r, "../") {
		return "", false
	}
	return r, true
}

func seq(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

func field(n *yaml.Node, name string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == name {
			return n.Content[i+1]
		}
	}
	return nil
}

func keyOf(n *yaml.Node, name string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == name {
			return n.Content[i]
		}
	}
	return n
}

func at(file string, n *yaml.Node) lint.Pos {
	return lint.Pos{File: file, Line: n.Line, Col: n.Column}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlProblem positions a yaml.v3 error at the line it names.
func yamlProblem(file string, err error) lint.Problem {
	m := strings.TrimSpace(err.Error())
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		m = te.Errors[0]
	}
	p := lint.Problem{Pos: lint.Pos{File: file, Line: 1}, Msg: fmt.Sprintf("%s is not valid YAML: %s", file, strings.TrimPrefix(m, "yaml: "))}
	if sm := yamlLine.FindStringSubmatch(m); sm != nil {
		if l, _ := strconv.Atoi(sm[1]); l > 0 {
			p.Pos.Line = l
			p.Msg = fmt.Sprintf("%s is not valid YAML: %s", file, sm[2])
		}
	}
	return p
}

// Roots returns the directories of the kustomizations to build, sorted:
// those no other kustomization of ks names as a resource, base or
// component (the overlays, and bases no overlay builds), except
// components, which are built only inside the kustomizations naming them.
func Roots(ks []*Kustomization) []string {
	dirs := map[string]bool{}
	for _, k := range ks {
		dirs[path.Dir(k.File)] = true
	}
	used := map[string]bool{}
	for _, k := range ks {
		for _, r := range k.Refs {
			if r.Kind != RefBase || r.Remote {
				continue
			}
			if p, ok := Resolve(path.Dir(k.File), r.Value); ok && dirs[p] && p != path.Dir(k.File) {
				used[p] = true
			}
		}
	}
	var roots []string
	for _, k := range ks {
		if d := path.Dir(k.File); !used[d] && !k.Component && !slices.Contains(roots, d) {
			roots = append(roots, d)
		}
	}
	slices.Sort(roots)
	return roots
}
