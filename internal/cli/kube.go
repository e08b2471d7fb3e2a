package cli

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/config"
	"github.com/envlint/envlint/internal/diff"
	"github.com/envlint/envlint/internal/discover"
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/kube"
)

// kubeLayer is what the plain Kubernetes manifests of the repository hold.
type kubeLayer struct {
	files []*lint.DeployFile // one per manifest, targets resolved
	// unrendered are injector templates the injector ignores, by file.
	unrendered map[string][]lint.AgentTemplate
}

// readKube reads the plain Kubernetes manifests among the YAML files the
// walk listed (only their heads, to tell them), and resolves each
// container's envFrom against the ConfigMaps of every manifest.
func (p *project) readKube(yamls []string) *kubeLayer {
	l := &kubeLayer{unrendered: map[string][]lint.AgentTemplate{}}
	if len(yamls) == 0 {
		return l
	}
	skip := ownedYAML(yamls)
	is := make([]bool, len(yamls))
	var jobs []func()
	for i, f := range yamls {
		if !skip(f) {
			jobs = append(jobs, func() { is[i] = discover.SniffKube(p.root, f) })
		}
	}
	runAll(jobs)
	var files []string
	for i, f := range yamls {
		if is[i] {
			files = append(files, f)
		}
	}
	ms := make([]*kube.Manifest, len(files))
	jobs = jobs[:0]
	for i, f := range files {
		jobs = append(jobs, func() {
			data, prob := p.readSource(f)
			if prob != nil {
				ms[i] = &kube.Manifest{File: f, Errors: []lint.Problem{*prob}}
				return
			}
			ms[i] = kube.Parse(f, data)
		})
	}
	runAll(jobs)
	var cms []kube.ConfigMap
	for _, m := range ms {
		cms = append(cms, m.ConfigMaps...)
	}
	secrets := p.configuredSecrets()
	for _, m := range ms {
		df := &lint.DeployFile{File: m.File, Kind: lint.DeployKubernetes, Errors: m.Errors, Templates: m.Templates}
		for i := range m.Targets {
			t := &m.Targets[i]
			for _, ef := range kube.Resolve(t, cms, secrets) {
				t.Hidden = append(t.Hidden, hidden(ef))
			}
			df.Targets = append(df.Targets, t.DeployTarget)
		}
		l.files = append(l.files, df)
		if len(m.Unrendered) > 0 {
			l.unrendered[m.File] = m.Unrendered
		}
	}
	return l
}

// configuredSecrets are the Secrets whose keys .envlint.yaml lists
// (kubernetes_secrets:, by name or namespace/name).
func (p *project) configuredSecrets() []kube.ConfigMap {
	if p.cfg == nil {
		return nil
	}
	var ss []kube.ConfigMap
	for _, name := range slices.Sorted(maps.Keys(p.cfg.KubernetesSecrets)) {
		s := kube.ConfigMap{Name: name}
		if ns, n, ok := strings.Cut(name, "/"); ok {
			s.Namespace, s.Name = ns, n
		}
		for _, k := range p.cfg.KubernetesSecrets[name] {
			s.Keys = append(s.Keys, kube.ConfigMapKey{Name: k})
		}
		ss = append(ss, s)
	}
	return ss
}

// hidden says why an envFrom entry hides keys, and what restores the rules.
func hidden(ef kube.EnvFrom) lint.HiddenSource {
	if ef.Source == lint.SourceSecret {
		return lint.HiddenSource{Pos: ef.Pos,
			Reason: fmt.Sprintf("loads every key of Secret %s with envFrom, and a Secret's keys are not in the repository", ef.Name),
			Fix:    fmt.Sprintf("list them in .envlint.yaml (kubernetes_secrets: {%s: [KEY, ...]}), or name each key with env[].valueFrom.secretKeyRef", ef.Name)}
	}
	return lint.HiddenSource{Pos: ef.Pos,
		Reason: fmt.Sprintf("loads ConfigMap %s with envFrom, and no manifest of the repository defines it", ef.Name),
		Fix:    "commit the ConfigMap's manifest, or name each key with env[].valueFrom.configMapKeyRef"}
}

// ownedYAML returns the test for YAML files that are no plain manifest
// because another reader renders them: a Helm chart's files (the chart
// directory holds Chart.yaml) and Kustomize's kustomization files. The
// Kustomize reader decides which resource files its overlays own: add
// that test here when it lands.
func ownedYAML(yamls []string) func(string) bool {
	var charts []string
	for _, f := range yamls {
		if path.Base(f) == "Chart.yaml" {
			charts = append(charts, path.Dir(f))
		}
	}
	return func(f string) bool {
		switch path.Base(f) {
		case "kustomization.yaml", "kustomization.yml", "Chart.yaml":
			return true
		}
		return slices.ContainsFunc(charts, func(c string) bool { return discover.Contains(c, f) })
	}
}

