package diff

import (
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

// EnvVar is one variable of an environment that `envlint env` checks.
type EnvVar struct {
	Name string
	// Value may be a secret: rules read it but never print it.
	Value string
	// Pos is the key's position in its env file; zero for the process
	// environment.
	Pos lint.Pos
	// ValuePos is where the value starts, when known.
	ValuePos lint.Pos
}

// Environment is the set of variables CheckEnv checks against a
// component's config layer.
type Environment struct {
	// Vars holds each variable once; when several files set a name, the
	// last one wins.
	Vars map[string]EnvVar
	// Files names the env files read, in order; empty for the process
	// environment.
	Files []string
	// Errors are syntax errors in the env files.
	Errors []lint.Problem
	// Directives are envlint:ignore comments in the env files.
	Directives []lint.Directive
}

// EnvFromFiles merges env files the way Docker's --env-file and
// docker compose's env_file do: a later file overrides an earlier one, and
// within a file a later line overrides an earlier one. Commented-out
// entries set nothing.
func EnvFromFiles(files []*lint.ExampleFile) *Environment {
	env := &Environment{Vars: map[string]EnvVar{}}
	for _, f := range files {
		env.Files = append(env.Files, f.File)
		env.Errors = append(env.Errors, f.Errors...)
		env.Directives = append(env.Directives, f.Directives...)
		for _, e := range f.Entries {
			if e.Commented {
				continue
			}
			env.Vars[e.Name] = EnvVar{Name: e.Name, Value: e.Value, Pos: e.Pos, ValuePos: e.ValuePos}
		}
	}
	return env
}

// EnvFromProcess reads an environment in os.Environ's NAME=value form.
// Entries without '=' and Windows' per-drive entries ("=C:=C:\") are
// skipped. When a name appears twice the first entry counts, as it does
// for Go's os.Getenv.
func EnvFromProcess(environ []string) *Environment {
	env := &Environment{Vars: map[string]EnvVar{}}
	for _, kv := range environ {
		name, val, ok := strings.Cut(kv, "=")
		if !ok || name == "" {
			continue
		}
		if _, dup := env.Vars[name]; !dup {
			env.Vars[name] = EnvVar{Name: name, Value: val}
		}
	}
	return env
}

// where names the environment in messages.
func (env *Environment) where() string {
	if len(env.Files) == 0 {
		return "the environment"
	}
	return strings.Join(env.Files, ", ")
}

// pos is where a finding about a key that is absent points: the last env
// file (the one whose entry would win), or nowhere for the process
// environment.
func (env *Environment) pos() lint.Pos {
	if len(env.Files) == 0 {
		return lint.Pos{}
	}
	return lint.Pos{File: env.Files[len(env.Files)-1]}
}

// envPass is one run of the env rules.
type envPass struct {
	*pass
	env *Environment
}

// lookup returns the variable a key is read from: the first of its names
// that is set, in the order the library tries them.
func (e *envPass) lookup(k *lint.ConfigKey) (EnvVar, bool) {
	for _, n := range k.Names() {
		if v, ok := e.env.Vars[n]; ok {
			return v, true
		}
	}
	return EnvVar{}, false
}

// in says where a variable was set, for messages.
func in(v EnvVar) string {
	if v.Pos.File == "" {
		return "the environment"
	}
	return v.Pos.File
}

func valueAt(v EnvVar) lint.Pos {
	if v.ValuePos.Line > 0 {
		return v.ValuePos
	}
	return v.Pos
}

// envCheckers are the rules CheckEnv runs, in order.
var envCheckers = []struct {
	c   *checker
	run func(e *envPass, r *checker)
}{
	{envEmptyRequired, runEnvEmptyRequired},
	{envMissingRequired, runEnvMissingRequired},
	{envTypeMismatch, runEnvTypeMismatch},
	{envUnknown, runEnvUnknown},
	{secretReused, func(e *envPass, r *checker) { runSecretReused(e.pass, r) }},
}

// CheckEnv checks a real environment, or rendered env files, against a
// component's config layer: the env-* rules, plus parse-error for the env
// files. Ignore directives in the env files and on config fields apply;
// ignore globs of the component too. Findings never hold a value.
func CheckEnv(c *Component, env *Environment, opts Options) []lint.Finding {
	if env == nil {
		env = &Environment{}
	}
	p := newPass(c)
	e := &envPass{pass: p, env: env}
	for _, pr := range env.Errors {
		p.report(parseError, pr.Pos, "", "%s", pr.Msg)
	}
	if c.Config != nil {
		for _, ec := range envCheckers {
			ec.run(e, ec.c)
		}
	}
	var ds []lint.Directive
	ds = append(ds, env.Directives...)
	if c.Config != nil {
		ds = append(ds, c.Config.Directives...)
	}
	var out []lint.Finding
	for _, f := range p.findings {
		if !slices.ContainsFunc(ds, func(d lint.Directive) bool { return covers(&d, &f) }) {
			out = append(out, f)
		}
	}
	return lint.Normalize(opts.resolve(out))
}

// EnvPrefixes returns the prefixes that mark a variable as meant for the
// component: the prefixes of its root structs, else the longest common
// prefix of its keys that ends in '_' (when it has two keys or more).
func EnvPrefixes(cfg *lint.Config) []string {
	if cfg == nil {
		return nil
	}
	var ps []string
	for _, r := range cfg.Roots {
		if r.Prefix == "" {
			continue
		}
		p := r.Prefix
		if !strings.HasSuffix(p, "_") {
			// kelseyhightower and the like join prefix and key with '_'
			// and upper-case the prefix.
			p = strings.ToUpper(p) + "_"
		}
		ps = append(ps, p)
	}
	if len(ps) > 0 {
		slices.Sort(ps)
		return slices.Compact(ps)
	}
	var names []string
	for i := range cfg.Keys {
		names = append(names, cfg.Keys[i].Name)
	}
	slices.Sort(names)
	names = slices.Compact(names)
	if len(names) < 2 {
		return nil
	}
	common := names[0]
	for _, n := range names[1:] {
		i := 0
		for i < len(common) && i < len(n) && common[i] == n[i] {
			i++
		}
		common = common[:i]
	}
	if i := strings.LastIndexByte(common, '_'); i > 0 {
		return []string{common[:i+1]}
	}
	return nil
}
