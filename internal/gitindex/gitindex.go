// Package gitindex tells which files git tracks, by reading the index of
// the work tree that holds a directory. It runs no git command, so it works
// where git is not installed and cannot be steered by a hostile
// repository's git configuration.
package gitindex

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// Index is the set of files git tracks below one directory.
type Index struct {
	files []string // relative to the directory, forward slashes, sorted
	set   map[string]bool
}

// Open finds the git work tree that holds dir (dir itself or a directory
// above it) and reads its index. It returns nil and no error when dir is
// in no work tree, or when the work tree has no index yet.
func Open(dir string) (*Index, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	top, gitDir, err := findGitDir(dir)
	if err != nil || gitDir == "" {
		return nil, err
	}
	f, err := os.Open(filepath.Join(gitDir, "index"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the git index: %w", err)
	}
	defer f.Close()
	var idx index.Index
	if err := index.NewDecoder(bufio.NewReader(f)).Decode(&idx); err != nil {
		return nil, fmt.Errorf("cannot read the git index: %w", err)
	}
	rel, err := filepath.Rel(top, dir)
	if err != nil {
		return nil, err
	}
	prefix := ""
	if rel = filepath.ToSlash(rel); rel != "." {
		prefix = rel + "/"
	}
	ix := &Index{set: map[string]bool{}}
	for _, e := range idx.Entries {
		name, ok := strings.CutPrefix(e.Name, prefix)
		// A file in conflict has an entry per stage: it counts once.
		if !ok || name == "" || ix.set[name] {
			continue
		}
		ix.set[name] = true
		ix.files = append(ix.files, name)
	}
	slices.Sort(ix.files)
	return ix, nil
}

// Tracked reports whether git tracks the file rel (relative to the
// directory Open was given, forward slashes).
func (ix *Index) Tracked(rel string) bool {
	return ix != nil && ix.set[path.Clean(rel)]
}

// Files lists the tracked files below the directory, relative to it, sorted.
func (ix *Index) Files() []string {
	if ix == nil {
		return nil
	}
	return ix.files
}

// findGitDir walks up from dir to the first directory with a .git entry and
// returns that work tree's top and its git directory. A .git file (a linked
// work tree or a submodule) names the git directory with `gitdir: PATH`.
func findGitDir(dir string) (top, gitDir string, err error) {
	for d := dir; ; {
		g := filepath.Join(d, ".git")
		fi, err := os.Lstat(g)
		switch {
		case err == nil && fi.IsDir():
			return d, g, nil
		case err == nil && fi.Mode().IsRegular():
			data, err := os.ReadFile(g)
			if err != nil {
				return "", "", fmt.Errorf("cannot read %s: %w", g, err)
			}
			line, _, _ := strings.Cut(string(data), "\n")
			p, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir:")
			if !ok {
				return "", "", fmt.Errorf("%s: not a gitdir file", g)
			}
			p = strings.TrimSpace(p)
			if !filepath.IsAbs(p) {
				p = filepath.Join(d, p)
			}
			return d, p, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", "", nil
		}
		d = parent
	}
}
