package diff

import (
	"path"
	"slices"

	"github.com/envlint/envlint/internal/lint"
)

// runtimeTargets returns the component's targets where the service runs
// (compose services, later Kubernetes, Helm, Nomad), not the images it is
// built from.
func (p *pass) runtimeTargets() []*lint.DeployTarget {
	var ts []*lint.DeployTarget
	for _, t := range p.c.Deploy {
		if t.Kind != lint.DeployDockerfile {
			ts = append(ts, t)
		}
	}
	return ts
}

// serviceTargets are the runtime targets that run the component's program,
// the ones rule r judges against its config. When the config's key set is
// incomplete there are none, and the skip is recorded for r (only where
// there was something to judge).
func (p *pass) serviceTargets(r *checker) []*lint.DeployTarget {
	ts := p.runtimeTargets()
	if !p.configOK {
		// Which targets run the program cannot be told either.
		if len(ts) > 0 {
			p.skip(r, p.configWhy)
		}
		return nil
	}
	return slices.DeleteFunc(ts, func(t *lint.DeployTarget) bool { return !p.runsService(t) })
}

// runsService reports whether a compose service evidently runs the
// component's program: it sets, or its image bakes in, at least one key the
// config reads as its key. A service built from the same context that sets none (a
// database image from Dockerfile.postgres, an integration-test runner) is
// another program, and judging it against this config would only produce
// false findings.
//
// A Kubernetes container is judged the same way, counting the keys the
// templates rendered into it set: a manifest linked by its directory or as
// the only component's may hold a database or a sidecar. One whose keys
// are partly hidden (an envFrom Secret) may run it: it stays, so that the
// rules it stops are recorded as skipped.
func (p *pass) runsService(t *lint.DeployTarget) bool {
	var names []string
	switch t.Kind {
	case lint.DeployCompose:
		keys := t.Keys
		if df := p.dockerfile(t.Dockerfile); df != nil {
			keys = append(slices.Clone(keys), df.Keys...)
		}
		for _, k := range keys {
			names = append(names, k.Name)
		}
	case lint.DeployKubernetes, lint.DeployHelm:
		if len(t.Hidden) > 0 {
			// Whether it does is hidden too (an envFrom Secret, an overlay
			// whose containers come from a remote base): the skip is
			// recorded rather than nothing.
			return true
		}
		for _, k := range t.Keys {
			names = append(names, k.Name)
		}
		for _, tm := range p.c.Templates {
			if slices.Contains(t.Templates, tm.File) {
				for _, k := range tm.Keys {
					names = append(names, k.Name)
				}
			}
		}
	default:
		return true
	}
	return slices.ContainsFunc(names, p.readsAsKey)
}

// readsAsKey reports whether a config field reads name as its key, not
// only as an alias: kelseyhightower's un-prefixed fallback (DB_NAMESPACE
// for GOTRUE_DB_NAMESPACE) is a name other programs use too.
func (p *pass) readsAsKey(name string) bool {
	return slices.ContainsFunc(p.config[name], func(k *lint.ConfigKey) bool { return k.Name == name })
}

// dockerfile returns the component's Dockerfile target of that file.
func (p *pass) dockerfile(file string) *lint.DeployTarget {
	for _, t := range p.c.Deploy {
		if t.Kind == lint.DeployDockerfile && t.Name == file {
			return t
		}
	}
	return nil
}

// provided returns every name a runtime target gives its service: its own
// keys, its image's ENV, and the keys of the templates rendered into env
// files it loads. ok is false when that set cannot be known.
func (p *pass) provided(t *lint.DeployTarget) (names map[string]bool, ok bool) {
	if t.Incomplete {
		return nil, false
	}
	names = map[string]bool{}
	for _, k := range t.Keys {
		names[k.Name] = true
	}
	if df := p.dockerfile(t.Dockerfile); df != nil {
		for _, k := range df.Keys {
			names[k.Name] = true
		}
	}
	for _, f := range t.Templates {
		found := false
		for _, tm := range p.c.Templates {
			if tm.File != f {
				continue
			}
			found = true
			if len(tm.Errors) > 0 || len(tm.Dynamic) > 0 {
				return nil, false
			}
			for _, k := range tm.Keys {
				names[k.Name] = true
			}
		}
		if !found {
			return nil, false
		}
	}
	return names, true
}

// skipHidden records that rule r did not judge target t because a source
// hides some of its keys (an envFrom Secret), at the first such source.
func (p *pass) skipHidden(r *checker, t *lint.DeployTarget) {
	if len(t.Hidden) > 0 {
		h := t.Hidden[0]
		p.skip(r, &cause{h.Pos, targetName(t) + " " + h.Reason, h.Fix})
	}
}

// reportTarget reports a finding about a deploy target: in an environment,
// the message starts with its name ("production: ...").
func (p *pass) reportTarget(r *checker, t *lint.DeployTarget, pos lint.Pos, key, format string, args ...any) *lint.Finding {
	if t.Environment != "" {
		format = "%s: " + format
		args = append([]any{t.Environment}, args...)
	}
	return p.report(r, pos, key, format, args...)
}

// howToSet says how a key is added to a target, for messages.
func howToSet(t *lint.DeployTarget) string {
	switch t.Kind {
	case lint.DeployKubernetes, lint.DeployHelm:
		return "add it to the container's env (value or valueFrom)"
	case lint.DeployNomad:
		return "add it to the task's env block or an env template"
	}
	return "add it to its environment: or env_file"
}

// targetName names a target in a message, with its environment.
func targetName(t *lint.DeployTarget) string {
	if t.Environment != "" {
		return t.Name + " (" + t.Environment + ")"
	}
	return t.Name
}

// examplesIn returns the component's example files in dir.
func (p *pass) examplesIn(dir string) []*lint.ExampleFile {
	var es []*lint.ExampleFile
	for _, ex := range p.c.Examples {
		if path.Dir(ex.File) == dir {
			es = append(es, ex)
		}
	}
	return es
}

// interpolatedNextTo reports whether a compose file in the directory of
// file interpolates name: the example there documents it for compose, not
// for the config.
func (p *pass) interpolatedNextTo(name, file string) bool {
	for _, df := range p.c.DeployFiles {
		if df.Kind != lint.DeployCompose || path.Dir(df.File) != path.Dir(file) {
			continue
		}
		for _, v := range df.Interpolations {
			if v.Name == name {
				return true
			}
		}
	}
	return false
}
