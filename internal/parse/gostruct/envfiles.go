package gostruct

import (
	"go/ast"
	"go/token"
	"path/filepath"
	"slices"

	"github.com/envlint/envlint/internal/lint"
)

// EnvFileLoad is an env file a program loads by a constant path:
// godotenv.Load("configs/.env"), cleanenv.ReadConfig(path, &c) with path a
// constant or a variable assigned one.
type EnvFileLoad struct {
	Pos  lint.Pos
	Path string // as written: relative to the working directory the program runs in
	// Runtime is true for a file named only when the program runs
	// (godotenv.Overload(*configFile)); Path is then "". The variables in
	// it reach the program: its deployments may set keys through it.
	Runtime bool
}

// EnvFileLoads returns the env files that the files of the packages in
// dirs load, in source order: constant paths, and loads of a file named at
// run time into the environment or the config. Only files that import
// godotenv or cleanenv (known from the graph's pre-scan) are parsed.
func (p *Program) EnvFileLoads(root string, dirs []string) []EnvFileLoad {
	files := p.collect(dirs, func(pk *gpkg) []string { return pk.loaders })
	if len(files) == 0 {
		return nil
	}
	r := &reader{l: newLoader(root), cfg: &lint.Config{}, problems: map[string]bool{}}
	r.res = newResolver(r.l)
	r.l.onError = func(token.Position, string) {} // the service's own read reports them
	var out []EnvFileLoad
	for _, rel := range files {
		abs := filepath.Join(root, filepath.FromSlash(rel))
		pk := r.l.loadDir(filepath.Dir(abs))
		i := slices.IndexFunc(pk.files, func(f *file) bool { return f.rel == rel })
		if i < 0 {
			continue
		}
		f := pk.files[i]
		r.forEachCall(f, func(call *ast.CallExpr, fc funcCtx) {
			if !isEnvFileLoad(call, f) {
				return
			}
			args := call.Args // godotenv: every argument is a file
			if ip, _, _ := selector(call.Fun, f); ip == "github.com/ilyakaznacheev/cleanenv" && len(args) > 0 {
				args = args[:1] // ReadConfig(path, &cfg)
			}
			for _, a := range args {
				s, ok := r.constString(a, fc, 0)
				if id := identOf(a); !ok && id != nil {
					if v := r.localValue(id, fc); v != nil {
						s, ok = r.constString(v, fc, 0)
					}
				}
				switch {
				case ok && s != "":
					out = append(out, EnvFileLoad{Pos: r.pos(a.Pos()), Path: s})
				case !ok && loadsValues(call, f):
					out = append(out, EnvFileLoad{Pos: r.pos(a.Pos()), Runtime: true})
				}
			}
		})
	}
	return out
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// loadsValues reports whether an env file load puts the file's variables
// where the config reads them: godotenv's Load and Overload set the process
// environment, cleanenv's ReadConfig fills the struct (godotenv.Read only
// returns a map).
func loadsValues(call *ast.CallExpr, f *file) bool {
	_, name, _ := selector(call.Fun, f)
	return name == "Load" || name == "Overload" || name == "ReadConfig"
}
