package cli

import (
	"bufio"
	"bytes"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/envlint/envlint/internal/diff"
	"github.com/envlint/envlint/internal/gitindex"
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/secret"
)

// hygiene gathers what the repository hygiene rules read (tracked files,
// infrastructure keys, the Vault path convention, secret digests), hands it
// to every component, and returns the findings about the repository as a
// whole.
func (p *project) hygiene(opts diff.Options) []lint.Finding {
	r := &diff.Repo{Infra: p.cfg.InfraGlobs(), VaultPath: p.cfg.VaultPath, RootName: filepath.Base(p.root)}
	// A directory in no work tree, or an index envlint cannot read, has no
	// tracked files to judge.
	if ix, err := gitindex.Open(p.root); err == nil {
		r.Tracked = ix.Files()
	}
	r.Envrc = p.envrcKeys()
	h := secret.NewHasher()
	for _, c := range p.components {
		r.Secrets = append(r.Secrets, componentSecrets(c, h)...)
		c.Repo = r
	}
	return diff.Repository(r, opts)
}

// componentSecrets lists the credentials a component's example files and
// Go defaults hold, as digests. Only values that look like real
// credentials count: example files are full of shared development values.
func componentSecrets(c *diff.Component, h *secret.Hasher) []diff.SecretUse {
	var us []diff.SecretUse
	source := "component " + c.Name
	for _, ex := range c.Examples {
		for _, e := range ex.Entries {
			if e.ValueIsComment {
				continue
			}
			if _, ok := secret.Detect(e.Name, e.Value); ok {
				us = append(us, diff.SecretUse{Key: e.Name, Source: source, Component: c.Name, Pos: e.Pos, Digest: h.Sum(e.Value)})
			}
		}
	}
	if c.Config != nil {
		for _, k := range c.Config.Keys {
			if k.Default == nil {
				continue
			}
			if _, ok := secret.Detect(k.Name, *k.Default); ok {
				pos := k.DefaultPos
				if pos.Line == 0 {
					pos = k.Pos
				}
				us = append(us, diff.SecretUse{Key: k.Name, Source: source, Component: c.Name, Pos: pos, Digest: h.Sum(*k.Default)})
			}
		}
	}
	return us
}

// envFileSecrets lists the secret values of env files given to envlint env,
// each file an environment of its own.
func envFileSecrets(files []*lint.ExampleFile, component string) []diff.SecretUse {
	h := secret.NewHasher()
	var us []diff.SecretUse
	for _, f := range files {
		for _, e := range f.Entries {
			if !e.Commented && secret.Comparable(e.Name, e.Value) {
				us = append(us, diff.SecretUse{Key: e.Name, Source: f.File, Component: component, Pos: e.Pos, Digest: h.Sum(e.Value)})
			}
		}
	}
	return us
}

// envrcExport matches `export KEY=` in a direnv .envrc (a shell script).
var envrcExport = regexp.MustCompile(`^(\s*export\s+)([A-Za-z_][A-Za-z0-9_]*)=`)

// envrcKeys reads the keys every .envrc below the root exports. Like the
// main walk it skips .git, vendor, node_modules and testdata, and does not
// follow symbolic links; unlike it, it does not honour .gitignore: an
// ignored .envrc still configures the operators' shells.
func (p *project) envrcKeys() []diff.EnvrcKey {
	var keys []diff.EnvrcKey
	filepath.WalkDir(p.root, func(file string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "vendor", "node_modules", "testdata":
				if file != p.root {
					return filepath.SkipDir
				}
			}
			return nil
		}
		if d.Name() != ".envrc" || !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(p.root, file)
		if err != nil {
			return nil
		}
		rel = filepath.ToSlash(rel)
		data, prob := p.readSource(rel)
		if prob != nil {
			return nil
		}
		keys = append(keys, parseEnvrc(rel, data)...)
		return nil
	})
	return keys
}

// parseEnvrc returns the keys of `export KEY=` lines.
func parseEnvrc(rel string, data []byte) []diff.EnvrcKey {
	var keys []diff.EnvrcKey
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, maxFileSize)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		if m := envrcExport.FindStringSubmatch(text); m != nil {
			keys = append(keys, diff.EnvrcKey{Name: m[2], Pos: lint.Pos{File: rel, Line: line, Col: len(m[1]) + 1}})
		}
	}
	return keys
}
