package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/envlint/envlint/internal/config"
	"github.com/envlint/envlint/internal/diff"
	"github.com/envlint/envlint/internal/discover"
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/ctmpl"
	"github.com/envlint/envlint/internal/parse/dotenv"
	"github.com/envlint/envlint/internal/parse/gostruct"
	"github.com/envlint/envlint/internal/safefile"
)

// maxFileSize bounds what envlint reads of one file; larger files are a
// parse-error naming the limit rather than a memory spike.
const maxFileSize = 16 << 20

// project is everything one run reads: the components with their parsed
// layers, and problems that belong to no component.
type project struct {
	root       string // absolute
	cwd        string // the -C directory, absolute: command-line paths are relative to it
	cfg        *config.File
	components []*diff.Component
	unassigned []lint.Problem
	parsed     sync.Map // example file -> the bytes parsed, which fix edits
	manifest   bool     // the config layer comes from a manifest (check --manifest)
	// notChecked lists directories with an example that are not components
	// (Checked false); coverage is every component's record after check.
	notChecked []lint.Coverage
	coverage   []lint.Coverage
}

// path resolves a path given on the command line: relative to the -C
// directory, like every other path envlint reads.
func (p *project) path(name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	if p.cwd != "" {
		return filepath.Join(p.cwd, name)
	}
	return filepath.Join(p.root, name)
}

// runError is a failure of the run itself (exit 2).
type runError struct{ msg string }

func (e *runError) Error() string { return e.msg }

// load reads the repository as the flags and the config file say.
func (g *globalOptions) load() (*project, error) {
	root, err := filepath.Abs(g.dir)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return nil, &runError{fmt.Sprintf("-C %s: no such directory", g.dir)}
	}
	cfg, cfgName, cfgDir, err := g.loadConfig(root)
	if err != nil {
		return nil, err
	}
	start := root
	if len(cfg.Components) > 0 {
		root = cfgDir // its paths are relative to its own directory
	}
	tree, err := discover.Walk(root)
	if err != nil {
		return nil, &runError{listError(root, err)}
	}
	p := &project{root: root, cwd: start, cfg: cfg}
	if len(cfg.Components) == 0 {
		p.discovered(tree)
	} else if err := p.configured(tree, cfgName); err != nil {
		return nil, err
	} else if err := p.narrow(start, cfgName); err != nil {
		return nil, err
	}
	if g.component != "" {
		var names []string
		for _, c := range p.components {
			if c.Name == g.component {
				p.components = []*diff.Component{c}
				p.unassigned = nil
				p.notChecked = nil
				return p, nil
			}
			names = append(names, c.Name)
		}
		return nil, flagErrorf("--component %s: no such component (have: %s)", g.component, strings.Join(names, ", "))
	}
	return p, nil
}

// loadConfig reads --config, else the config file found from root upwards
// (findConfig). It returns the file's name as findings name it (relative to
// dir) and dir, the directory its paths are relative to.
func (g *globalOptions) loadConfig(root string) (cfg *config.File, name, dir string, err error) {
	name, dir = g.config, root
	shown := name // as messages name it: relative to -C
	if name == "" {
		found, err := findConfig(root)
		if err != nil || found == "" {
			return &config.File{}, "", root, err
		}
		dir, name = filepath.Dir(found), filepath.Base(found)
		rel, _ := filepath.Rel(root, found)
		shown = filepath.ToSlash(rel)
	}
	file := name
	if !filepath.IsAbs(file) {
		file = filepath.Join(dir, name)
	}
	data, err := safefile.Read(root, file, maxFileSize)
	if err != nil {
		return nil, "", "", &runError{fmt.Sprintf("cannot read config file %s: %v", shown, unwrapPathError(err))}
	}
	cfg, err = config.Parse(shown, data, func(id string) bool { _, ok := diff.Lookup(id); return ok })
	if err != nil {
		return nil, "", "", &runError{err.Error()}
	}
	return cfg, name, dir, nil
}

