package gostruct

import (
	"path"
	"path/filepath"
	"slices"
)

// Program is the import graph of the Go packages in a repository, built
// from the import blocks only (the pre-scan reads the head of each file):
// it answers which packages are main packages and which repository
// packages each one imports, directly or not. Imports resolve against every
// module in the tree (the modules of a go.work, local replace targets, and
// nested modules alike), so a service spans modules as the go command
// builds it. Test files are not read: a package reached only from tests is
// in no service.
type Program struct {
	pkgs map[string]*gpkg // by root-relative directory, "." for the root
}

type gpkg struct {
	name    string   // package name; "" when no file parsed
	files   []string // root-relative
	imports []string // root-relative directories of repository imports
	ext     []string // import paths from outside the repository
	loaders []string // files that import godotenv or cleanenv
}

// Graph builds the import graph of files (root-relative slash paths of the
// repository's non-test Go files).
func Graph(root string, files []string) *Program {
	l := newLoader(root)
	abs := make([]string, len(files))
	for i, f := range files {
		abs[i] = filepath.Join(root, filepath.FromSlash(f))
	}
	hs := headers(root, abs, func([]string) (bool, bool) { return false, false })
	prog := &Program{pkgs: map[string]*gpkg{}}
	importsOf := map[string][]string{} // dir -> import paths
	for i, f := range files {
		dir := path.Dir(f)
		p := prog.pkgs[dir]
		if p == nil {
			p = &gpkg{}
			prog.pkgs[dir] = p
		}
		h := hs[i]
		if !h.ok {
			// A syntax error: the file stays in its package so that reading
			// the service reports it.
			p.files = append(p.files, f)
			continue
		}
		if h.name == "" {
			continue // excluded by a build tag
		}
		if p.name == "" {
			p.name = h.name
		} else if p.name != h.name {
			continue // a stray file of another package, as loadDir leaves it out
		}
		p.files = append(p.files, f)
		importsOf[dir] = append(importsOf[dir], h.imports...)
		if slices.ContainsFunc(h.imports, func(ip string) bool {
			return ip == "github.com/joho/godotenv" || ip == "github.com/ilyakaznacheev/cleanenv"
		}) {
			p.loaders = append(p.loaders, f)
		}
	}
	// Every module in the tree, by path: an import resolves to the module
	// with the longest path that prefixes it.
	mods := map[string]*module{}
	for dir := range prog.pkgs {
		if m := l.moduleOf(filepath.Join(root, filepath.FromSlash(dir))); m != nil && m.path != "" {
			mods[m.path] = m
			for mp, target := range m.replaces {
				if _, ok := mods[mp]; !ok {
					mods[mp] = &module{dir: target, path: mp}
				}
			}
		}
	}
	for dir, ips := range importsOf {
		p := prog.pkgs[dir]
		own := l.moduleOf(filepath.Join(root, filepath.FromSlash(dir)))
		slices.Sort(ips)
		for _, ip := range slices.Compact(ips) {
			// The importing module itself and its replacements first, as the
			// go command resolves them: several modules of a monorepo may
			// share a path (module app); then the other modules of the tree.
			var target string
			if own != nil && underModule(ip, own) {
				d, _ := l.dirOf(ip, filepath.Join(root, filepath.FromSlash(dir)))
				target = l.rel(d)
			} else {
				best := ""
				for mp := range mods {
					if _, ok := underPath(ip, mp); ok && len(mp) > len(best) {
						best = mp
					}
				}
				if best == "" {
					if !isStd(ip) {
						p.ext = append(p.ext, ip)
					}
					continue
				}
				rest, _ := underPath(ip, best)
				target = l.rel(filepath.Join(mods[best].dir, filepath.FromSlash(rest)))
			}
			if _, ok := prog.pkgs[target]; ok && target != dir {
				p.imports = append(p.imports, target)
			}
		}
	}
	return prog
}

// Mains returns the directories of the main packages, sorted.
func (p *Program) Mains() []string {
	var ds []string
	for d, pk := range p.pkgs {
		if pk.name == "main" {
			ds = append(ds, d)
		}
	}
	slices.Sort(ds)
	return ds
}

// Reach returns the package directories a package imports inside the
// repository, directly or not, itself included, sorted.
func (p *Program) Reach(dir string) []string {
	seen := map[string]bool{}
	var visit func(d string)
	visit = func(d string) {
		if seen[d] {
			return
		}
		seen[d] = true
		if pk := p.pkgs[d]; pk != nil {
			for _, i := range pk.imports {
				visit(i)
			}
		}
	}
	visit(dir)
	ds := make([]string, 0, len(seen))
	for d := range seen {
		ds = append(ds, d)
	}
	slices.Sort(ds)
	return ds
}

// Files returns the Go files of the packages in dirs, sorted.
func (p *Program) Files(dirs []string) []string {
	return p.collect(dirs, func(pk *gpkg) []string { return pk.files })
}

// External returns the import paths from outside the repository that the
// packages in dirs import, sorted.
func (p *Program) External(dirs []string) []string {
	return p.collect(dirs, func(pk *gpkg) []string { return pk.ext })
}

// collect gathers one list of every package in dirs, sorted and compacted.
func (p *Program) collect(dirs []string, of func(*gpkg) []string) []string {
	var out []string
	for _, d := range dirs {
		if pk := p.pkgs[d]; pk != nil {
			out = append(out, of(pk)...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// underModule reports whether ip is inside module m or one it replaces
// with a local directory.
func underModule(ip string, m *module) bool {
	if _, ok := underPath(ip, m.path); ok {
		return true
	}
	for mp := range m.replaces {
		if _, ok := underPath(ip, mp); ok {
			return true
		}
	}
	return false
}
