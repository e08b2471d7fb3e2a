// Package pyconfig reads the config layer of Python services from source:
// the environment variables that pydantic-settings classes (v2
// `pydantic_settings.BaseSettings`, v1 `pydantic.BaseSettings`) read, and
// constant os.getenv / os.environ reads. The code is never imported or run:
// a tokenizer that follows CPython's and a parser for the subset that
// declares settings read it, and what they cannot resolve statically (a
// computed env_prefix, a dynamic base class, an alias that is not a
// constant) is reported as unresolved rather than guessed.
//
// The package knows the names, defaults, required-ness and types pydantic
// gives fields; what a value must look like is internal/value's business.
package pyconfig

import (
	"bytes"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/safefile"
)

// Index is the parsed Python files of a repository: every file that can
// declare settings, an enum or a model, or read the environment. Classes
// are resolved across all of them, so a base class may live in a shared
// package outside the component.
type Index struct {
	root    string
	files   map[string]*pyFile // by root-relative slash path
	sorted  []*pyFile          // files in path order
	modules map[string][]string

	mu       sync.Mutex
	suffixes map[string]*pyFile // resolved absolute module specs
}

type pyFile struct {
	rel      string
	mod      *module
	modName  string // dotted module name, from the path ("pkg/mod.py" is "pkg.mod")
	settings bool   // imports pydantic_settings or pydantic's BaseSettings
	relevant bool   // may declare settings or read the environment
	err      *lint.Problem
}

// markers are byte strings a file must contain for the reader to parse it:
// anything that declares settings, models or enums, or reads the
// environment. Other files cost one read.
var markers = [][]byte{[]byte("pydantic"), []byte("getenv"), []byte("environ"), []byte("Enum")}

// IsTest reports whether a Python file is a test (pytest's and unittest's
// naming conventions, or a tests directory): test files are not config.
func IsTest(rel string) bool {
	base := path.Base(rel)
	if strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") || base == "conftest.py" {
		return true
	}
	for _, d := range strings.Split(path.Dir(rel), "/") {
		if d == "tests" || d == "test" {
			return true
		}
	}
	return false
}

// NewIndex reads files (root-relative slash paths of .py files); read
// returns a file's content or a problem that becomes the file's error.
func NewIndex(root string, files []string, read func(rel string) ([]byte, *lint.Problem)) *Index {
	idx := &Index{root: root, files: map[string]*pyFile{}, modules: map[string][]string{}, suffixes: map[string]*pyFile{}}
	results := make([]*pyFile, len(files))
	stubs := make([][]string, len(files)) // textual base names of files not parsed
	forEach(len(files), func(i int) { results[i], stubs[i] = readFile(files[i], read) })
	idx.add(results)
	// A class deriving from a project settings class need not import
	// pydantic: parse the files whose classes name a known class as a
	// base, until no new file joins.
	for range 8 {
		names := map[string]bool{}
		for _, f := range results {
			if f != nil && f.mod != nil {
				for _, c := range f.mod.classes {
					names[c.name] = true
				}
			}
		}
		var more []int
		for i, bs := range stubs {
			if results[i] == nil && slices.ContainsFunc(bs, func(b string) bool { return names[b] }) {
				more = append(more, i)
			}
		}
		if len(more) == 0 {
			break
		}
		added := make([]*pyFile, len(more))
		forEach(len(more), func(j int) {
			i := more[j]
			data, prob := read(files[i])
			if prob != nil {
				return
			}
			added[j] = parseFile(files[i], data)
			added[j].settings = true // derives from a project class; roots are checked by kind
			stubs[i] = nil
		})
		for j, i := range more {
			results[i] = added[j]
		}
		idx.add(added)
	}
	return idx
}

func (idx *Index) add(fs []*pyFile) {
	for _, f := range fs {
		if f == nil {
			continue
		}
		idx.files[f.rel] = f
		idx.sorted = append(idx.sorted, f)
		idx.modules[f.modName] = append(idx.modules[f.modName], f.rel)
	}
	slices.SortFunc(idx.sorted, func(a, b *pyFile) int { return strings.Compare(a.rel, b.rel) })
}