// linkKube links each Kubernetes container to the components it deploys:
// those whose deploy: names it ("deploy/k8s/api.yaml#api"), else (zero
// config) the one whose directory its image names, else the component
// owning the manifest's directory, else the only component. Each
// manifest's home component judges its errors and injector templates.
func (p *project) linkKube(l *deployLayer, kl *kubeLayer, configured []config.Component, dirs []string, homes map[string]*diff.Component) {
	for _, kf := range kl.files {
		var owner *diff.Component
		if o := discover.Owner(kf.File, dirs); o != "" {
			owner = p.components[slices.Index(dirs, o)]
		}
		ts := make([]*lint.DeployTarget, len(kf.Targets))
		for i := range kf.Targets {
			ts[i] = &kf.Targets[i]
		}
		home := p.attach(ts, kf.File, owner, false, configured, dirs)
		if home == nil {
			continue
		}
		homes[kf.File] = home
		if len(kf.Errors) > 0 {
			home.DeployFiles = append(home.DeployFiles, kf)
			l.attached[kf] = true
		}
		for _, t := range kl.unrendered[kf.File] {
			home.Templates = append(home.Templates, t.Contents)
		}
		// The injector renders a pod's templates side by side, for the same
		// containers: together they are its env, like a vault_groups entry.
		for _, t := range kf.Targets {
			if len(t.Templates) > 1 && !slices.ContainsFunc(home.Groups, func(g []string) bool { return slices.Equal(g, t.Templates) }) {
				home.Groups = append(home.Groups, t.Templates)
			}
		}
	}
}

// listed reports whether some component's deploy: (or an environment's)
// names the file: its targets then go only where those say.
func listed(configured []config.Component, file string) bool {
	for _, cc := range configured {
		pats := cc.Deploy
		for _, env := range cc.Environments {
			pats = append(slices.Clip(pats), env.Deploy...)
		}
		for _, pat := range pats {
			if ok, _ := path.Match(cleanRel(strings.Split(pat, "#")[0]), file); ok {
				return true
			}
		}
	}
	return false
}

// listsTargets reports whether a component lists its targets in deploy:,
// and so gets only those.
func listsTargets(configured []config.Component, c *diff.Component, cs []*diff.Component) bool {
	i := slices.Index(cs, c)
	return i >= 0 && i < len(configured) && len(configured[i].Deploy) > 0
}

// attach links the containers of one file (a manifest, a chart) to the
// components they deploy: those whose deploy: names them, else, when no
// deploy: entry names the file, the one zeroLink picks. It returns the
// file's home component, which judges its errors and injector templates:
// the owner of its directory, else the first component a container went
// to, else the only component.
func (p *project) attach(ts []*lint.DeployTarget, file string, owner *diff.Component, ownerFirst bool, configured []config.Component, dirs []string) *diff.Component {
	var home *diff.Component
	for _, t := range ts {
		cs := p.linkTarget(t, configured, dirs)
		if len(cs) == 0 && !listed(configured, file) {
			if c := p.zeroLink(t, owner, ownerFirst, configured, dirs); c != nil {
				cs = append(cs, c)
			}
		}
		for _, c := range cs {
			c.Deploy = append(c.Deploy, t)
			home = cmpOr(home, c)
		}
	}
	home = cmpOr(owner, home)
	if home == nil && len(p.components) == 1 {
		home = p.components[0]
	}
	return home
}

// zeroLink returns the component a container deploys when no deploy:
// entry names it: the one its image names or the one whose directory
// holds its file (the owner first for a chart, which lives beside its
// service), else the only component. A component that lists its targets
// gets only those.
func (p *project) zeroLink(t *lint.DeployTarget, owner *diff.Component, ownerFirst bool, configured []config.Component, dirs []string) *diff.Component {
	if owner != nil && listsTargets(configured, owner, p.components) {
		owner = nil
	}
	first, second := p.imageComponent(t.Image, configured, dirs), owner
	if ownerFirst {
		first, second = second, first
	}
	switch {
	case first != nil:
		return first
	case second != nil:
		return second
	case len(p.components) == 1 && !listsTargets(configured, p.components[0], p.components):
		return p.components[0]
	}
	return nil
}

// kubeTarget reports whether a deploy: entry's part after # names a
// Kubernetes container "Kind/workload/container": written whole, as
// "Kind/workload", "workload/container", or the workload alone.
func kubeTarget(pat, name string) bool {
	parts := strings.Split(name, "/")
	if len(parts) != 3 {
		return false
	}
	kind, workload, container := parts[0], parts[1], parts[2]
	return pat == workload || pat == kind+"/"+workload || pat == workload+"/"+container
}
