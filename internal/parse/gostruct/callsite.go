package gostruct

import (
	"go/ast"
	"go/parser"
	"go/token"
	"iter"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/semver"

	"github.com/envlint/envlint/internal/lint"
)

// libraryOf maps an import path to the library it is.
func libraryOf(ip string) (lint.Library, bool) {
	switch ip {
	case "github.com/kelseyhightower/envconfig":
		return lint.Kelseyhightower, true
	case "github.com/sethvargo/go-envconfig":
		return lint.Sethvargo, true
	case "github.com/ilyakaznacheev/cleanenv":
		return lint.Cleanenv, true
	case "github.com/caarlos0/env":
		return lint.Caarlos0, true
	}
	if rest, ok := strings.CutPrefix(ip, "github.com/caarlos0/env/v"); ok {
		if n, err := strconv.Atoi(rest); err == nil && n >= 6 {
			return lint.Caarlos0, true
		}
	}
	return "", false
}

func isViper(ip string) bool { return ip == "github.com/spf13/viper" }
func isKoanfEnv(ip string) bool {
	return ip == "github.com/knadh/koanf/providers/env" || strings.HasPrefix(ip, "github.com/knadh/koanf/providers/env/v")
}

// wrapper is one Options.GetenvFuncs entry.
type wrapper struct{ path, fn string }

func (r *reader) wrappers() []wrapper {
	var ws []wrapper
	for _, s := range r.opts.GetenvFuncs {
		i := strings.LastIndex(s, ".")
		if i <= 0 || i == len(s)-1 {
			continue
		}
		ws = append(ws, wrapper{s[:i], s[i+1:]})
	}
	return ws
}

// wrapperMatches reports whether an import path is the wrapper's package,
// written in full or relative to the importing file's module.
func (r *reader) wrapperMatches(w wrapper, ip, fromDir string) bool {
	if ip == w.path {
		return true
	}
	if m := r.l.moduleOf(fromDir); m != nil && m.path != "" && ip == m.path+"/"+w.path {
		return true
	}
	return false
}

// scan reads the given files: parse errors, getenv reads, unsupported
// readers and, when discover is set, root call sites. Files are first
// scanned for their imports only; only those that import something relevant
// are parsed fully.
func (r *reader) scan(files []string, discover bool) []*foundRoot {
	ws := r.wrappers()
	var abs []string
	for _, rel := range files {
		if strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go") {
			abs = append(abs, r.abs(rel))
		}
	}
	// keep must not touch the loader: it runs on the pre-scan's goroutines.
	keep := func(imports []string) (src, body bool) {
		for _, ip := range imports {
			_, lib := libraryOf(ip)
			if lib && discover || isViper(ip) || isKoanfEnv(ip) || isUrfave(ip) && r.opts.Getenv {
				src = true
			}
			if ip == "os" && r.opts.Getenv {
				src, body = true, true
			}
		}
		return src, body
	}
	hs := headers(r.l.root, abs, keep)
	var found []*foundRoot
	for i, abs := range abs {
		h := hs[i]
		hs[i].src = nil // parsed or dropped below; not kept for the rest of the scan
		if !h.ok {
			r.l.parseFullSrc(abs, h.src) // reports the syntax error
			continue
		}
		r.fileImports[abs] = h.imports
		dir := filepath.Dir(abs)
		relevant := false
		for _, ip := range h.imports {
			_, lib := libraryOf(ip)
			// A file that imports os but never spells Getenv or LookupEnv
			// cannot read the environment through it.
			if lib && discover || isViper(ip) || isKoanfEnv(ip) || isUrfave(ip) && r.opts.Getenv || ip == "os" && r.opts.Getenv && h.getenv {
				relevant = true
			}
			for _, w := range ws {
				if r.wrapperMatches(w, ip, dir) {
					relevant = true
				}
			}
		}
		if !relevant && len(ws) > 0 {
			// A wrapper is also called unqualified inside its own package.
			ip := r.l.importPathOf(dir)
			for _, w := range ws {
				if ip != "" && r.wrapperMatches(w, ip, dir) {
					relevant = true
				}
			}
		}
		if !relevant {
			continue
		}
		f := r.l.parseFullSrc(abs, h.src)
		if f == nil {
			continue
		}
		if f.pkg == nil {
			if p := r.l.loadDir(dir); p != nil {
				for _, pf := range p.files {
					if pf == f {
						f.pkg = p
					}
				}
			}
			if f.pkg == nil {
				// Not part of the directory's package (excluded); give it a
				// package of its own so that lookups still work.
				p := &pkg{dir: dir, types: map[string]typeDecl{}, consts: map[string]constDecl{}, vars: map[string]varDecl{},
					funcs: map[string]*ast.FuncDecl{}, funcFile: map[string]*file{}, methods: map[string]map[string]bool{}}
				p.importPath = r.l.importPathOf(dir)
				f.pkg = p
				p.files = []*file{f}
				p.index(f)
			}
		}
		found = append(found, r.scanFile(f, discover, ws)...)
	}
	return found
}

