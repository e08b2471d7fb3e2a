package cli

import (
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/report"
)

// Code scanning and workflow annotations name files relative to the root of
// the checkout, not to the directory envlint ran in: in a monorepo job with
// working-directory (or -C) an annotation on ".env.example" would land on
// the repository's root .env.example, or nowhere. So the github and sarif
// formats get paths rebased onto $GITHUB_WORKSPACE when it is set and holds
// the run's root, else onto the git top-level, else they stay as they are.

// scanBase is the directory github and sarif paths are relative to.
func (g *globalOptions) scanBase(root string) string {
	if ws := g.io.Getenv("GITHUB_WORKSPACE"); ws != "" {
		if abs, err := filepath.Abs(ws); err == nil {
			if _, ok := relInside(abs, root); ok {
				return abs
			}
		}
	}
	if top := gitTop(root); top != "" {
		return top
	}
	return root
}

// gitTop is the nearest directory at or above dir that holds .git (a
// directory, or the file of a worktree or submodule), or "".
func gitTop(dir string) string {
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// relInside is target relative to base as a slash path, and whether target
// is base or below it. Symlinks are resolved when the plain paths disagree
// (macOS's /var is /private/var, and runners may link their workspace).
func relInside(base, target string) (string, bool) {
	rel, err := filepath.Rel(base, target)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		rb, err1 := filepath.EvalSymlinks(base)
		rt, err2 := filepath.EvalSymlinks(target)
		if err1 != nil || err2 != nil {
			return "", false
		}
		if rel, err = filepath.Rel(rb, rt); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return "", false
		}
	}
	return filepath.ToSlash(rel), true
}

// reporter returns the reporter for format and the findings to give it.
// root is the directory finding paths are relative to; start is the
// directory envlint was started in (-C), which names the SARIF run.
func (g *globalOptions) reporter(format, root, start string, fs []lint.Finding, color bool) (report.Reporter, []lint.Finding, error) {
	opts := report.Options{Color: color, Version: versionString(), Source: os.DirFS(root)}
	if format == "github" || format == "sarif" {
		base := g.scanBase(root)
		prefix, _ := relInside(base, root)
		fs = rebase(fs, prefix)
		opts.Source = os.DirFS(base)
		dir, ok := relInside(base, start)
		if !ok {
			dir = "."
		}
		opts.AutomationID = "envlint/" + dir + "/"
	}
	rep, err := report.New(format, opts)
	return rep, fs, err
}

// rebase returns findings whose paths are prefix/path; the input is not
// modified (other formats print it as it is).
func rebase(fs []lint.Finding, prefix string) []lint.Finding {
	if prefix == "" || prefix == "." {
		return fs
	}
	join := func(p lint.Pos) lint.Pos {
		if p.File != "" {
			p.File = path.Join(prefix, p.File)
		}
		return p
	}
	out := make([]lint.Finding, len(fs))
	for i, f := range fs {
		f.Pos, f.End = join(f.Pos), join(f.End)
		if f.Related != nil {
			rel := make([]lint.Related, len(f.Related))
			for j, r := range f.Related {
				r.Pos = join(r.Pos)
				rel[j] = r
			}
			f.Related = rel
		}
		if f.Fix != nil {
			fix := &lint.Fix{Message: f.Fix.Message, Edits: make([]lint.Edit, len(f.Fix.Edits))}
			for j, e := range f.Fix.Edits {
				e.Pos, e.End = join(e.Pos), join(e.End)
				fix.Edits[j] = e
			}
			f.Fix = fix
		}
		out[i] = f
	}
	return out
}
