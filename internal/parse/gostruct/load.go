package gostruct

import (
	"errors"
	"go/ast"
	"go/build"
	"go/build/constraint"
	"go/parser"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/envlint/envlint/internal/safefile"
)

// file is one parsed Go file.
type file struct {
	rel     string // root-relative slash path
	ast     *ast.File
	imports map[string]string // local name -> import path
	pkg     *pkg
}

// pkg is the non-test Go files of one directory.
type pkg struct {
	dir        string // absolute
	importPath string // "" when unknown
	files      []*file
	types      map[string]typeDecl
	consts     map[string]constDecl
	vars       map[string]varDecl
	funcs      map[string]*ast.FuncDecl
	funcFile   map[string]*file
	methods    map[string]map[string]bool // receiver type name -> method names
	reassigned map[string]bool            // package-level variables assigned after their declaration
}

type typeDecl struct {
	spec *ast.TypeSpec
	file *file
}

type constDecl struct {
	expr ast.Expr
	typ  ast.Expr
	file *file
}

type varDecl struct {
	typ  ast.Expr
	val  ast.Expr
	file *file
}

// module is what envlint needs from a go.mod file.
type module struct {
	dir      string
	path     string
	replaces map[string]string // module path -> absolute local dir
	requires map[string]string // module path -> required version
}

// loader parses files and packages on demand and caches them.
type loader struct {
	root    string
	fset    *token.FileSet
	files   map[string]*file // by absolute path
	pkgs    map[string]*pkg  // by absolute dir
	mods    map[string]*module
	goroot  string
	onError func(pos token.Position, msg string)
}

func newLoader(root string) *loader {
	return &loader{
		root:   root,
		fset:   token.NewFileSet(),
		files:  map[string]*file{},
		pkgs:   map[string]*pkg{},
		mods:   map[string]*module{},
		goroot: build.Default.GOROOT,
	}
}

// rel turns an absolute path into a root-relative slash path.
func (l *loader) rel(abs string) string {
	r, err := filepath.Rel(l.root, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(r)
}

// pos converts a token.Pos once into a lint.Pos.
func (l *loader) pos(p token.Pos) (file string, line, col int) {
	if !p.IsValid() {
		return "", 0, 0
	}
	tp := l.fset.Position(p)
	return l.rel(tp.Filename), tp.Line, tp.Column
}

// excludedByBuild reports whether a file's //go:build line excludes it
// through the ignore tag (the convention for programs run with go run).
func excludedByBuild(f *ast.File) bool {
	for _, cg := range f.Comments {
		if cg.Pos() > f.Package {
			break
		}
		for _, c := range cg.List {
			if !constraint.IsGoBuild(c.Text) {
				continue
			}
			expr, err := constraint.Parse(c.Text)
			if err != nil {
				continue
			}
			mentions := false
			withoutIgnore := expr.Eval(func(tag string) bool {
				if tag == "ignore" {
					mentions = true
					return false
				}
				return true
			})
			if mentions && !withoutIgnore {
				return true
			}
		}
	}
	return false
}

// parseFull parses a file with comments. It returns nil for files that fail
// to parse (reporting them) or that are excluded.
func (l *loader) parseFull(abs string) *file { return l.parseFullSrc(abs, nil) }

// parseFullSrc is parseFull with the file's source when the caller has
// already read it (nil: read it now).
func (l *loader) parseFullSrc(abs string, src []byte) *file {
	if f, ok := l.files[abs]; ok {
		return f
	}
	l.files[abs] = nil
	if src == nil {
		var err error
		// Never through a link out of the repository, nor from a FIFO or
		// /proc: a syntax error would quote what it read (#15).
		if src, err = safefile.Read(l.root, abs, 1<<40); err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			l.onError(token.Position{Filename: abs}, "cannot read "+l.rel(abs)+": "+err.Error())
			return nil
		}
	}
	af, err := parser.ParseFile(l.fset, abs, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		l.reportParseError(abs, err)
		return nil
	}
	if excludedByBuild(af) {
		return nil
	}
	f := &file{rel: l.rel(abs), ast: af, imports: importsOf(af)}
	l.files[abs] = f
	return f
}

func (l *loader) reportParseError(abs string, err error) {
	if el, ok := err.(scanner.ErrorList); ok && len(el) > 0 {
		l.onError(el[0].Pos, withoutLiterals(el[0].Msg))
		return
	}
	l.onError(token.Position{Filename: abs, Line: 1, Column: 1}, withoutLiterals(err.Error()))
}

func importsOf(af *ast.File) map[string]string {
	m := map[string]string{}
	for _, is := range af.Imports {
		p, err := strconv.Unquote(is.Path.Value)
		if err != nil {
			continue
		}
		name := path.Base(p)
		if is.Name != nil {
			name = is.Name.Name
		} else if isMajorVersion(name) {
			name = path.Base(path.Dir(p))
		}
		switch name {
		case "_", ".":
			continue
		}
		// A package named go-envconfig is imported as envconfig.
		name = strings.TrimPrefix(name, "go-")
		m[name] = p
	}
	return m
}

func isMajorVersion(s string) bool {
	if len(s) < 2 || s[0] != 'v' {
		return false
	}
	_, err := strconv.Atoi(s[1:])
	return err == nil
}

