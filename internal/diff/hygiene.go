package diff

import (
	"path"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/secret"
)

// Repo is what the repository hygiene rules know about the repository as a
// whole, beyond one component's layers. One Repo is shared by every
// component of a run.
type Repo struct {
	// Tracked lists the files git tracks, relative to the -C directory;
	// nil when the directory is in no git work tree.
	Tracked []string
	// Infra are globs of infrastructure key names (infra: in .envlint.yaml).
	Infra []string
	// Envrc are the keys .envrc files export: infrastructure keys too.
	Envrc []EnvrcKey
	// VaultPath is the secret path convention, "" for none.
	VaultPath string
	// RootName is the base name of the -C directory: the {component} of
	// the component "." there.
	RootName string
	// Secrets are the secret values seen anywhere, as keyed digests.
	Secrets []SecretUse
}

// EnvrcKey is one `export KEY=` line of an .envrc file.
type EnvrcKey struct {
	Name string
	Pos  lint.Pos
}

// SecretUse is one place a secret value is set: in an example file, a Go
// default, an env file given to envlint env, or a deployment. The value
// itself is never kept, only its digest.
type SecretUse struct {
	Key string
	// Source names the environment or service the value is set for: the
	// component for examples and Go defaults, the file for env files, the
	// target for deployments. A value set twice for one key and one source
	// is not reused.
	Source string
	// Component is the component whose check reports a reuse found here.
	Component string
	Pos       lint.Pos
	Digest    secret.Digest
}

// infraKey reports whether name is an infrastructure key, and why: the
// .envrc line that exports it, or the infra: glob it matches.
func (r *Repo) infraKey(name string) (ok bool, envrc lint.Pos, glob string) {
	for _, k := range r.Envrc {
		if k.Name == name {
			return true, k.Pos, ""
		}
	}
	for _, g := range r.Infra {
		if ok, _ := path.Match(g, name); ok {
			return true, lint.Pos{}, g
		}
	}
	return false, lint.Pos{}, ""
}

// Repository runs the rules about the repository rather than a component:
// env-file-committed. Findings never hold a value.
func Repository(r *Repo, opts Options) []lint.Finding {
	if r == nil {
		return nil
	}
	var fs []lint.Finding
	for _, f := range r.Tracked {
		if !realEnvFile(f) {
			continue
		}
		fs = append(fs, lint.Finding{
			Rule: envFileCommitted.ID, Severity: envFileCommitted.Severity, Pos: lint.Pos{File: f, Line: 1},
			Message: envFileMessage(f),
		})
	}
	return opts.resolve(fs)
}
