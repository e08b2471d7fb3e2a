// Package gostruct reads the config layer from Go source: the environment
// variables a program's config struct makes its config library read
// (caarlos0/env, kelseyhightower/envconfig, sethvargo/go-envconfig,
// ilyakaznacheev/cleanenv), and constant os.Getenv reads. It works on the
// syntax tree only (go/parser, go/ast): it never compiles or runs the code.
// Each library's walk mirrors that library's reflect walk over a zero value
// of the root struct; differential tests hold it to the real libraries.
package gostruct

import (
	"cmp"
	"go/ast"
	"go/token"
	"path/filepath"
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

// Options configure one read.
type Options struct {
	// Getenv makes constant os.Getenv("X") / os.LookupEnv("X") reads keys
	// (Source "getenv").
	Getenv bool
	// GetenvFuncs are project wrappers whose first constant string argument
	// is a key, written "import/path.Func"; the path may be module-relative
	// ("internal/util.GetEnv").
	GetenvFuncs []string
}

// reader accumulates one Read.
type reader struct {
	l    *loader
	res  *resolver
	cfg  *lint.Config
	opts Options

	keys     map[string]bool
	dirs     map[string]bool
	problems map[string]bool
	families map[string]bool

	// Functions that pass a parameter to os.Getenv, found while scanning,
	// and the imports of every scanned file, to find their callers.
	autoSeen    map[autoWrapper]bool
	autoQueue   []autoWrapper
	fileImports map[string][]string // by absolute path
	// The argument lists of calls that load env files by name: a getenv
	// read inside one selects the file.
	envFileArgs [][2]token.Pos
	// Library calls in generic functions, resolved at their instantiations.
	generics []*genericLoad
	// Roots whose prefix comes from the callers, resolved after the scan.
	later []func() []*foundRoot
}

// Read returns the config layer of one component.
//
// root is the absolute repository root; every position and Root.Dir in the
// result is relative to it, with forward slashes. files are the component's
// Go files as root-relative slash paths; _test.go files and files excluded by
// `//go:build ignore` are dropped. When roots is non-empty, call-site
// discovery is skipped and exactly those roots are read; the getenv scan
// still runs over files.
func Read(root string, files []string, roots []lint.Root, opts Options) *lint.Config {
	cfg := &lint.Config{}
	r := &reader{l: newLoader(root), cfg: cfg, opts: opts,
		keys: map[string]bool{}, dirs: map[string]bool{}, problems: map[string]bool{}, families: map[string]bool{},
		autoSeen: map[autoWrapper]bool{}, fileImports: map[string][]string{}}
	r.res = newResolver(r.l)
	r.l.onError = func(p token.Position, msg string) {
		r.problem(&cfg.Errors, lint.Pos{File: r.l.rel(p.Filename), Line: max(p.Line, 1), Col: max(p.Column, 1)}, msg)
	}
	found := r.scan(files, len(roots) == 0)
	r.traceWrappers()
	found = append(found, r.traceGenerics()...)
	for _, f := range r.later {
		found = append(found, f()...)
	}
	for _, rt := range roots {
		if fr := r.explicitRoot(rt); fr != nil {
			found = append(found, fr)
		}
	}
	for _, fr := range found {
		r.walkRoot(fr)
	}
	r.finish()
	return cfg
}

// foundRoot is a root with what the walk needs beyond lint.Root.
type foundRoot struct {
	root lint.Root
	t    *rtype
	name string // type name used as the first element of field paths
	ca   caOptions
	sv   svInherit
}

func (r *reader) walkRoot(fr *foundRoot) {
	r.cfg.Roots = append(r.cfg.Roots, fr.root)
	st, sc := r.res.fieldsOf(fr.t)
	budget := maxFieldsPerRoot
	w := &walker{r: r, root: fr, lib: fr.root.Library, stack: map[*ast.StructType]bool{st: true}, budget: &budget}
	switch fr.root.Library {
	case lint.Caarlos0:
		w.caarlos0(st, sc, fr.root.Prefix, fr.name, 0)
	case lint.Kelseyhightower:
		w.kelseyhightower(st, sc, strings.ToUpper(fr.root.Prefix), fr.name, 0)
	case lint.Sethvargo:
		w.sethvargo(st, sc, fr.root.Prefix, fr.sv, fr.name, 0)
	case lint.Cleanenv:
		w.cleanenv(st, sc, fr.root.Prefix, fr.name, 0)
	}
}

func (r *reader) pos(p token.Pos) lint.Pos {
	f, line, col := r.l.pos(p)
	return lint.Pos{File: f, Line: line, Col: col}
}

func (r *reader) problem(list *[]lint.Problem, p lint.Pos, msg string) {
	id := p.String() + "\x00" + msg
	if r.problems[id] {
		return
	}
	r.problems[id] = true
	*list = append(*list, lint.Problem{Pos: p, Msg: msg})
}

func (r *reader) unresolved(p lint.Pos, msg string) { r.problem(&r.cfg.Unresolved, p, msg) }

// ineffective reports a tag once per field position, however many paths
// reach the field.
func (r *reader) ineffective(p lint.Pos, msg string) {
	id := "ineffective\x00" + p.String()
	if r.problems[id] {
		return
	}
	r.problems[id] = true
	r.cfg.IneffectiveTags = append(r.cfg.IneffectiveTags, lint.Problem{Pos: p, Msg: msg})
}

func (r *reader) family(name string) {
	if !r.families[name] {
		r.families[name] = true
		r.cfg.Families = append(r.cfg.Families, name)
	}
}

// addKey records a key once per (name, position, field path): the same
// struct under two identical calls is one set of keys.
func (r *reader) addKey(k lint.ConfigKey, dirs []lint.Directive) {
	id := k.Name + "\x00" + k.Pos.String() + "\x00" + k.Field + "\x00" + string(k.Library)
	if r.keys[id] {
		return
	}
	r.keys[id] = true
	r.cfg.Keys = append(r.cfg.Keys, k)
	for _, d := range dirs {
		d.Key = k.Name
		did := d.Pos.String() + "\x00" + d.Key
		if r.dirs[did] {
			continue
		}
		r.dirs[did] = true
		r.cfg.Directives = append(r.cfg.Directives, d)
	}
}

func (r *reader) finish() {
	c := r.cfg
	slices.SortStableFunc(c.Keys, func(a, b lint.ConfigKey) int {
		if a.Pos != b.Pos {
			if a.Pos.Less(b.Pos) {
				return -1
			}
			return 1
		}
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Field, b.Field))
	})
	for _, l := range []*[]lint.Problem{&c.Errors, &c.Unresolved, &c.IneffectiveTags, &c.UnsupportedReaders, &c.DynamicReads} {
		slices.SortStableFunc(*l, func(a, b lint.Problem) int {
			if a.Pos != b.Pos {
				if a.Pos.Less(b.Pos) {
					return -1
				}
				return 1
			}
			return strings.Compare(a.Msg, b.Msg)
		})
	}
	slices.SortStableFunc(c.Directives, func(a, b lint.Directive) int {
		if a.Pos != b.Pos {
			if a.Pos.Less(b.Pos) {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Key, b.Key)
	})
	slices.Sort(c.Families)
}

func (r *reader) abs(rel string) string {
	if filepath.IsAbs(rel) {
		return rel
	}
	return filepath.Join(r.l.root, filepath.FromSlash(rel))
}
