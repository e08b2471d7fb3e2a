package cli

import (
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/envlint/envlint/internal/config"
	"github.com/envlint/envlint/internal/diff"
	"github.com/envlint/envlint/internal/discover"
)

// findConfig looks for the config file (.envlint.yaml or .envlint.yml) in
// dir, then in each parent up to the repository root (the nearest directory
// with .git). Outside a repository only dir is searched: a file in some
// parent of an unrelated directory is not this project's. It returns the
// absolute path, or "" when there is none.
func findConfig(dir string) (string, error) {
	top := gitTop(dir)
	for d := dir; ; d = filepath.Dir(d) {
		var found []string
		for _, n := range config.Names {
			if fi, err := os.Stat(filepath.Join(d, n)); err == nil && !fi.IsDir() {
				found = append(found, filepath.Join(d, n))
			}
		}
		switch len(found) {
		case 1:
			return found[0], nil
		case 2:
			rel, _ := filepath.Rel(dir, d)
			return "", &runError{fmt.Sprintf("%s holds both %s and %s; keep one", filepath.ToSlash(rel), config.Names[0], config.Names[1])}
		}
		if top == "" || d == top || filepath.Dir(d) == d {
			return "", nil
		}
	}
}

// narrow keeps the configured components that a run started in start (a
// directory below p.root, where the config file was found) is about: those
// at or below start, or else the one whose directory holds start.
func (p *project) narrow(start, cfgName string) error {
	sub, ok := relInside(p.root, start)
	if !ok || sub == "." {
		return nil
	}
	dirs := make([]string, len(p.cfg.Components))
	for i := range p.cfg.Components {
		dirs[i] = componentDir(&p.cfg.Components[i], nil)
	}
	owner := discover.Owner(path.Join(sub, "_"), dirs)
	var kept []*diff.Component
	for i, c := range p.components {
		if i < len(dirs) && (discover.Contains(sub, dirs[i]) || dirs[i] == sub || dirs[i] == owner) {
			kept = append(kept, c)
		}
	}
	if len(kept) == 0 {
		return &runError{fmt.Sprintf("nothing to check in %s: no component of %s is in it or holds it", sub, cfgName)}
	}
	p.components = kept
	return nil
}
