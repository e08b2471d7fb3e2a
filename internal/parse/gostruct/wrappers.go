package gostruct

import (
	"go/ast"

	"github.com/envlint/envlint/internal/lint"
)

// autoWrapper is a function that passes one of its parameters to
// os.Getenv: getEnv(key, fallback string). Its callers' constant arguments
// are keys, as if the function were listed under getenv_funcs.
type autoWrapper struct {
	pkg *pkg
	fn  string
	idx int // the parameter that names the variable
}

// paramIndex returns the index of the parameter named id in a top-level
// function's signature, or -1.
func paramIndex(fd *ast.FuncDecl, id *ast.Ident) int {
	if fd == nil || fd.Recv != nil || fd.Type.Params == nil {
		return -1
	}
	i := 0
	for _, f := range fd.Type.Params.List {
		if len(f.Names) == 0 {
			i++
			continue
		}
		for _, n := range f.Names {
			if n.Name == id.Name {
				return i
			}
			i++
		}
	}
	return -1
}

// dynamicGetenv handles an env read whose name is not a constant: a
// parameter of the enclosing function makes the function a wrapper whose
// callers are traced; anything else makes the key set incomplete.
func (r *reader) dynamicGetenv(arg ast.Expr, call *ast.CallExpr, fc funcCtx) {
	if id, ok := arg.(*ast.Ident); ok && fc.file.pkg != nil {
		if fd, ok := fc.decl.(*ast.FuncDecl); ok {
			if i := paramIndex(fd, id); i >= 0 {
				w := autoWrapper{pkg: fc.file.pkg, fn: fd.Name.Name, idx: i}
				if !r.autoSeen[w] {
					r.autoSeen[w] = true
					r.autoQueue = append(r.autoQueue, w)
				}
				return
			}
		}
	}
	r.problem(&r.cfg.DynamicReads, r.pos(call.Pos()),
		"the environment is read under a name computed at run time")
}

// traceWrappers finds the calls of every wrapper found so far, in its own
// package and in the read files that import it, and records their constant
// arguments as keys. A caller that passes its own parameter on is a wrapper
// too.
func (r *reader) traceWrappers() {
	for len(r.autoQueue) > 0 {
		w := r.autoQueue[0]
		r.autoQueue = r.autoQueue[1:]
		files := r.filesUsing(w.pkg)
		for _, f := range files {
			r.forEachCall(f, func(call *ast.CallExpr, fc funcCtx) {
				if !r.callsWrapper(call, f, w) || w.idx >= len(call.Args) {
					return
				}
				arg := call.Args[w.idx]
				key, ok := r.constString(arg, fc, 0)
				if !ok {
					r.dynamicGetenv(arg, call, fc)
					return
				}
				if key != "" {
					r.addKey(lint.ConfigKey{Name: key, Pos: r.pos(call.Pos()), Field: fc.name,
						Type: lint.Type{Name: "string", Kind: lint.KindString}, Source: "getenv"}, nil)
				}
			})
		}
	}
}

func (r *reader) callsWrapper(call *ast.CallExpr, f *file, w autoWrapper) bool {
	return r.callsFunc(call.Fun, f, w.pkg, w.fn)
}

// forEachCall visits every call in a file with the function it sits in.
func (r *reader) forEachCall(f *file, visit func(*ast.CallExpr, funcCtx)) {
	for _, d := range f.ast.Decls {
		fc := funcCtx{file: f}
		if fd, ok := d.(*ast.FuncDecl); ok {
			fc.decl, fc.name = fd, fd.Name.Name
			if fd.Recv != nil && len(fd.Recv.List) > 0 {
				fc.name = recvName(fd.Recv.List[0].Type) + "." + fd.Name.Name
			}
		}
		ast.Inspect(d, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				visit(call, fc)
			}
			return true
		})
	}
}
