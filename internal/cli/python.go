package cli

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/envlint/envlint/internal/diff"
	"github.com/envlint/envlint/internal/discover"
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/pyconfig"
)

// Python services are read beside the Go ones: a component's config layer
// is the union of its Go config and its pydantic-settings classes. A
// repository without Python files pays nothing.

// envDirs hold installed packages, not the project's code.
var envDirs = map[string]bool{".venv": true, "venv": true, ".tox": true, ".nox": true, "__pycache__": true,
	"site-packages": true, ".eggs": true, "build": true, "dist": true, ".mypy_cache": true}

// pyFiles drops virtualenvs and build output from the walk's .py files.
func pyFiles(tree *discover.Tree) []string {
	var out []string
	for _, f := range tree.PyFiles {
		skip := false
		for _, d := range strings.Split(path.Dir(f), "/") {
			if envDirs[d] {
				skip = true
				break
			}
		}
		if !skip {
			out = append(out, f)
		}
	}
	return out
}

// pySettings is what zero-config layout needs to know of the Python
// files: which example directories own a pydantic-settings class.
type pySettings struct {
	idx    *pyconfig.Index
	groups map[string][]string // owner directory ("" for none) -> files
}

// pythonSettings indexes the Python files once; nil when there are none.
func (p *project) pythonSettings(tree *discover.Tree, dirs []string) *pySettings {
	files := pyFiles(tree)
	if len(files) == 0 {
		return nil
	}
	return &pySettings{idx: pyconfig.NewIndex(p.root, files, p.readSource), groups: groupByOwner(files, dirs)}
}

// has reports whether the files dir owns declare a settings class.
func (s *pySettings) has(dir string) bool {
	return s != nil && s.idx.HasSettings(s.groups[dir])
}

// readPython adds the Python config of zero-config components: a
// component whose files declare a pydantic-settings class gets that
// class's keys and its files' constant os.getenv / os.environ reads.
// Python project files are then no longer code in another language that
// envlint cannot see.
func (p *project) readPython(s *pySettings, byDir map[string]*diff.Component) {
	if s == nil {
		return
	}
	for d, c := range byDir {
		if s.has(d) {
			mergeConfig(&c.Config, s.idx.Config(s.groups[d], nil, pyconfig.Options{Getenv: true}))
			c.OtherLanguages = slices.DeleteFunc(c.OtherLanguages, func(m string) bool { return pyManifests[path.Base(m)] })
		}
	}
	if orphans := s.groups[""]; s.idx.HasSettings(orphans) {
		cfg := s.idx.Config(orphans, nil, pyconfig.Options{})
		for _, r := range cfg.Roots {
			p.unassigned = append(p.unassigned, lint.Problem{Pos: r.Pos,
				Msg: fmt.Sprintf("the settings class %s in %s belongs to no component (no example file in its directory or above); add one, or list it under components in .envlint.yaml", r.Struct, r.Pos.File)})
		}
	}
}

// pyManifests are the project files of a Python application.
var pyManifests = map[string]bool{"pyproject.toml": true, "requirements.txt": true, "Pipfile": true, "setup.py": true}

// readPythonConfigured adds the Python config of components that
// .envlint.yaml lists: the classes named with `library: pydantic`, or,
// when it names none, the settings classes found in the component.
func (p *project) readPythonConfigured(tree *discover.Tree, dirs []string, cfgName string) {
	files := pyFiles(tree)
	if len(files) == 0 {
		return
	}
	idx := pyconfig.NewIndex(p.root, files, p.readSource)
	groups := groupByOwner(files, dirs)
	for i, cc := range p.cfg.Components {
		var roots []lint.Root
		hasGo := false
		for _, s := range cc.Config {
			if lint.Library(s.Library) != lint.Pydantic {
				hasGo = true
				continue
			}
			roots = append(roots, lint.Root{Dir: cleanRel(s.Dir), Struct: s.Struct, Library: lint.Pydantic, Prefix: s.Prefix,
				Pos: lint.Pos{File: cfgName, Line: s.Line}})
		}
		fs := groups[dirs[i]]
		if len(roots) == 0 && (hasGo || !idx.HasSettings(fs)) {
			continue
		}
		mergeConfig(&p.components[i].Config, idx.Config(fs, roots, pyconfig.Options{Getenv: cc.GetenvEnabled()}))
	}
}

// pySuggestion is the ready-to-paste pydantic field that reads key.
func pySuggestion(root *lint.Root, key string) string {
	at := fmt.Sprintf("To read it, add to %s in %s:\n\t", root.Struct, root.Pos.File)
	rest := key
	if root.Prefix != "" {
		r, ok := strings.CutPrefix(key, strings.ToUpper(root.Prefix))
		if !ok || r == "" {
			// env_prefix does not fit: an alias reads the name as it is.
			return at + strings.ToLower(key) + ": str = Field(alias=" + strconv.Quote(key) + ")"
		}
		rest = r
	}
	return at + strings.ToLower(rest) + ": str"
}

// goRoots drops the Python roots, which the Go reader does not know.
func goRoots(roots []lint.Root) []lint.Root {
	return slices.DeleteFunc(slices.Clone(roots), func(r lint.Root) bool { return r.Library == lint.Pydantic })
}

// mergeConfig adds src's findings to *dst.
func mergeConfig(dst **lint.Config, src *lint.Config) {
	if *dst == nil {
		*dst = src
		return
	}
	d := *dst
	d.Keys = append(d.Keys, src.Keys...)
	d.Roots = append(d.Roots, src.Roots...)
	d.Directives = append(d.Directives, src.Directives...)
	d.Errors = append(d.Errors, src.Errors...)
	d.Unresolved = append(d.Unresolved, src.Unresolved...)
	d.IneffectiveTags = append(d.IneffectiveTags, src.IneffectiveTags...)
	d.UnsupportedReaders = append(d.UnsupportedReaders, src.UnsupportedReaders...)
	d.DynamicReads = append(d.DynamicReads, src.DynamicReads...)
	d.Families = append(d.Families, src.Families...)
}