// forEach runs fn(0..n-1) on as many goroutines as there are CPUs.
func forEach(n int, fn func(int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// classBases returns the last names of the bases of every `class X(...)`
// line in data, found textually: cheap enough for every Python file.
func classBases(data []byte) []string {
	var out []string
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("class "))
		if j < 0 {
			return out
		}
		i += j + len("class ")
		if k := i - len("class ") - 1; k >= 0 && data[k] != '\n' && data[k] != ' ' && data[k] != '\t' {
			continue
		}
		end := bytes.IndexAny(data[i:], ":\n")
		if end < 0 {
			return out
		}
		line := data[i : i+end]
		open := bytes.IndexByte(line, '(')
		if open < 0 {
			continue
		}
		for _, b := range bytes.Split(line[open+1:], []byte(",")) {
			b = bytes.TrimSpace(bytes.TrimRight(bytes.TrimSpace(b), ")"))
			if k := bytes.LastIndexByte(b, '.'); k >= 0 {
				b = b[k+1:]
			}
			if k := bytes.IndexByte(b, '['); k >= 0 {
				b = b[:k]
			}
			if len(b) > 0 && !bytes.ContainsAny(b, "=*") {
				out = append(out, string(b))
			}
		}
	}
}

func readFile(rel string, read func(string) ([]byte, *lint.Problem)) (*pyFile, []string) {
	data, prob := read(rel)
	if prob != nil {
		return &pyFile{rel: rel, err: prob, modName: moduleName(rel), relevant: true}, nil
	}
	hit := path.Base(rel) == "__init__.py" // may re-export settings classes
	for _, m := range markers {
		if bytes.Contains(data, m) {
			hit = true
			break
		}
	}
	if !hit {
		return nil, classBases(data)
	}
	return parseFile(rel, data), nil
}

func parseFile(rel string, data []byte) *pyFile {
	f := &pyFile{rel: rel, modName: moduleName(rel)}
	f.relevant = bytes.Contains(data, []byte("BaseSettings")) || bytes.Contains(data, []byte("pydantic_settings")) ||
		bytes.Contains(data, []byte("getenv")) || bytes.Contains(data, []byte("environ"))
	f.mod = parse(data)
	if e := f.mod.err; e != nil {
		f.err = &lint.Problem{Pos: lint.Pos{File: rel, Line: max(e.line, 1), Col: max(e.col, 1)}, Msg: rel + ": Python syntax error: " + e.msg}
		// The imports are not known: a file that names pydantic-settings
		// is taken to declare settings.
		f.settings = bytes.Contains(data, []byte("pydantic_settings")) || bytes.Contains(data, []byte("BaseSettings"))
	}
	for _, im := range f.mod.imports {
		if im.module == "pydantic_settings" || strings.HasPrefix(im.module, "pydantic_settings.") ||
			im.name == "BaseSettings" && (im.module == "pydantic" || im.module == "pydantic.v1") {
			f.settings = true
		}
	}
	return f
}

// ReadFile reads a file of the repository at root, for callers without a
// reader of their own; like every layer file, never through a link that
// leaves the repository.
func ReadFile(root string) func(string) ([]byte, *lint.Problem) {
	return func(rel string) ([]byte, *lint.Problem) {
		data, err := safefile.Read(root, filepath.FromSlash(rel), 16<<20)
		if err != nil {
			return nil, &lint.Problem{Pos: lint.Pos{File: rel}, Msg: "cannot read " + rel + ": " + err.Error()}
		}
		return data, nil
	}
}

func moduleName(rel string) string {
	rel = strings.TrimSuffix(rel, ".py")
	rel = strings.TrimSuffix(rel, "/__init__")
	if rel == "__init__" {
		rel = ""
	}
	return strings.ReplaceAll(rel, "/", ".")
}