// funcCtx is the function a call sits in, for local variable lookups.
type funcCtx struct {
	name string
	decl ast.Node // *ast.FuncDecl or nil
	file *file
}

func (r *reader) scanFile(f *file, discover bool, ws []wrapper) []*foundRoot {
	var found []*foundRoot
	visit := func(n ast.Node, fc funcCtx) {
		ast.Inspect(n, func(n ast.Node) bool {
			if lit, ok := n.(*ast.CompositeLit); ok && r.opts.Getenv {
				r.urfaveFlag(lit, fc)
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if discover {
				if fr := r.callSite(call, fc); fr != nil {
					found = append(found, fr...)
				}
			}
			r.unsupported(call, fc)
			if isEnvFileLoad(call, fc.file) {
				r.envFileArgs = append(r.envFileArgs, [2]token.Pos{call.Lparen, call.Rparen})
			}
			if r.opts.Getenv || len(ws) > 0 {
				r.getenv(call, fc, ws)
			}
			return true
		})
	}
	for _, d := range f.ast.Decls {
		fc := funcCtx{file: f}
		if fd, ok := d.(*ast.FuncDecl); ok {
			fc.decl = fd
			fc.name = fd.Name.Name
			if fd.Recv != nil && len(fd.Recv.List) > 0 {
				fc.name = recvName(fd.Recv.List[0].Type) + "." + fd.Name.Name
			}
		} else if gd, ok := d.(*ast.GenDecl); ok && len(gd.Specs) > 0 {
			if vs, ok := gd.Specs[0].(*ast.ValueSpec); ok && len(vs.Names) > 0 {
				fc.name = vs.Names[0].Name
			}
			// A function literal assigned to a package variable declares
			// its locals inside the declaration (#14: var load = func() ...).
			fc.decl = gd
		}
		visit(d, fc)
	}
	return found
}

// selector splits pkg.Fun (or pkg.Fun[T]) into the import path and name.
func selector(fun ast.Expr, f *file) (ip, name string, targs []ast.Expr) {
	switch e := fun.(type) {
	case *ast.IndexExpr:
		ip, name, _ = selector(e.X, f)
		return ip, name, []ast.Expr{e.Index}
	case *ast.IndexListExpr:
		ip, name, _ = selector(e.X, f)
		return ip, name, e.Indices
	case *ast.SelectorExpr:
		if id, ok := e.X.(*ast.Ident); ok {
			if p, ok := f.imports[id.Name]; ok {
				return p, e.Sel.Name, nil
			}
		}
	}
	return "", "", nil
}

func (r *reader) unsupported(call *ast.CallExpr, fc funcCtx) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return
	}
	hasViper, hasKoanf := false, false
	for _, ip := range fc.file.imports {
		hasViper = hasViper || isViper(ip)
		hasKoanf = hasKoanf || isKoanfEnv(ip)
	}
	if hasViper && sel.Sel.Name == "AutomaticEnv" && len(call.Args) == 0 {
		r.problem(&r.cfg.UnsupportedReaders, r.pos(call.Pos()),
			"viper AutomaticEnv reads environment variables for keys known only at run time; envlint does not see keys read through it")
		return
	}
	if ip, name, _ := selector(call.Fun, fc.file); hasKoanf && isKoanfEnv(ip) && (name == "Provider" || name == "ProviderWithValue") {
		r.problem(&r.cfg.UnsupportedReaders, r.pos(call.Pos()),
			"the koanf env provider reads every variable with its prefix; envlint does not see keys read through it")
	}
}

