// Package discover walks a repository and lays out envlint's zero-config
// components: every directory holding an example file is one, and it owns
// the Go files and templates below it that no deeper component claims.
package discover

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/envlint/envlint/internal/gitindex"
	"github.com/envlint/envlint/internal/safefile"
)

// ExampleNames are the example file names envlint looks for, in order of
// preference; the first present in a directory is that directory's example.
var ExampleNames = []string{".env.example", ".env.sample", ".env.dist", ".env.template", "example.env", "env.example",
	".env-example", ".env-sample", "env.sample", "sample.env", ".example.env", "config.example.env"}

// examplePatterns are the further names real projects give examples
// (.env.local.example, .env.gcp-example, prod.example.env,
// .env.gcp.template); when several match, the first in name order wins.
var examplePatterns = []string{"*.env.example", ".env.*.example", ".env.*-example", "*.example.env", ".env.*.template", ".env.*.sample"}

// IsExample reports whether a file name is an example file's.
func IsExample(name string) bool {
	if slices.Contains(ExampleNames, name) {
		return true
	}
	for _, p := range examplePatterns {
		if ok, _ := path.Match(p, name); ok {
			return true
		}
	}
	return false
}

// skipDirs are never entered.
var skipDirs = map[string]bool{".git": true, "vendor": true, "node_modules": true, "testdata": true}

// Tree is what a walk of the repository found. Paths are relative to the
// root with forward slashes, sorted.
type Tree struct {
	GoFiles   []string // .go files, _test.go excluded
	Templates []string // *.ctmpl
	PyFiles   []string // .py files (tests included: the Python reader tells them apart)
	// Examples maps a directory ("." for the root) to its example file.
	Examples map[string]string
	// Deploy lists the deployment files: compose files, Dockerfiles and
	// HCL files (Vault Agent configurations); see DeployKind.
	Deploy []string
	// YAML lists the other *.yaml and *.yml files: candidate Kubernetes
	// manifests, Helm charts and Kustomize overlays (see KubeManifests).
	YAML []string
	// Manifests are the project files of code in other languages
	// (package.json, pyproject.toml, pom.xml, ...): services whose env
	// reads envlint does not see.
	Manifests []string
}

// manifestNames are the project files that mark code in another language.
var manifestNames = map[string]bool{
	"package.json": true, "deno.json": true, "requirements.txt": true, "pyproject.toml": true, "Pipfile": true,
	"setup.py": true, "Gemfile": true, "pom.xml": true, "build.gradle": true, "build.gradle.kts": true,
	"composer.json": true, "Cargo.toml": true, "mix.exs": true,
}

// IsManifest reports whether a file name is another language's project file.
func IsManifest(name string) bool {
	return manifestNames[name] || strings.HasSuffix(name, ".csproj")
}

// Walk lists the files envlint may read below root, skipping .git, vendor,
// node_modules, testdata, what .gitignore files exclude, and symlinked
// directories (which could lead out of the repository or in circles).
//
// Directories are read concurrently, a few at a time: in a monorepo the walk
// is mostly waiting on the file system. The result does not depend on the
// order in which they are read.
//
// In a git work tree a tracked file is never ignored: .gitignore applies to
// untracked files only, as it does for git (`.env*` ignored with a
// force-added .env.example is common). Outside a work tree, or when the
// index cannot be read, .gitignore applies to every file.
func Walk(root string) (*Tree, error) {
	w := walker{root: root, sem: make(chan struct{}, walkers())}
	if ix, err := gitindex.Open(root); err == nil {
		w.index = ix
	}
	if ps, err := readIgnore(filepath.Join(root, ".git", "info", "exclude"), nil); err == nil {
		w.patterns = ps
	}
	d := w.dir("", w.patterns)
	t := &Tree{Examples: map[string]string{}}
	if err := d.merge(t); err != nil {
		return nil, err
	}
	slices.Sort(t.GoFiles)
	slices.Sort(t.Templates)
	slices.Sort(t.Deploy)
	slices.Sort(t.Manifests)
	slices.Sort(t.PyFiles)
	slices.Sort(t.YAML)
	return t, nil
}

// walkers bounds the directories read at once: enough to keep the disk and
// every CPU busy, few enough not to hold many file descriptors.
func walkers() int { return 4 * runtime.GOMAXPROCS(0) }

