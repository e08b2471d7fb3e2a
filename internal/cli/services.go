package cli

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/diff"
	"github.com/envlint/envlint/internal/discover"
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/ctmpl"
	"github.com/envlint/envlint/internal/parse/gostruct"
)

// conventionalDirs are the sibling directories where projects keep the
// example of the services beside them, in order of preference.
var conventionalDirs = []string{"config", "configs", "deploy", "env"}

// exampleFor finds the example that documents the service in dir: the
// nearest in its directory or above, or at some level in a conventional
// sibling directory. It returns the example's directory and the level it
// was found at (the directory whose sibling holds it, or the example's own).
func exampleFor(dir string, examples map[string]string) (exDir, level string, ok bool) {
	for d := dir; ; d = path.Dir(d) {
		if _, ok := examples[d]; ok {
			return d, d, true
		}
		for _, c := range conventionalDirs {
			if s := path.Join(d, c); s != dir {
				if _, ok := examples[s]; ok {
					return s, d, true
				}
			}
		}
		if d == "." {
			return "", "", false
		}
	}
}

// loadedExample finds the example beside an env file the service loads by a
// constant path (godotenv.Load("configs/.env")): the path is taken from the
// service's directory, then from the repository root, the two places a
// program is commonly run from.
func loadedExample(loads []gostruct.EnvFileLoad, svc string, examples map[string]string) (exDir, level string, ok bool) {
	for _, ld := range loads {
		if ld.Runtime || path.IsAbs(ld.Path) {
			continue
		}
		for _, base := range []string{svc, "."} {
			d := path.Dir(path.Join(base, ld.Path))
			if strings.HasPrefix(d, "../") || d == ".." {
				continue
			}
			if _, ok := examples[d]; ok {
				return d, d, true
			}
		}
	}
	return "", "", false
}

// zeroComponent is a component being laid out by zero-config.
type zeroComponent struct {
	dir      string   // the example's directory
	scopes   []string // directories whose templates it owns
	services []string
	// runtimeLoads are the env files its services load by a name given
	// when they run.
	runtimeLoads []lint.Pos
}