func (r *reader) getenv(call *ast.CallExpr, fc funcCtx, ws []wrapper) {
	if len(call.Args) == 0 {
		return
	}
	ip, name, _ := selector(call.Fun, fc.file)
	match := r.opts.Getenv && ip == "os" && (name == "Getenv" || name == "LookupEnv")
	if !match {
		dir := fc.file.pkg.dir
		for _, w := range ws {
			if name == w.fn && ip != "" && r.wrapperMatches(w, ip, dir) {
				match = true
			}
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == w.fn && r.wrapperMatches(w, fc.file.pkg.importPath, dir) {
				match = true
			}
		}
	}
	if !match {
		return
	}
	key, ok := r.constString(call.Args[0], fc, 0)
	if !ok {
		r.dynamicGetenv(call.Args[0], call, fc)
		return
	}
	if key == "" {
		return
	}
	k := lint.ConfigKey{Name: key, Pos: r.pos(call.Pos()), Field: fc.name, Type: lint.Type{Name: "string", Kind: lint.KindString}, Source: "getenv"}
	for _, span := range r.envFileArgs {
		if call.Pos() > span[0] && call.End() <= span[1] {
			k.SelectsEnvFile = true
		}
	}
	r.addKey(k, nil)
}

// isEnvFileLoad reports whether a call loads env files by name:
// godotenv.Load(".env." + os.Getenv("APP_ENV")) and the like.
func isEnvFileLoad(call *ast.CallExpr, f *file) bool {
	ip, name, _ := selector(call.Fun, f)
	switch ip {
	case "github.com/joho/godotenv":
		return name == "Load" || name == "Overload" || name == "Read"
	case "github.com/ilyakaznacheev/cleanenv":
		return name == "ReadConfig"
	}
	return false
}

// constString folds a constant string expression.
func (r *reader) constString(e ast.Expr, fc funcCtx, depth int) (string, bool) {
	if depth > 16 {
		return "", false
	}
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.ParenExpr:
		return r.constString(e.X, fc, depth+1)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := r.constString(e.X, fc, depth+1)
		b, ok2 := r.constString(e.Y, fc, depth+1)
		return a + b, ok1 && ok2
	case *ast.CallExpr:
		// A conversion such as string(Prefix) or a typed constant's type.
		if len(e.Args) == 1 {
			if id, ok := e.Fun.(*ast.Ident); ok && id.Name == "string" {
				return r.constString(e.Args[0], fc, depth+1)
			}
		}
	case *ast.Ident:
		if v, ok := localConst(fc.decl, e.Name, e.Pos()); ok {
			return r.constString(v, fc, depth+1)
		}
		if p := fc.file.pkg; p != nil {
			if c, ok := p.consts[e.Name]; ok && c.expr != nil {
				return r.constString(c.expr, funcCtx{file: c.file}, depth+1)
			}
			// A package-level variable assigned once, where it is declared,
			// is as good as a constant (#14: var prefix = "app").
			if v, ok := p.vars[e.Name]; ok && v.val != nil {
				if _, local := lookupLocal(fc.decl, e); !local && !reassigned(p, e.Name) {
					return r.constString(v.val, funcCtx{file: v.file}, depth+1)
				}
			}
		}
	case *ast.SelectorExpr:
		if id, ok := e.X.(*ast.Ident); ok {
			if ip, ok := fc.file.imports[id.Name]; ok {
				p := r.l.loadImport(ip, fc.file.pkg.dir)
				if p == nil {
					return "", false
				}
				if c, ok := p.consts[e.Sel.Name]; ok && c.expr != nil {
					return r.constString(c.expr, funcCtx{file: c.file}, depth+1)
				}
			}
		}
	}
	return "", false
}

func localConst(fn ast.Node, name string, before token.Pos) (ast.Expr, bool) {
	if fn == nil {
		return nil, false
	}
	var found ast.Expr
	ast.Inspect(fn, func(n ast.Node) bool {
		gd, ok := n.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST || gd.Pos() > before {
			return true
		}
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			for i, id := range vs.Names {
				if id.Name == name && i < len(vs.Values) {
					found = vs.Values[i]
				}
			}
		}
		return true
	})
	return found, found != nil
}

