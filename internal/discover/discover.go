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
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// ExampleNames are the example file names envlint looks for, in order of
// preference; the first present in a directory is that directory's example.
var ExampleNames = []string{".env.example", ".env.sample", ".env.dist", ".env.template", "example.env", "env.example"}

// exampleSuffix is the fallback pattern *.env.example.
const exampleSuffix = ".env.example"

// skipDirs are never entered.
var skipDirs = map[string]bool{".git": true, "vendor": true, "node_modules": true, "testdata": true}

// Tree is what a walk of the repository found. Paths are relative to the
// root with forward slashes, sorted.
type Tree struct {
	GoFiles   []string // .go files, _test.go excluded
	Templates []string // *.ctmpl
	// Examples maps a directory ("." for the root) to its example file.
	Examples map[string]string
}

// Walk lists the files envlint may read below root, skipping .git, vendor,
// node_modules, testdata, what .gitignore files exclude, and symlinked
// directories (which could lead out of the repository or in circles).
func Walk(root string) (*Tree, error) {
	t := &Tree{Examples: map[string]string{}}
	w := walker{root: root, tree: t}
	if ps, err := readIgnore(filepath.Join(root, ".git", "info", "exclude"), nil); err == nil {
		w.patterns = ps
	}
	if err := w.dir("", w.patterns); err != nil {
		return nil, err
	}
	slices.Sort(t.GoFiles)
	slices.Sort(t.Templates)
	return t, nil
}

type walker struct {
	root     string
	tree     *Tree
	patterns []gitignore.Pattern
}

func (w *walker) dir(rel string, inherited []gitignore.Pattern) error {
	abs := filepath.Join(w.root, filepath.FromSlash(rel))
	entries, err := os.ReadDir(abs)
	if err != nil {
		if rel != "" && errors.Is(err, fs.ErrNotExist) {
			return nil // vanished while we walked
		}
		return err
	}
	var domain []string
	if rel != "" {
		domain = strings.Split(rel, "/")
	}
	patterns := inherited
	if ps, err := readIgnore(filepath.Join(abs, ".gitignore"), domain); err == nil && len(ps) > 0 {
		patterns = append(slices.Clip(inherited), ps...)
	}
	m := gitignore.NewMatcher(patterns)
	var examples []string
	for _, e := range entries {
		name := e.Name()
		p := path.Join(rel, name)
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(filepath.Join(abs, name))
			if err != nil || fi.IsDir() {
				continue // dangling, or a directory we must not follow
			}
		}
		if len(patterns) > 0 && m.Match(strings.Split(p, "/"), isDir) {
			continue
		}
		if isDir {
			if skipDirs[name] {
				continue
			}
			if err := w.dir(p, patterns); err != nil {
				return err
			}
			continue
		}
		switch {
		case strings.HasSuffix(name, "_test.go"):
		case strings.HasSuffix(name, ".go"):
			w.tree.GoFiles = append(w.tree.GoFiles, p)
		case strings.HasSuffix(name, ".ctmpl"):
			w.tree.Templates = append(w.tree.Templates, p)
		}
		if slices.Contains(ExampleNames, name) || strings.HasSuffix(name, exampleSuffix) {
			examples = append(examples, name)
		}
	}
	if ex := pickExample(examples); ex != "" {
		dir := rel
		if dir == "" {
			dir = "."
		}
		w.tree.Examples[dir] = path.Join(rel, ex)
	}
	return nil
}

func pickExample(names []string) string {
	for _, n := range ExampleNames {
		if slices.Contains(names, n) {
			return n
		}
	}
	var rest []string
	for _, n := range names {
		if strings.HasSuffix(n, exampleSuffix) {
			rest = append(rest, n)
		}
	}
	slices.Sort(rest)
	if len(rest) > 0 {
		return rest[0]
	}
	return ""
}

func readIgnore(file string, domain []string) ([]gitignore.Pattern, error) {
	data, err := os.ReadFile(file)
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
	return dir == "." || strings.HasPrefix(file, dir+"/")
}

func depth(d string) int {
	if d == "." {
		return 0
	}
	return strings.Count(d, "/") + 1
}
