package gostruct

import (
	"go/ast"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

// isUrfave reports whether ip is urfave/cli, whose flags read the
// environment variables they name.
func isUrfave(ip string) bool {
	return ip == "github.com/urfave/cli" || strings.HasPrefix(ip, "github.com/urfave/cli/v")
}

// urfaveFlag records the variables a urfave/cli flag literal reads:
// EnvVar: "A,B" (v1), EnvVars: []string{"A"} (v2), Sources: cli.EnvVars("A")
// (v3). They are direct reads (Source "getenv") of the flag's value.
func (r *reader) urfaveFlag(lit *ast.CompositeLit, fc funcCtx) {
	ip, typ, _ := selector(lit.Type, fc.file)
	if !isUrfave(ip) || !strings.HasSuffix(typ, "Flag") {
		return
	}
	var names []string
	var at ast.Node = lit
	for k, v := range keyedFields(lit) {
		switch k {
		case "EnvVar":
			if s, ok := r.constString(v, fc, 0); ok {
				for _, n := range strings.Split(s, ",") {
					names = append(names, strings.TrimSpace(n))
				}
				at = v
			}
		case "EnvVars":
			if l, ok := v.(*ast.CompositeLit); ok {
				names = append(names, r.constStrings(l.Elts, fc)...)
				at = v
			}
		case "Sources":
			if c, ok := v.(*ast.CallExpr); ok {
				if cip, fn, _ := selector(c.Fun, fc.file); isUrfave(cip) && fn == "EnvVars" {
					names = append(names, r.constStrings(c.Args, fc)...)
					at = v
				}
			}
		}
	}
	for _, n := range names {
		if n != "" {
			r.addKey(lint.ConfigKey{Name: n, Pos: r.pos(at.Pos()), Field: fc.name,
				Type: lint.Type{Name: "string", Kind: lint.KindString}, Source: "getenv"}, nil)
		}
	}
}

func (r *reader) constStrings(es []ast.Expr, fc funcCtx) []string {
	var out []string
	for _, e := range es {
		if s, ok := r.constString(e, fc, 0); ok {
			out = append(out, s)
		}
	}
	return out
}