// HasSettings reports whether any of files declares settings.
func (idx *Index) HasSettings(files []string) bool {
	for _, f := range files {
		if pf := idx.files[f]; pf != nil && pf.settings {
			return true
		}
	}
	return false
}

// Options configure one read.
type Options struct {
	// Getenv makes constant os.getenv / os.environ reads keys.
	Getenv bool
}

// Config returns the config layer of one component: its files' settings
// classes (or exactly roots, when given: Dir and Struct name the class),
// and their constant environment reads. Positions are relative to the
// index root.
func (idx *Index) Config(files []string, roots []lint.Root, opts Options) *lint.Config {
	r := &reader{idx: idx, cfg: &lint.Config{}, seen: map[string]bool{}}
	var own []*pyFile
	for _, f := range files {
		if pf := idx.files[f]; pf != nil && !IsTest(f) {
			own = append(own, pf)
		}
	}
	for _, f := range own {
		if f.err != nil {
			if f.relevant || f.mod == nil {
				r.cfg.Errors = append(r.cfg.Errors, *f.err)
			}
		}
	}
	if len(roots) > 0 {
		for _, root := range roots {
			r.configuredRoot(own, root)
		}
	} else {
		for _, f := range own {
			if f.err != nil {
				continue
			}
			r.discoverRoots(f)
		}
	}
	if opts.Getenv {
		for _, f := range own {
			if f.err == nil {
				r.reads(f)
			}
		}
	}
	return r.cfg
}

type reader struct {
	idx   *Index
	cfg   *lint.Config
	seen  map[string]bool // problems already reported
	bases map[*class]bool // classes some project class derives from
	kinds map[*class]kindResult
	// prefixGiven is set while reading a root whose prefix .envlint.yaml
	// gives: a computed env_prefix is then no problem.
	prefixGiven bool
}

func (r *reader) unresolved(pos lint.Pos, msg string) {
	k := pos.String() + msg
	if r.seen[k] {
		return
	}
	r.seen[k] = true
	r.cfg.Unresolved = append(r.cfg.Unresolved, lint.Problem{Pos: pos, Msg: msg})
}

func (r *reader) configuredRoot(own []*pyFile, root lint.Root) {
	for _, f := range own {
		if f.err != nil || (root.Dir != "" && root.Dir != "." && !strings.HasPrefix(f.rel, strings.TrimSuffix(root.Dir, "/")+"/")) {
			continue
		}
		for _, c := range f.mod.classes {
			if c.name == root.Struct && !c.inFunc {
				ref := classRef{f, c}
				if kind, _ := r.kindOf(ref, 0); kind != kindSettings {
					r.unresolved(root.Pos, root.Struct+" in "+f.rel+" does not derive from pydantic-settings' BaseSettings")
					return
				}
				r.root(ref, root.Prefix, root.Pos)
				return
			}
		}
	}
	r.unresolved(root.Pos, "no Python class "+root.Struct+" below "+root.Dir)
}

// discoverRoots makes every settings class in f that no other project
// class extends a root.
func (r *reader) discoverRoots(f *pyFile) {
	for _, c := range f.mod.classes {
		ref := classRef{f, c}
		kind, dyn := r.kindOf(ref, 0)
		if dyn != nil && f.settings {
			r.unresolved(dyn.pos, dyn.msg)
			continue
		}
		if kind != kindSettings || r.extended(ref) {
			continue
		}
		r.root(ref, "", lint.Pos{})
	}
}

// extended reports whether a project class derives from c.
func (r *reader) extended(c classRef) bool {
	if r.bases == nil {
		r.bases = map[*class]bool{}
		for _, f := range r.idx.sorted {
			if f.mod == nil || f.err != nil {
				continue
			}
			for _, d := range f.mod.classes {
				for _, b := range d.bases {
					if b.kind == eSubscript {
						b = b.x
					}
					if _, ref, ok := r.resolve(f, b, 0); ok && ref != nil {
						r.bases[ref.c] = true
					}
				}
			}
		}
	}
	return r.bases[c.c]
}