// callSite recognises a library entry point and returns its root(s).
func (r *reader) callSite(call *ast.CallExpr, fc funcCtx) []*foundRoot {
	ip, name, targs := selector(call.Fun, fc.file)
	lib, ok := libraryOf(ip)
	if !ok {
		return nil
	}
	at := r.pos(call.Pos())
	fr := &foundRoot{root: lint.Root{Pos: at, Library: lib}, ca: defaultCaOptions(), sv: svInherit{delimiter: ",", separator: ":"}}
	var target ast.Expr        // the pointer argument
	var typeArg ast.Expr       // ParseAs[T]
	var pending *pendingPrefix // a prefix passed in by the callers
	args := call.Args
	switch lib {
	case lint.Caarlos0:
		if v := r.requiredVersion(ip, fc); v != "" && semver.Compare(v, "v6.8.0") < 0 {
			// envPrefix came in v6.8.0 (#14: read the version from go.mod).
			fr.ca.prefixTag, fr.ca.version = "", v
		}
		switch name {
		case "Parse":
			if len(args) >= 1 {
				target = args[0]
			}
		case "ParseWithOptions":
			if len(args) >= 2 {
				target = args[0]
				if !r.caOptions(args[1], fc, fr) {
					return nil
				}
			}
		case "ParseAs":
			if len(targs) == 1 {
				typeArg = targs[0]
			}
		case "ParseAsWithOptions":
			if len(targs) == 1 && len(args) >= 1 {
				typeArg = targs[0]
				if !r.caOptions(args[0], fc, fr) {
					return nil
				}
			}
		default:
			return nil
		}
	case lint.Kelseyhightower:
		if name != "Process" && name != "MustProcess" || len(args) < 2 {
			return nil
		}
		p, ok := r.constString(args[0], fc, 0)
		switch {
		case ok:
			fr.root.Prefix = p
		case isParam(args[0], fc):
			// A prefix parameter: each caller's constant is a root (#14).
			pending = &pendingPrefix{param: args[0], resolve: func(a ast.Expr, cfc funcCtx) (string, bool) { return r.constString(a, cfc, 0) }}
		default:
			r.unresolved(r.pos(args[0].Pos()), "the prefix passed to envconfig."+name+" is not a constant: describe this root under config: in .envlint.yaml (dir, struct, library: "+string(lib)+", prefix)")
			return nil
		}
		target = args[1]
	case lint.Sethvargo:
		if v := r.requiredVersion(ip, fc); isSvV0(v) {
			fr.sv.v0 = v
		}
		switch name {
		case "Process", "MustProcess":
			if len(args) >= 2 {
				target = args[1]
			}
		case "ProcessWith":
			if fr.sv.v0 != "" || len(args) >= 3 {
				// v0: ProcessWith(ctx, &c, lookuper, mutators...).
				var ok bool
				if target, pending, ok = r.svV0Lookuper(args, fc, fr); !ok {
					return nil
				}
			} else if len(args) >= 2 {
				var ok bool
				target, pending, ok = r.svConfig(args[1], fc, fr)
				if !ok {
					return nil
				}
			}
		default:
			return nil
		}
	case lint.Cleanenv:
		switch name {
		case "ReadEnv", "UpdateEnv":
			if len(args) >= 1 {
				target = args[0]
			}
		case "ReadConfig":
			if len(args) >= 2 {
				target = args[1]
			}
		default:
			return nil
		}
	}
	var tr typeRef
	ok = false
	switch {
	case typeArg != nil:
		tr, ok = typeRef{typeArg, scope{pkg: fc.file.pkg, file: fc.file}}, true
	case target != nil:
		tr, ok = r.exprType(target, fc, 0)
	}
	if !ok {
		r.unresolved(at, "cannot resolve the struct passed to "+pkgName(ip)+"."+name+" statically: set config.dir and config.struct in .envlint.yaml")
		return nil
	}
	t := r.res.resolve(tr).deref()
	if !t.isStruct() {
		msg := "the value passed to " + pkgName(ip) + "." + name + " is not a struct envlint can resolve (" + t.name + "): set config.dir and config.struct in .envlint.yaml"
		if fd, tp, param := typeParamOf(derefExpr(tr.expr), fc); fd != nil {
			// A generic loader: each instantiation is a root (#14).
			r.generics = append(r.generics, &genericLoad{pkg: fc.file.pkg, fn: fd.Name.Name, tparam: tp, param: param, fr: *fr, at: at, msg: msg})
			return nil
		}
		r.unresolved(at, msg)
		return nil
	}
	r.fillRoot(fr, t, tr)
	if t.qual == "" && strings.HasPrefix(fr.name, "struct{") {
		// An anonymous root struct is named by the variable it is loaded
		// into, so that field paths read cfg.Port, not struct{...}.Port.
		fr.name = anonName(target)
		fr.root.Struct = fr.name
	}
	if pending != nil {
		r.later = append(r.later, func() []*foundRoot { return r.rootsPerCaller(fr, pending, fc) })
		return nil
	}
	return []*foundRoot{fr}
}

