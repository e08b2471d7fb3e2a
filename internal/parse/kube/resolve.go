package kube

import "github.com/envlint/envlint/internal/lint"

// Resolve adds to t the keys of its envFrom ConfigMaps, found in cms by
// name and namespace (an unwritten namespace matches any: kubectl apply -n
// decides it), each key positioned where the ConfigMap defines it, and the
// keys of its envFrom Secrets known from elsewhere (the user's
// kubernetes_secrets:), found in secrets the same way and positioned at
// the envFrom entry. It returns the envFrom entries whose keys cannot be
// known (a Secret or ConfigMap not found), and marks t Incomplete when
// there is one. Keys the container's env sets win over envFrom's, as in
// Kubernetes, so those are not added twice.
func Resolve(t *Target, cms, secrets []ConfigMap) []EnvFrom {
	var unknown []EnvFrom
	set := map[string]bool{}
	for _, k := range t.Keys {
		set[k.Name] = true
	}
	for _, ef := range t.EnvFrom {
		from := cms
		if ef.Source == lint.SourceSecret {
			from = secrets
		}
		cm := find(from, ef.Name, t.Namespace)
		if cm == nil {
			unknown = append(unknown, ef)
			continue
		}
		for _, k := range cm.Keys {
			name := ef.Prefix + k.Name
			if set[name] {
				continue
			}
			set[name] = true
			dk := lint.DeployKey{Name: name, Pos: k.Pos, Source: ef.Source, Bulk: true}
			if ef.Source == lint.SourceSecret {
				dk.Pos = ef.Pos // the Secret's keys are written nowhere in the repository
			} else {
				dk.Value, dk.ValuePos = k.Value, k.ValuePos
			}
			t.Keys = append(t.Keys, dk)
		}
	}
	if len(unknown) > 0 {
		t.Incomplete = true
	}
	return unknown
}

// find returns the ConfigMap of that name in the namespace: one written in
// it first, else one whose namespace either side leaves unwritten.
func find(cms []ConfigMap, name, ns string) *ConfigMap {
	var loose *ConfigMap
	for i := range cms {
		c := &cms[i]
		if c.Name != name {
			continue
		}
		if c.Namespace == ns {
			return c
		}
		if loose == nil && (c.Namespace == "" || ns == "") {
			loose = c
		}
	}
	return loose
}