// configured lays out the components .envlint.yaml lists. A layer the file
// leaves out is discovered below the component's directory.
func (p *project) configured(tree *discover.Tree, cfgName string) error {
	fsys := os.DirFS(p.root)
	dirs := make([]string, len(p.cfg.Components))
	for i, cc := range p.cfg.Components {
		dirs[i] = componentDir(&cc, tree)
	}
	tmplsByDir, goByDir := groupByOwner(tree.Templates, dirs), groupByOwner(tree.GoFiles, dirs)
	var reads []func() // the Go reads, run concurrently once the layout is valid
	for i, cc := range p.cfg.Components {
		name := cc.Name
		if name == "" {
			name = dirs[i]
		}
		c := &diff.Component{Name: name, Ignore: cc.Ignore, CommentedDocuments: cc.CommentedDocuments()}
		examples := cc.Example
		if len(examples) == 0 {
			if ex, ok := tree.Examples[dirs[i]]; ok {
				examples = []string{ex}
			}
		}
		for _, ex := range examples {
			ex, err := repoFile(p.root, ex)
			if err != nil {
				return &runError{fmt.Sprintf("%s:%d: example file %s: %v", cfgName, cc.Line, ex, err)}
			}
			c.Examples = append(c.Examples, p.parseExample(ex))
		}
		var templates []string
		for _, g := range cc.Vault {
			ms, err := glob(fsys, g)
			if err != nil || len(ms) == 0 {
				return &runError{fmt.Sprintf("%s:%d: vault pattern %q matches no file", cfgName, cc.Line, g)}
			}
			templates = append(templates, ms...)
		}
		if cc.Vault == nil {
			templates = append(templates, tmplsByDir[dirs[i]]...)
		}
		slices.Sort(templates)
		templates = slices.Compact(templates)
		var opts ctmpl.Options
		if len(cc.Delims) == 2 {
			opts = ctmpl.Options{LeftDelim: cc.Delims[0], RightDelim: cc.Delims[1]}
		}
		for _, t := range templates {
			c.Templates = append(c.Templates, p.parseTemplate(t, opts))
		}
		for _, group := range cc.VaultGroups {
			var files []string
			for _, g := range group {
				ms, err := glob(fsys, g)
				if err != nil || len(ms) == 0 {
					return &runError{fmt.Sprintf("%s:%d: vault_groups pattern %q matches no file", cfgName, cc.Line, g)}
				}
				files = append(files, ms...)
			}
			c.Groups = append(c.Groups, files)
		}
		var roots []lint.Root
		for _, s := range cc.Config {
			dir := cleanRel(s.Dir)
			if fi, err := os.Stat(filepath.Join(p.root, filepath.FromSlash(dir))); err != nil || !fi.IsDir() {
				return &runError{fmt.Sprintf("%s:%d: config dir %s: no such directory", cfgName, s.Line, dir)}
			}
			roots = append(roots, lint.Root{Dir: dir, Struct: s.Struct, Library: lint.Library(s.Library), Prefix: s.Prefix,
				Pos: lint.Pos{File: cfgName, Line: s.Line}})
		}
		files := goByDir[dirs[i]]
		gopts := gostruct.Options{Getenv: cc.GetenvEnabled(), GetenvFuncs: cc.GetenvFuncs}
		goRoots := goRoots(roots)
		reads = append(reads, func() { c.Config = gostruct.Read(p.root, files, goRoots, gopts) })
		p.components = append(p.components, c)
	}
	runAll(reads)
	p.readPythonConfigured(tree, dirs, cfgName)
	return p.loadDeploy(tree, dirs, cfgName)
}

// runAll runs independent jobs, as many at once as there are CPUs. Each job
// writes only its own result slot, so the outcome does not depend on the
// order in which they finish.
func runAll(jobs []func()) {
	next := make(chan func())
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for job := range next {
				job()
			}
		})
	}
	for _, job := range jobs {
		next <- job
	}
	close(next)
	wg.Wait()
}

// groupByOwner maps each component directory to the files it owns, once
// per file; "" collects the files no component owns.
func groupByOwner(files, dirs []string) map[string][]string {
	m := map[string][]string{}
	for _, f := range files {
		o := discover.Owner(f, dirs)
		m[o] = append(m[o], f)
	}
	return m
}

// componentDir is the directory a configured component owns: dir:, else
// the directory of its first example file, else the root.
func componentDir(c *config.Component, tree *discover.Tree) string {
	switch {
	case c.Dir != "":
		return cleanRel(c.Dir)
	case len(c.Example) > 0:
		return path.Dir(cleanRel(c.Example[0]))
	}
	return "."
}

func cleanRel(p string) string { return path.Clean(filepath.ToSlash(p)) }

// glob expands a pattern with ** relative to the root; a plain path matches
// itself when it exists.
func glob(fsys fs.FS, pattern string) ([]string, error) {
	return doublestar.Glob(fsys, cleanRel(pattern), doublestar.WithFilesOnly())
}

// readSource reads a file to lint. A problem reading it is returned as a
// positioned problem: the file's own finding, not a failed run.
func (p *project) readSource(rel string) ([]byte, *lint.Problem) {
	data, err := safefile.Read(p.root, filepath.FromSlash(rel), maxFileSize)
	if tl := (*safefile.TooLargeError)(nil); errors.As(err, &tl) {
		return nil, &lint.Problem{Pos: lint.Pos{File: rel, Line: 1},
			Msg: fmt.Sprintf("%s is %d MiB, over envlint's %d MiB limit per file", rel, tl.Size>>20, maxFileSize>>20)}
	}
	if err != nil {
		return nil, &lint.Problem{Pos: lint.Pos{File: rel}, Msg: fmt.Sprintf("cannot read %s: %v", rel, unwrapPathError(err))}
	}
	return data, nil
}

func (p *project) parseExample(rel string) (ef *lint.ExampleFile) {
	data, prob := p.readSource(rel)
	if prob != nil {
		return &lint.ExampleFile{File: rel, Errors: []lint.Problem{*prob}}
	}
	p.parsed.Store(rel, data)
	defer recoverParse(rel, func(pr lint.Problem) { ef = &lint.ExampleFile{File: rel, Errors: []lint.Problem{pr}} })
	return dotenv.Parse(rel, data)
}

func (p *project) parseTemplate(rel string, opts ctmpl.Options) (t *lint.Template) {
	data, prob := p.readSource(rel)
	if prob != nil {
		return &lint.Template{File: rel, Errors: []lint.Problem{*prob}}
	}
	defer recoverParse(rel, func(pr lint.Problem) { t = &lint.Template{File: rel, Errors: []lint.Problem{pr}} })
	return ctmpl.Parse(rel, data, opts)
}

// recoverParse turns a parser panic into a problem on the file, so that one
// odd file never crashes a CI run. The panic value is not printed: it may
// hold a value from the file.
func recoverParse(rel string, set func(lint.Problem)) {
	if r := recover(); r != nil {
		set(lint.Problem{Pos: lint.Pos{File: rel, Line: 1},
			Msg: "envlint failed to read " + rel + " (internal error); please report it with a file that reproduces it"})
	}
}

// unwrapPathError drops the absolute path os errors carry: messages name
// files relative to the -C directory.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