func (r *reader) fillRoot(fr *foundRoot, t *rtype, tr typeRef) {
	fr.t = t
	name := t.qual
	if i := strings.LastIndex(name, "."); i >= 0 {
		name = name[i+1:]
	}
	if name == "" {
		name = t.name
	}
	fr.name = name
	fr.root.Struct = name
	if t.stScope.pkg != nil {
		fr.root.Dir = r.l.rel(t.stScope.pkg.dir)
	} else if tr.sc.pkg != nil {
		fr.root.Dir = r.l.rel(tr.sc.pkg.dir)
	}
}

// caOptions reads a caarlos0 env.Options composite literal.
func (r *reader) caOptions(e ast.Expr, fc funcCtx, fr *foundRoot) bool {
	lit := r.compositeOf(e, fc)
	if lit == nil {
		r.unresolved(r.pos(e.Pos()), "the env.Options passed here cannot be resolved statically, so its prefix and options are unknown: describe this root under config: in .envlint.yaml (dir, struct, library: caarlos0, prefix)")
		return false
	}
	strs := map[string]*string{"Prefix": &fr.root.Prefix, "TagName": &fr.ca.tag, "PrefixTagName": &fr.ca.prefixTag, "DefaultValueTagName": &fr.ca.defTag}
	bools := map[string]*bool{"UseFieldNameByDefault": &fr.ca.useFieldName, "RequiredIfNoDef": &fr.ca.requiredIfNoDef}
	for name, v := range keyedFields(lit) {
		if !r.constOption(name, v, fc, strs, bools) {
			msg := "env.Options." + name + " is not a constant, so envlint cannot tell which variables are read: use a constant, or list the keys under ignore: in .envlint.yaml"
			if name == "Prefix" {
				msg = "env.Options.Prefix is not a constant: describe this root under config: in .envlint.yaml (dir, struct, library: caarlos0, prefix)"
			}
			r.unresolved(r.pos(v.Pos()), msg)
			return false
		}
	}
	return true
}

// keyedFields yields the field names and values of a keyed composite literal.
func keyedFields(lit *ast.CompositeLit) iter.Seq2[string, ast.Expr] {
	return func(yield func(string, ast.Expr) bool) {
		for _, el := range lit.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			if k, ok := kv.Key.(*ast.Ident); ok && !yield(k.Name, kv.Value) {
				return
			}
		}
	}
}

// constOption stores a constant option value in the destination its name
// selects. It reports false for a known option whose value is not a
// constant; options it does not know are ignored.
func (r *reader) constOption(name string, v ast.Expr, fc funcCtx, strs map[string]*string, bools map[string]*bool) bool {
	if dst, ok := strs[name]; ok {
		s, ok := r.constString(v, fc, 0)
		*dst = s
		return ok
	}
	if dst, ok := bools[name]; ok {
		b, ok := constBool(v)
		*dst = b
		return ok
	}
	return true
}

