package gostruct

import (
	"go/ast"
	"path/filepath"

	"github.com/envlint/envlint/internal/lint"
)

// genericLoad is a library call inside a generic function whose root is a
// type parameter: func Load[T any]() (T, error) { var c T; env.Parse(&c) }.
// Each instantiation (Load[Config](), or Load(&cfg) with T inferred from a
// parameter of type T or *T) is a root of its own.
type genericLoad struct {
	pkg    *pkg
	fn     string
	tparam int       // index of the type parameter among the function's
	param  int       // index of a parameter of type T or *T, or -1
	fr     foundRoot // the call's options, without the type
	at     lint.Pos
	msg    string // the unresolved-config message when no instantiation is found
}

// typeParamOf returns the generic load for a root whose type expression is
// a type parameter of the enclosing function, or nil.
func typeParamOf(expr ast.Expr, fc funcCtx) (fd *ast.FuncDecl, tparam, param int) {
	id, ok := ast.Unparen(expr).(*ast.Ident)
	fd, _ = fc.decl.(*ast.FuncDecl)
	if !ok || fd == nil || fd.Recv != nil || fd.Type.TypeParams == nil {
		return nil, -1, -1
	}
	tparam = -1
	i := 0
	for _, f := range fd.Type.TypeParams.List {
		for _, n := range f.Names {
			if n.Name == id.Name {
				tparam = i
			}
			i++
		}
	}
	if tparam < 0 {
		return nil, -1, -1
	}
	param = -1
	i = 0
	for _, f := range fd.Type.Params.List {
		t := f.Type
		if s, ok := t.(*ast.StarExpr); ok {
			t = s.X
		}
		isT := false
		if tid, ok := t.(*ast.Ident); ok && tid.Name == id.Name {
			isT = true
		}
		for range max(len(f.Names), 1) {
			if isT && param < 0 {
				param = i
			}
			i++
		}
	}
	return fd, tparam, param
}

// traceGenerics resolves every generic load at its instantiations, in its
// package and in the read files that import it. A load with none stays
// unresolved.
func (r *reader) traceGenerics() []*foundRoot {
	var found []*foundRoot
	for _, g := range r.generics {
		n := 0
		for _, f := range r.filesUsing(g.pkg) {
			r.forEachCall(f, func(call *ast.CallExpr, fc funcCtx) {
				fun, targs := call.Fun, []ast.Expr(nil)
				switch e := fun.(type) {
				case *ast.IndexExpr:
					fun, targs = e.X, []ast.Expr{e.Index}
				case *ast.IndexListExpr:
					fun, targs = e.X, e.Indices
				}
				if !r.callsFunc(fun, f, g.pkg, g.fn) {
					return
				}
				var tr typeRef
				switch {
				case g.tparam < len(targs):
					tr = typeRef{targs[g.tparam], scope{pkg: f.pkg, file: f}}
				case g.param >= 0 && g.param < len(call.Args):
					var ok bool
					if tr, ok = r.exprType(call.Args[g.param], fc, 0); !ok {
						return
					}
				default:
					return
				}
				t := r.res.resolve(tr).deref()
				if !t.isStruct() {
					return
				}
				fr := g.fr
				fr.root.Pos = r.pos(call.Pos())
				r.fillRoot(&fr, t, tr)
				found = append(found, &fr)
				n++
			})
		}
		if n == 0 {
			r.unresolved(g.at, g.msg)
		}
	}
	return found
}

// filesUsing returns the files of a package and the read files that
// import it.
func (r *reader) filesUsing(p *pkg) []*file {
	files := append([]*file(nil), p.files...)
	if p.importPath == "" {
		return files
	}
	for abs, ips := range r.fileImports {
		for _, ip := range ips {
			if ip != p.importPath {
				continue
			}
			if dp := r.l.loadDir(filepath.Dir(abs)); dp != nil {
				for _, f := range dp.files {
					if r.abs(f.rel) == abs {
						files = append(files, f)
					}
				}
			}
		}
	}
	return files
}

// callsFunc reports whether fun names the function fn of package p, from
// file f.
func (r *reader) callsFunc(fun ast.Expr, f *file, p *pkg, fn string) bool {
	if f.pkg == p {
		id, ok := fun.(*ast.Ident)
		return ok && id.Name == fn
	}
	ip, name, _ := selector(fun, f)
	return ip != "" && ip == p.importPath && name == fn
}