// discovered lays out components with zero config. A service is a main
// package with what it imports inside the repository (gostruct.Graph); the
// example that documents it (exampleFor) makes the component, and several
// services sharing one example are one component. An example that documents
// no service keeps the older layout: its component owns the Go files below
// its directory that no documented service reaches. An example with no
// service, no Go config and no template (a TypeScript app in a polyglot
// monorepo) is no component: coverage lists it as not checked.
//
// Extension point: a service has a language; the Go graph is the one source
// of services today. Another language (#21) adds its services to the same
// lookup, and another layer (#19, deploy) attaches its files to components
// by directory the way templates do below.
func (p *project) discovered(tree *discover.Tree) {
	prog := gostruct.Graph(p.root, tree.GoFiles)
	dirs := make([]string, 0, len(tree.Examples))
	for d := range tree.Examples {
		dirs = append(dirs, d)
	}
	slices.Sort(dirs)
	comps := map[string]*zeroComponent{}
	scopeOf := map[string]*zeroComponent{}
	for _, d := range dirs {
		zc := &zeroComponent{dir: d, scopes: []string{d}}
		comps[d], scopeOf[d] = zc, zc
	}
	var undocumented []string
	for _, s := range prog.Mains() {
		loads := prog.EnvFileLoads(p.root, prog.Reach(s))
		exDir, level, ok := loadedExample(loads, s, tree.Examples)
		if !ok {
			exDir, level, ok = exampleFor(s, tree.Examples)
		}
		if !ok {
			undocumented = append(undocumented, s)
			continue
		}
		zc := comps[exDir]
		zc.services = append(zc.services, s)
		for _, ld := range loads {
			if ld.Runtime && !slices.Contains(zc.runtimeLoads, ld.Pos) {
				zc.runtimeLoads = append(zc.runtimeLoads, ld.Pos)
			}
		}
		if _, taken := scopeOf[level]; !taken {
			zc.scopes = append(zc.scopes, level)
			scopeOf[level] = zc
		}
	}
	scopes := make([]string, 0, len(scopeOf))
	for d := range scopeOf {
		scopes = append(scopes, d)
	}
	tmpls, owned := groupByOwner(tree.Templates, scopes), groupByOwner(tree.GoFiles, dirs)
	py := p.pythonSettings(tree, dirs)
	byDir := map[string]*diff.Component{}
	for _, t := range tmpls[""] {
		p.unassigned = append(p.unassigned, lint.Problem{Pos: lint.Pos{File: t, Line: 1},
			Msg: t + " belongs to no component (no example file in its directory or above); list it under vault: of a component in .envlint.yaml"})
	}
	// Files a documented service reaches belong to that service's component.
	reached := map[string]bool{}
	files := map[string][]string{}
	for _, d := range dirs {
		zc := comps[d]
		var pkgs []string
		for _, s := range zc.services {
			pkgs = append(pkgs, prog.Reach(s)...)
		}
		files[d] = prog.Files(pkgs)
		for _, f := range files[d] {
			reached[f] = true
		}
	}
	// In a repository with services, Go code no service reaches (test
	// helpers, code generators' templates, dead code) is not config.
	mains := prog.Mains()
	var reachable map[string]bool
	if len(mains) > 0 {
		reachable = map[string]bool{}
		var pkgs []string
		for _, s := range mains {
			pkgs = append(pkgs, prog.Reach(s)...)
		}
		for _, f := range prog.Files(pkgs) {
			reachable[f] = true
		}
	}
	var jobs []func() // independent parses, run concurrently below
	for _, d := range dirs {
		zc := comps[d]
		if len(zc.services) == 0 {
			for _, f := range owned[d] {
				if !reached[f] && (reachable == nil || reachable[f]) {
					files[d] = append(files[d], f)
				}
			}
		}
		var templates []string
		for _, s := range zc.scopes {
			templates = append(templates, tmpls[s]...)
		}
		slices.Sort(templates)
		if len(zc.services) == 0 && len(files[d]) == 0 && len(templates) == 0 && !py.has(d) {
			p.notChecked = append(p.notChecked, lint.Coverage{Component: d, Examples: []string{tree.Examples[d]},
				Reason: "its example documents no Go or Python service and no template"})
			continue
		}
		c := &diff.Component{Name: d, CommentedDocuments: true, Services: zc.services, Imports: prog.External(pkgDirs(files[d])),
			OtherLanguages: otherLanguages(zc, tree.Manifests), RuntimeEnvFiles: zc.runtimeLoads}
		c.Examples = make([]*lint.ExampleFile, 1)
		jobs = append(jobs, func() { c.Examples[0] = p.parseExample(tree.Examples[d]) })
		c.Templates = make([]*lint.Template, len(templates))
		for i, t := range templates {
			jobs = append(jobs, func() { c.Templates[i] = p.parseTemplate(t, ctmpl.Options{}) })
		}
		fs := files[d]
		jobs = append(jobs, func() { c.Config = gostruct.Read(p.root, fs, nil, gostruct.Options{Getenv: true}) })
		p.components = append(p.components, c)
		byDir[d] = c
	}
	// Call sites no component owns: those of services no example documents
	// or, in a repository without services, of every file outside the
	// example directories.
	var orphans []string
	if len(mains) == 0 {
		orphans = owned[""]
	} else {
		inComponent := map[string]bool{}
		for _, d := range dirs {
			for _, f := range files[d] {
				inComponent[f] = true
			}
		}
		var pkgs []string
		for _, s := range undocumented {
			pkgs = append(pkgs, prog.Reach(s)...)
		}
		for _, f := range prog.Files(pkgs) {
			if !inComponent[f] {
				orphans = append(orphans, f)
			}
		}
	}
	var orphanCfg *lint.Config
	if len(orphans) > 0 {
		// First: in a monorepo it is the longest job.
		jobs = slices.Insert(jobs, 0, func() { orphanCfg = gostruct.Read(p.root, orphans, nil, gostruct.Options{}) })
	}
	runAll(jobs)
	p.readPython(py, byDir)
	// A directory component without services, templates or any Go config
	// (a web app's example beside an embed.go) documents nothing envlint
	// reads: it is listed as not checked rather than warned about.
	kept := p.components[:0]
	for _, c := range p.components {
		if cfg := c.Config; len(c.Services) == 0 && len(c.Templates) == 0 && cfg != nil && len(cfg.Keys) == 0 && len(cfg.Roots) == 0 &&
			len(cfg.Errors) == 0 && len(cfg.Unresolved) == 0 && len(cfg.UnsupportedReaders) == 0 && len(cfg.DynamicReads) == 0 {
			p.notChecked = append(p.notChecked, lint.Coverage{Component: c.Name, Examples: []string{tree.Examples[c.Name]},
				Reason: "its example documents no Go or Python service, no config and no template"})
			continue
		}
		kept = append(kept, c)
	}
	p.components = kept
	cdirs := make([]string, len(p.components))
	for i, c := range p.components {
		cdirs[i] = c.Name // a zero-config component is named by its example's directory
	}
	_ = p.loadDeploy(tree, cdirs, "") // only a configured layout can be wrong
	slices.SortFunc(p.notChecked, func(a, b lint.Coverage) int { return strings.Compare(a.Component, b.Component) })
	if cfg := orphanCfg; cfg != nil {
		for _, r := range cfg.Roots {
			p.unassigned = append(p.unassigned, lint.Problem{Pos: r.Pos,
				Msg: fmt.Sprintf("%s is loaded here but belongs to no component (no example file in this directory or above, or in a config/, configs/, deploy/ or env/ directory beside it); add one, or list it under components in .envlint.yaml", rootLabel(r))})
		}
	}
}