// loadDir loads the non-test Go files of a directory as one package.
func (l *loader) loadDir(dir string) *pkg {
	if p, ok := l.pkgs[dir]; ok {
		return p
	}
	p := &pkg{dir: dir, types: map[string]typeDecl{}, consts: map[string]constDecl{}, vars: map[string]varDecl{},
		funcs: map[string]*ast.FuncDecl{}, funcFile: map[string]*file{}, methods: map[string]map[string]bool{}}
	l.pkgs[dir] = p
	p.importPath = l.importPathOf(dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return p
	}
	name := ""
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") {
			continue
		}
		f := l.parseFull(filepath.Join(dir, n))
		if f == nil {
			continue
		}
		// A directory holds one package; files of another (e.g. a stray
		// main next to a library) are left out.
		if name == "" {
			name = f.ast.Name.Name
		} else if f.ast.Name.Name != name {
			continue
		}
		f.pkg = p
		p.files = append(p.files, f)
		p.index(f)
	}
	return p
}

func (p *pkg) index(f *file) {
	for _, d := range f.ast.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			var lastVals []ast.Expr
			var lastType ast.Expr
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					p.types[s.Name.Name] = typeDecl{s, f}
				case *ast.ValueSpec:
					if d.Tok == token.CONST {
						// Implicit repetition of the previous expression.
						if len(s.Values) > 0 || s.Type != nil {
							lastVals, lastType = s.Values, s.Type
						}
						for i, n := range s.Names {
							var e ast.Expr
							if i < len(lastVals) {
								e = lastVals[i]
							}
							p.consts[n.Name] = constDecl{e, lastType, f}
						}
						continue
					}
					for i, n := range s.Names {
						var v ast.Expr
						if i < len(s.Values) && len(s.Values) == len(s.Names) {
							v = s.Values[i]
						}
						p.vars[n.Name] = varDecl{s.Type, v, f}
					}
				}
			}
		case *ast.FuncDecl:
			if d.Recv == nil {
				p.funcs[d.Name.Name] = d
				p.funcFile[d.Name.Name] = f
				continue
			}
			if len(d.Recv.List) == 0 {
				continue
			}
			if rn := recvName(d.Recv.List[0].Type); rn != "" {
				if p.methods[rn] == nil {
					p.methods[rn] = map[string]bool{}
				}
				p.methods[rn][d.Name.Name] = true
			}
		}
	}
}

func recvName(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

// moduleOf finds the nearest go.mod at or above dir.
func (l *loader) moduleOf(dir string) *module {
	if m, ok := l.mods[dir]; ok {
		return m
	}
	var m *module
	if data, err := safefile.Read(l.root, filepath.Join(dir, "go.mod"), 16<<20); err == nil {
		m = parseGoMod(dir, data)
	} else if parent := filepath.Dir(dir); parent != dir {
		m = l.moduleOf(parent)
	}
	l.mods[dir] = m
	return m
}

// parseGoMod reads the module path and the replace directives that point at
// local directories, with the go command's own parser (strict: ParseLax skips
// replace directives). A go.mod that does not parse still yields its module
// path, if that line can be read.
func parseGoMod(dir string, data []byte) *module {
	m := &module{dir: dir, replaces: map[string]string{}, requires: map[string]string{}}
	f, err := modfile.Parse(filepath.Join(dir, "go.mod"), data, nil)
	if err != nil {
		m.path = modfile.ModulePath(data)
		return m
	}
	if f.Module != nil {
		m.path = f.Module.Mod.Path
	}
	for _, r := range f.Require {
		m.requires[r.Mod.Path] = r.Mod.Version
	}
	for _, r := range f.Replace {
		// A replacement without a version is a directory (modfile checks that
		// it starts with ./, ../ or is absolute); one with a version is a module.
		if r.New.Version != "" {
			continue
		}
		target := filepath.FromSlash(r.New.Path)
		if !filepath.IsAbs(target) {
			target = filepath.Join(dir, target)
		}
		m.replaces[r.Old.Path] = target
	}
	return m
}

// importPathOf derives a directory's import path from its module.
func (l *loader) importPathOf(dir string) string {
	if l.goroot != "" {
		src := filepath.Join(l.goroot, "src")
		if r, err := filepath.Rel(src, dir); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(r)
		}
	}
	m := l.moduleOf(dir)
	if m == nil || m.path == "" {
		return ""
	}
	r, err := filepath.Rel(m.dir, dir)
	if err != nil {
		return ""
	}
	if r == "." {
		return m.path
	}
	return m.path + "/" + filepath.ToSlash(r)
}

// dirOf resolves an import path, seen from a file in fromDir, to a directory.
func (l *loader) dirOf(importPath, fromDir string) (string, bool) {
	m := l.moduleOf(fromDir)
	if m != nil {
		if rest, ok := underPath(importPath, m.path); ok {
			return filepath.Join(m.dir, filepath.FromSlash(rest)), true
		}
		best := ""
		for mp := range m.replaces {
			if _, ok := underPath(importPath, mp); ok && len(mp) > len(best) {
				best = mp
			}
		}
		if best != "" {
			rest, _ := underPath(importPath, best)
			return filepath.Join(m.replaces[best], filepath.FromSlash(rest)), true
		}
	}
	if isStd(importPath) && l.goroot != "" {
		return filepath.Join(l.goroot, "src", filepath.FromSlash(importPath)), true
	}
	return "", false
}

func underPath(p, prefix string) (string, bool) {
	if prefix == "" {
		return "", false
	}
	if p == prefix {
		return "", true
	}
	if strings.HasPrefix(p, prefix+"/") {
		return p[len(prefix)+1:], true
	}
	return "", false
}

func isStd(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}

// loadImport loads the package an import path names, or nil.
func (l *loader) loadImport(importPath, fromDir string) *pkg {
	dir, ok := l.dirOf(importPath, fromDir)
	if !ok {
		return nil
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil
	}
	return l.loadDir(dir)
}
