package gostruct

import (
	"go/ast"
	"slices"
)

// pendingPrefix is a root whose prefix (or Lookuper) is a parameter of the
// function that loads it: func Load(prefix string) { envconfig.Process(prefix, &c) }.
type pendingPrefix struct {
	param   ast.Expr
	resolve func(arg ast.Expr, caller funcCtx) (string, bool)
}

// isParam reports whether e names a parameter of the top-level function it
// is used in.
func isParam(e ast.Expr, fc funcCtx) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	fd, _ := fc.decl.(*ast.FuncDecl)
	return paramIndex(fd, id) >= 0
}

// rootsPerCaller resolves a pending prefix at every call of the function
// that loads the root: one root per distinct prefix the callers pass
// (every caller passes envconfig.OsLookuper(): no prefix). When a caller's
// argument cannot be resolved, or there is no caller, the root is
// unresolved at the call site.
func (r *reader) rootsPerCaller(fr *foundRoot, pp *pendingPrefix, fc funcCtx) []*foundRoot {
	fd := fc.decl.(*ast.FuncDecl)
	idx := paramIndex(fd, ast.Unparen(pp.param).(*ast.Ident))
	var prefixes []string
	ok := true
	for _, f := range r.filesUsing(fc.file.pkg) {
		r.forEachCall(f, func(call *ast.CallExpr, cfc funcCtx) {
			fun := call.Fun
			switch e := fun.(type) {
			case *ast.IndexExpr:
				fun = e.X
			case *ast.IndexListExpr:
				fun = e.X
			}
			if !r.callsFunc(fun, f, fc.file.pkg, fd.Name.Name) || idx >= len(call.Args) {
				return
			}
			p, pok := pp.resolve(call.Args[idx], cfc)
			if !pok {
				ok = false
				return
			}
			prefixes = append(prefixes, p)
		})
	}
	if !ok || len(prefixes) == 0 {
		r.unresolved(r.pos(pp.param.Pos()), "the prefix of this root is a parameter of "+fd.Name.Name+
			" that envlint cannot resolve at every caller: describe this root under config: in .envlint.yaml (dir, struct, library: "+string(fr.root.Library)+", prefix)")
		return nil
	}
	slices.Sort(prefixes)
	var out []*foundRoot
	for _, p := range slices.Compact(prefixes) {
		c := *fr
		c.root.Prefix = p
		out = append(out, &c)
	}
	return out
}