func constBool(e ast.Expr) (bool, bool) {
	if id, ok := e.(*ast.Ident); ok {
		switch id.Name {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

// svConfig reads a sethvargo envconfig.Config literal: Target, the Lookuper
// chain (for the prefix) and DefaultRequired.
func (r *reader) svConfig(e ast.Expr, fc funcCtx, fr *foundRoot) (ast.Expr, *pendingPrefix, bool) {
	var pending *pendingPrefix
	lit := r.compositeOf(e, fc)
	if lit == nil {
		r.unresolved(r.pos(e.Pos()), "the envconfig.Config passed to ProcessWith cannot be resolved statically: set config.dir, config.struct and config.prefix in .envlint.yaml")
		return nil, nil, false
	}
	var target ast.Expr
	strs := map[string]*string{"DefaultDelimiter": &fr.sv.delimiter, "DefaultSeparator": &fr.sv.separator}
	bools := map[string]*bool{"DefaultRequired": &fr.sv.required, "DefaultNoInit": &fr.sv.noInit,
		"DefaultOverwrite": &fr.sv.overwrite, "DefaultDecodeUnset": &fr.sv.decodeUnset}
	for name, v := range keyedFields(lit) {
		switch name {
		case "Target":
			target = v
		case "Lookuper":
			var ok bool
			if pending, ok = r.lookuperArg(v, fc, fr); !ok {
				return nil, nil, false
			}
		default:
			if !r.constOption(name, v, fc, strs, bools) {
				r.unresolved(r.pos(v.Pos()), "envconfig.Config."+name+" is not a constant, so envlint cannot tell how the variables are read: use a constant, or set config: in .envlint.yaml")
				return nil, nil, false
			}
		}
	}
	return target, pending, target != nil
}

func (r *reader) lookuperPrefix(e ast.Expr, fc funcCtx, depth int) (string, bool) {
	if depth > 16 {
		return "", false
	}
	if id, ok := e.(*ast.Ident); ok {
		if v := r.localValue(id, fc); v != nil {
			return r.lookuperPrefix(v, fc, depth+1)
		}
		return "", false
	}
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return "", false
	}
	ip, name, _ := selector(call.Fun, fc.file)
	if lib, _ := libraryOf(ip); lib != lint.Sethvargo {
		return "", false
	}
	switch name {
	case "OsLookuper", "MapLookuper":
		return "", true
	case "PrefixLookuper":
		if len(call.Args) != 2 {
			return "", false
		}
		p, ok := r.constString(call.Args[0], fc, 0)
		if !ok {
			return "", false
		}
		inner, ok := r.lookuperPrefix(call.Args[1], fc, depth+1)
		return inner + p, ok
	case "MultiLookuper":
		// One prefix for all sources, or envlint cannot say which applies.
		prefix, first := "", true
		for _, a := range call.Args {
			p, ok := r.lookuperPrefix(a, fc, depth+1)
			if !ok || !first && p != prefix {
				return "", false
			}
			prefix, first = p, false
		}
		return prefix, true
	}
	return "", false
}

// compositeOf finds the composite literal an expression denotes: the literal
// itself, &literal, or a local variable initialised with one.
func (r *reader) compositeOf(e ast.Expr, fc funcCtx) *ast.CompositeLit {
	for i := 0; i < 8; i++ {
		switch x := e.(type) {
		case *ast.CompositeLit:
			return x
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return nil
			}
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.Ident:
			v := r.localValue(x, fc)
			if v == nil {
				return nil
			}
			e = v
		default:
			return nil
		}
	}
	return nil
}

// localDecl is what a name is declared as: a type, a value, or both.
type localDecl struct {
	typ ast.Expr
	val ast.Expr
	idx int // which result of a multi-value call
	n   int // how many names the statement declares
}

// lookupLocal finds the latest declaration of id in its function before its
// use: a parameter, `var x T [= v]`, or `x := v`.
func lookupLocal(fn ast.Node, id *ast.Ident) (localDecl, bool) {
	var best localDecl
	found := false
	if fn == nil {
		return best, false
	}
	fieldsOf := func(fl *ast.FieldList) {
		if fl == nil {
			return
		}
		for _, f := range fl.List {
			for _, n := range f.Names {
				if n.Name == id.Name {
					best, found = localDecl{typ: f.Type}, true
				}
			}
		}
	}
	if fd, ok := fn.(*ast.FuncDecl); ok {
		fieldsOf(fd.Recv)
		fieldsOf(fd.Type.Params)
	}
	ast.Inspect(fn, func(n ast.Node) bool {
		if n == nil || n.Pos() > id.Pos() {
			return false
		}
		switch s := n.(type) {
		case *ast.FuncLit:
			if s.End() > id.Pos() {
				fieldsOf(s.Type.Params)
			}
		case *ast.ValueSpec:
			for i, nm := range s.Names {
				if nm.Name != id.Name || nm.Pos() > id.Pos() {
					continue
				}
				d := localDecl{typ: s.Type, n: len(s.Names), idx: i}
				if len(s.Values) == len(s.Names) {
					d.val = s.Values[i]
				} else if len(s.Values) == 1 {
					d.val = s.Values[0]
				}
				best, found = d, true
			}
		case *ast.AssignStmt:
			if s.Tok != token.DEFINE && s.Tok != token.ASSIGN {
				return true
			}
			for i, l := range s.Lhs {
				nm, ok := l.(*ast.Ident)
				if !ok || nm.Name != id.Name || nm.Pos() > id.Pos() || nm == id {
					continue
				}
				if s.Tok == token.ASSIGN && found {
					continue // an assignment does not change the declared type
				}
				d := localDecl{n: len(s.Lhs), idx: i}
				if len(s.Rhs) == len(s.Lhs) {
					d.val = s.Rhs[i]
				} else if len(s.Rhs) == 1 {
					d.val = s.Rhs[0]
				}
				best, found = d, true
			}
		}
		return true
	})
	return best, found
}

func (r *reader) localValue(id *ast.Ident, fc funcCtx) ast.Expr {
	if d, ok := lookupLocal(fc.decl, id); ok {
		return d.val
	}
	if p := fc.file.pkg; p != nil {
		if v, ok := p.vars[id.Name]; ok {
			return v.val
		}
	}
	return nil
}

// exprType finds the static type of an expression in the forms config code
// uses: &v, v, &v.f, new(T), &T{}, T{}, a call to a function declared in the
// module, and parameters.
func (r *reader) exprType(e ast.Expr, fc funcCtx, depth int) (typeRef, bool) {
	sc := scope{pkg: fc.file.pkg, file: fc.file}
	if depth > 12 {
		return typeRef{}, false
	}
	switch x := e.(type) {
	case *ast.ParenExpr:
		return r.exprType(x.X, fc, depth+1)
	case *ast.UnaryExpr:
		if x.Op != token.AND {
			return typeRef{}, false
		}
		tr, ok := r.exprType(x.X, fc, depth+1)
		if !ok {
			return tr, false
		}
		return typeRef{&ast.StarExpr{X: tr.expr}, tr.sc}, true
	case *ast.StarExpr:
		tr, ok := r.exprType(x.X, fc, depth+1)
		if !ok {
			return tr, false
		}
		if s, ok := tr.expr.(*ast.StarExpr); ok {
			return typeRef{s.X, tr.sc}, true
		}
		return tr, true
	case *ast.CompositeLit:
		if x.Type == nil {
			return typeRef{}, false
		}
		return typeRef{x.Type, sc}, true
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "new" && len(x.Args) == 1 {
			return typeRef{&ast.StarExpr{X: x.Args[0]}, sc}, true
		}
		return r.callResult(x, fc, 0)
	case *ast.Ident:
		if d, ok := lookupLocal(fc.decl, x); ok {
			if d.typ != nil {
				return typeRef{d.typ, sc}, true
			}
			if d.val != nil {
				if call, ok := d.val.(*ast.CallExpr); ok && d.n > 1 {
					return r.callResult(call, fc, d.idx)
				}
				return r.exprType(d.val, fc, depth+1)
			}
			return typeRef{}, false
		}
		if p := fc.file.pkg; p != nil {
			if v, ok := p.vars[x.Name]; ok {
				vfc := funcCtx{file: v.file}
				if v.typ != nil {
					return typeRef{v.typ, scope{pkg: p, file: v.file}}, true
				}
				if v.val != nil {
					return r.exprType(v.val, vfc, depth+1)
				}
			}
		}
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			if ip, ok := fc.file.imports[id.Name]; ok {
				if _, isLocal := lookupLocal(fc.decl, id); !isLocal {
					p := r.l.loadImport(ip, fc.file.pkg.dir)
					if p == nil {
						return typeRef{}, false
					}
					if v, ok := p.vars[x.Sel.Name]; ok {
						if v.typ != nil {
							return typeRef{v.typ, scope{pkg: p, file: v.file}}, true
						}
						if v.val != nil {
							return r.exprType(v.val, funcCtx{file: v.file}, depth+1)
						}
					}
					return typeRef{}, false
				}
			}
		}
		tr, ok := r.exprType(x.X, fc, depth+1)
		if !ok {
			return tr, false
		}
		t := r.res.resolve(tr).deref()
		if !t.isStruct() {
			return typeRef{}, false
		}
		st, ssc := r.res.fieldsOf(t)
		if st == nil {
			return typeRef{}, false
		}
		for _, f := range st.Fields.List {
			for _, n := range f.Names {
				if n.Name == x.Sel.Name {
					return typeRef{f.Type, ssc}, true
				}
			}
		}
	}
	return typeRef{}, false
}