type walker struct {
	root     string
	index    *gitindex.Index // nil outside a git work tree
	patterns []gitignore.Pattern
	sem      chan struct{} // a token per extra goroutine
}

// dirResult is what one directory and its subtree hold, with the subtrees
// in directory order so that merging is deterministic.
type dirResult struct {
	rel string
	dirList
	done chan struct{} // closed when dirList is filled in; nil when filled in synchronously
}

// dirList is what the walk found in one directory.
type dirList struct {
	goFiles   []string
	templates []string
	deploy    []string
	manifests []string
	pyFiles   []string
	yaml      []string
	example   string
	err       error
	subdirs   []*dirResult
}

// merge adds the subtree to t, and returns the first error in walk order.
func (d *dirResult) merge(t *Tree) error {
	if d.done != nil {
		<-d.done
	}
	if d.err != nil {
		return d.err
	}
	t.GoFiles = append(t.GoFiles, d.goFiles...)
	t.Templates = append(t.Templates, d.templates...)
	t.Deploy = append(t.Deploy, d.deploy...)
	t.Manifests = append(t.Manifests, d.manifests...)
	t.PyFiles = append(t.PyFiles, d.pyFiles...)
	t.YAML = append(t.YAML, d.yaml...)
	if d.example != "" {
		dir := d.rel
		if dir == "" {
			dir = "."
		}
		t.Examples[dir] = path.Join(d.rel, d.example)
	}
	for _, s := range d.subdirs {
		if err := s.merge(t); err != nil {
			return err
		}
	}
	return nil
}

func (w *walker) dir(rel string, inherited []gitignore.Pattern) *dirResult {
	res := &dirResult{rel: rel}
	abs := filepath.Join(w.root, filepath.FromSlash(rel))
	entries, err := os.ReadDir(abs)
	if err != nil {
		if rel == "" || !errors.Is(err, fs.ErrNotExist) {
			res.err = err
		} // else it vanished while we walked
		return res
	}
	var domain []string
	if rel != "" {
		domain = strings.Split(rel, "/")
	}
	patterns := inherited
	// Only directories that have a .gitignore pay for opening one.
	if hasEntry(entries, ".gitignore") {
		if ps, err := readIgnore(filepath.Join(abs, ".gitignore"), domain); err == nil && len(ps) > 0 {
			patterns = append(slices.Clip(inherited), ps...)
		}
	}
	m := gitignore.NewMatcher(patterns)
	ignored := func(name string, isDir bool) bool {
		if len(patterns) == 0 || !m.Match(append(slices.Clip(domain), name), isDir) {
			return false
		}
		if isDir {
			return !w.trackedUnder(path.Join(rel, name))
		}
		return !w.index.Tracked(path.Join(rel, name))
	}
	var examples []string
	for _, e := range entries {
		name := e.Name()
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(filepath.Join(abs, name))
			if err != nil || fi.IsDir() {
				continue // dangling, or a directory we must not follow
			}
		}
		if isDir {
			if skipDirs[name] || ignored(name, true) {
				continue
			}
			res.subdirs = append(res.subdirs, w.subdir(path.Join(rel, name), patterns))
			continue
		}
		isExample := IsExample(name)
		var list *[]string
		switch {
		case strings.HasSuffix(name, "_test.go"):
		case strings.HasSuffix(name, ".go"):
			list = &res.goFiles
		case strings.HasSuffix(name, ".ctmpl"):
			list = &res.templates
		case DeployKind(name) != "":
			list = &res.deploy
		case IsManifest(name):
			list = &res.manifests
		case strings.HasSuffix(name, ".py"):
			list = &res.pyFiles
		case isYAML(name):
			list = &res.yaml
		}
		// Files envlint never reads need no ignore matching.
		if (list == nil && !isExample) || ignored(name, false) {
			continue
		}
		if list != nil {
			*list = append(*list, path.Join(rel, name))
		}
		if isExample {
			examples = append(examples, name)
		}
	}
	res.example = pickExample(examples)
	return res
}

// subdir walks a subdirectory on a goroutine of its own when one is free,
// else on this one.
func (w *walker) subdir(rel string, patterns []gitignore.Pattern) *dirResult {
	select {
	case w.sem <- struct{}{}:
	default:
		return w.dir(rel, patterns)
	}
	res := &dirResult{rel: rel, done: make(chan struct{})}
	go func() {
		defer func() { <-w.sem }()
		res.dirList = w.dir(rel, patterns).dirList
		close(res.done)
	}()
	return res
}