func (r *reader) reads(f *pyFile) {
	for _, rd := range f.mod.reads {
		pos := lint.Pos{File: f.rel, Line: rd.line, Col: rd.col}
		if !r.isOSRead(f, rd) {
			continue
		}
		key, ok := r.constString(f, rd.key, 0)
		if !ok {
			continue
		}
		if key == "" {
			continue
		}
		k := lint.ConfigKey{Name: key, Pos: pos, Field: rd.function, Source: "getenv",
			Type: lint.Type{Name: "str", Kind: lint.KindString}}
		if k.Field == "" {
			k.Field = f.modName
		} else {
			k.Field = f.modName + "." + k.Field
		}
		if strings.HasSuffix(rd.fn, "environ[]") {
			k.Required = true
		}
		if rd.hasDef {
			if d, ok := r.constString(f, rd.def, 0); ok {
				k.Default = &d
				k.DefaultPos = lint.Pos{File: f.rel, Line: rd.def.line, Col: rd.def.col}
			}
		}
		r.addKey(k)
	}
}

// addKey adds a key with the envlint:ignore comments on its line or the
// line above (`# envlint:ignore rule[,rule] [reason]`).
func (r *reader) addKey(k lint.ConfigKey) {
	r.cfg.Keys = append(r.cfg.Keys, k)
	f := r.idx.files[k.Pos.File]
	if f == nil || f.mod == nil {
		return
	}
	for _, c := range f.mod.ignores {
		if c.line != k.Pos.Line && !(c.line == k.Pos.Line-1 && c.own) {
			continue
		}
		d, ok := parseDirective(c.text)
		if !ok {
			continue
		}
		d.Pos, d.Key = lint.Pos{File: f.rel, Line: c.line, Col: c.col}, k.Name
		if r.seen["dir\x00"+d.Pos.String()+"\x00"+d.Key] {
			continue
		}
		r.seen["dir\x00"+d.Pos.String()+"\x00"+d.Key] = true
		r.cfg.Directives = append(r.cfg.Directives, d)
	}
}

// parseDirective reads `envlint:ignore rule[,rule] [reason]` from a
// comment (with its #).
func parseDirective(text string) (lint.Directive, bool) {
	return lint.ParseDirective(strings.TrimPrefix(strings.TrimSpace(text), "#"))
}

// isOSRead reports whether a read goes through the os module: os.getenv,
// an alias of os, or getenv/environ imported from os.
func (r *reader) isOSRead(f *pyFile, rd envRead) bool {
	recv, _, hasRecv := strings.Cut(rd.fn, ".")
	if !hasRecv || recv == "environ" || recv == "getenv" {
		// A bare name: imported from os?
		name := "getenv"
		if strings.HasPrefix(rd.fn, "environ") {
			name = "environ"
		}
		for _, im := range f.mod.imports {
			if im.local == name && im.module == "os" && im.name == name {
				return true
			}
		}
		return false
	}
	for _, im := range f.mod.imports {
		if im.local == recv && im.module == "os" && im.name == "" {
			return true
		}
	}
	return false
}

// constString folds a constant string: a literal, a module constant, or
// an imported module constant.
func (r *reader) constString(f *pyFile, e *expr, depth int) (string, bool) {
	if e == nil || depth > 8 {
		return "", false
	}
	switch e.kind {
	case eString:
		return e.str, e.strOK && !e.bytes
	case eName:
		if f.mod.assigns[e.name] == 1 {
			if v, ok := f.mod.consts[e.name]; ok {
				return r.constString(f, v, depth+1)
			}
		}
		if f.mod.assigns[e.name] == 0 {
			for _, im := range f.mod.imports {
				if im.local == e.name && im.name != "" {
					if tf := r.resolveModule(f, im.module); tf != nil && tf.mod != nil && tf.mod.assigns[im.name] == 1 {
						return r.constString(tf, tf.mod.consts[im.name], depth+1)
					}
				}
			}
		}
	}
	return "", false
}