// callResult is the type of a function's idx-th result, for functions
// declared in loaded packages.
func (r *reader) callResult(call *ast.CallExpr, fc funcCtx, idx int) (typeRef, bool) {
	var p *pkg
	var name string
	switch f := call.Fun.(type) {
	case *ast.Ident:
		p, name = fc.file.pkg, f.Name
	case *ast.SelectorExpr:
		id, ok := f.X.(*ast.Ident)
		if !ok {
			return typeRef{}, false
		}
		ip, ok := fc.file.imports[id.Name]
		if !ok {
			return typeRef{}, false
		}
		p, name = r.l.loadImport(ip, fc.file.pkg.dir), f.Sel.Name
	}
	if p == nil {
		return typeRef{}, false
	}
	fd, ok := p.funcs[name]
	if !ok || fd.Type.Results == nil || fd.Type.TypeParams != nil {
		return typeRef{}, false
	}
	i := 0
	for _, res := range fd.Type.Results.List {
		n := max(len(res.Names), 1)
		if idx < i+n {
			return typeRef{res.Type, scope{pkg: p, file: p.funcFile[name]}}, true
		}
		i += n
	}
	return typeRef{}, false
}

// explicitRoot resolves a root named in .envlint.yaml.
func (r *reader) explicitRoot(rt lint.Root) *foundRoot {
	dir := r.abs(rt.Dir)
	p := r.l.loadDir(dir)
	at := lint.Pos{File: rt.Dir}
	if len(p.files) == 0 {
		r.unresolved(at, "config.dir "+rt.Dir+" holds no Go package: fix config.dir in .envlint.yaml")
		return nil
	}
	expr, err := parser.ParseExpr(rt.Struct)
	if err != nil {
		r.unresolved(at, "config.struct "+strconv.Quote(rt.Struct)+" is not a Go type name: fix config.struct in .envlint.yaml")
		return nil
	}
	if _, ok := p.types[recvName(expr)]; !ok {
		r.unresolved(at, "no type "+rt.Struct+" in "+rt.Dir+": fix config.struct in .envlint.yaml")
		return nil
	}
	tr := typeRef{expr, scope{pkg: p, file: p.files[0]}}
	t := r.res.resolve(tr).deref()
	if !t.isStruct() {
		r.unresolved(at, rt.Struct+" in "+rt.Dir+" is not a struct: fix config.struct in .envlint.yaml")
		return nil
	}
	fr := &foundRoot{root: rt, ca: defaultCaOptions(), sv: svInherit{delimiter: ",", separator: ":"}}
	fr.t = t
	fr.name = recvName(expr)
	return fr
}