// trackedUnder reports whether git tracks a file below the directory dir.
func (w *walker) trackedUnder(dir string) bool {
	files := w.index.Files()
	i, _ := slices.BinarySearch(files, dir+"/")
	return i < len(files) && strings.HasPrefix(files[i], dir+"/")
}

// DeployKind says which deploy reader reads a file, by its base name:
// "compose" (compose.y*ml, compose.*.y*ml, docker-compose*.y*ml),
// "dockerfile" (Dockerfile, Dockerfile.*, *.Dockerfile), "nomad" (*.nomad,
// *.nomad.hcl), "agent" (*.hcl
// but Nomad, Packer and Terraform lock files), "kustomize"
// (kustomization.yaml, kustomization.yml, Kustomization), or "" for none.
func DeployKind(name string) string {
	switch ext := path.Ext(name); {
	case name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization":
		return "kustomize"
	case ext == ".yml" || ext == ".yaml":
		base := strings.TrimSuffix(name, ext)
		if base == "compose" || strings.HasPrefix(base, "compose.") || strings.HasPrefix(base, "docker-compose") {
			return "compose"
		}
	case name == "Dockerfile" || strings.HasPrefix(name, "Dockerfile.") || strings.HasSuffix(name, ".Dockerfile") || strings.HasSuffix(name, ".dockerfile"):
		return "dockerfile"
	case ext == ".nomad" || strings.HasSuffix(name, ".nomad.hcl"):
		return "nomad"
	case ext == ".hcl":
		if !strings.HasSuffix(name, ".nomad.hcl") && !strings.HasSuffix(name, ".pkr.hcl") && name != ".terraform.lock.hcl" {
			return "agent"
		}
	}
	return ""
}

func hasEntry(entries []fs.DirEntry, name string) bool {
	_, ok := slices.BinarySearchFunc(entries, name, func(e fs.DirEntry, n string) int { return strings.Compare(e.Name(), n) })
	return ok
}

func pickExample(names []string) string {
	for _, n := range ExampleNames {
		if slices.Contains(names, n) {
			return n
		}
	}
	rest := slices.Clone(names)
	slices.Sort(rest)
	if len(rest) > 0 {
		return rest[0]
	}
	return ""
}

func readIgnore(file string, domain []string) ([]gitignore.Pattern, error) {
	// A committed .gitignore -> /dev/zero must not hang the walk.
	data, err := safefile.Read("", file, 16<<20)
	if err != nil {
		return nil, err
	}
	var ps []gitignore.Pattern
	for line := range strings.Lines(string(data)) {
		line = strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, domain))
	}
	return ps, nil
}

// Owner returns the directory, among dirs, that owns file: the deepest one
// that contains it. It returns "" when none does. "." is the root.
func Owner(file string, dirs []string) string {
	best := ""
	for _, d := range dirs {
		if Contains(d, file) && (best == "" || depth(d) > depth(best)) {
			best = d
		}
	}
	return best
}

// Contains reports whether dir (relative, "." for the root) contains file.
func Contains(dir, file string) bool {
	// No dir+"/": Owner calls this for every file and component.
	return dir == "." || len(file) > len(dir) && file[len(dir)] == '/' && strings.HasPrefix(file, dir)
}

func depth(d string) int {
	if d == "." {
		return 0
	}
	return strings.Count(d, "/") + 1
}

// ChartDirs returns the Helm chart directories among the YAML files the
// walk found (each Chart.yaml's directory), leaving out subcharts vendored
// in another chart's charts/ directory: the parent renders them.
func ChartDirs(yamls []string) []string {
	var dirs []string
	for _, f := range yamls {
		if path.Base(f) != "Chart.yaml" {
			continue
		}
		dir := path.Dir(f)
		if !slices.ContainsFunc(dirs, func(d string) bool { return Contains(path.Join(d, "charts"), dir) }) {
			dirs = append(dirs, dir)
		}
	}
	return dirs
}

// InChart reports whether file lies in one of the chart directories
// (from ChartDirs): its templates/ are Helm templates, not manifests, and
// its YAML is read by the Helm reader alone.
func InChart(file string, charts []string) bool {
	return slices.ContainsFunc(charts, func(d string) bool { return Contains(d, file) })
}