// otherLanguages returns the project files of code in other languages that
// share a component's example: in its directories, no deeper than its
// shallowest Go service, and not around one (a node server beside
// server/go counts; a package.json that builds the Go service's own assets,
// or a web UI nested further down, does not).
func otherLanguages(zc *zeroComponent, manifests []string) []string {
	if len(zc.services) == 0 {
		return nil
	}
	minDepth := -1
	for _, s := range zc.services {
		if d := dirDepth(s); minDepth < 0 || d < minDepth {
			minDepth = d
		}
	}
	var out []string
	for _, m := range manifests {
		d := path.Dir(m)
		if dirDepth(d) > minDepth || slices.ContainsFunc(zc.services, func(s string) bool { return d == s || discover.Contains(d, s) }) {
			continue
		}
		for _, s := range zc.scopes {
			if discover.Contains(s, m) {
				out = append(out, m)
				break
			}
		}
	}
	return out
}

func dirDepth(d string) int {
	if d == "." {
		return 0
	}
	return strings.Count(d, "/") + 1
}

// pkgDirs returns the package directories of files.
func pkgDirs(files []string) []string {
	var ds []string
	for _, f := range files {
		ds = append(ds, path.Dir(f))
	}
	slices.Sort(ds)
	return slices.Compact(ds)
}

// rootLabel names a config root for messages: the struct qualified by its
// package directory; a root package is named by its directory's role.
func rootLabel(r lint.Root) string {
	if r.Dir == "." || r.Dir == "" {
		return r.Struct + " (in the root package)"
	}
	return r.Dir + "." + r.Struct
}

// adoptNotChecked makes components of the example directories zero-config
// left out for want of a Go service: with a manifest, the config layer
// comes from it, not from Go source.
func (p *project) adoptNotChecked() {
	for _, nc := range p.notChecked {
		c := &diff.Component{Name: nc.Component, CommentedDocuments: true}
		for _, ex := range nc.Examples {
			c.Examples = append(c.Examples, p.parseExample(ex))
		}
		p.components = append(p.components, c)
	}
	p.notChecked = nil
	slices.SortFunc(p.components, func(a, b *diff.Component) int { return strings.Compare(a.Name, b.Name) })
}