// reassigned reports whether any file of the package assigns to name, takes
// its address or increments it: then its declared value is not the value.
// A local variable of the same name counts too, which errs on the side of
// not resolving.
func reassigned(p *pkg, name string) bool {
	if v, ok := p.reassigned[name]; ok {
		return v
	}
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && id.Name == name
	}
	found := false
	for _, f := range p.files {
		ast.Inspect(f.ast, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if n.Tok != token.DEFINE {
					for _, l := range n.Lhs {
						found = found || is(l)
					}
				}
			case *ast.IncDecStmt:
				found = found || is(n.X)
			case *ast.UnaryExpr:
				found = found || n.Op == token.AND && is(n.X)
			}
			return !found
		})
	}
	if p.reassigned == nil {
		p.reassigned = map[string]bool{}
	}
	p.reassigned[name] = found
	return found
}

// pkgName is the name a package is usually imported under: the last element
// of its path, before a major version suffix (caarlos0/env/v11 is env).
func pkgName(ip string) string {
	base := path.Base(ip)
	if isMajorVersion(base) {
		base = path.Base(path.Dir(ip))
	}
	return strings.TrimPrefix(base, "go-")
}

// derefExpr drops the pointers of a type expression: *T is T.
func derefExpr(e ast.Expr) ast.Expr {
	for {
		s, ok := ast.Unparen(e).(*ast.StarExpr)
		if !ok {
			return e
		}
		e = s.X
	}
}

// requiredVersion is the version of the module that provides import path
// ip, as the go.mod of the calling file's module requires it; "" when
// unknown.
func (r *reader) requiredVersion(ip string, fc funcCtx) string {
	if fc.file.pkg == nil {
		return ""
	}
	m := r.l.moduleOf(fc.file.pkg.dir)
	if m == nil {
		return ""
	}
	best, v := "", ""
	for mp, ver := range m.requires {
		if _, ok := underPath(ip, mp); ok && len(mp) > len(best) {
			best, v = mp, ver
		}
	}
	return v
}

// anonName names an anonymous root struct by the variable it is loaded
// into (&cfg: cfg), else "config".
func anonName(target ast.Expr) string {
	e := ast.Unparen(target)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	}
	return "config"
}
