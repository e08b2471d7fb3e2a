package kube

import "github.com/envlint/envlint/internal/lint"

// Resolve adds to t the keys of its envFrom ConfigMaps, found in cms by
// name and namespace (an unwritten namespace matches any: kubectl apply -n
// decides it), each key positioned where the ConfigMap defines it. It
// returns the envFrom entries whose keys cannot be known (a Secret, a
// ConfigMap not in cms), and marks t Incomplete when there is one. Keys
// the container's env sets win over envFrom's, as in Kubernetes, so those
// are not added twice.
func Resolve(t *Target, cms []ConfigMap) []EnvFrom {
	var unknown []EnvFrom
	set := map[string]bool{}
	for _, k := range t.Keys {
		set[k.Name] = true
	}
	for _, ef := range t.EnvFrom {
		cm := find(cms, ef.Name, t.Namespace)
		if ef.Source != lint.SourceConfigMap || cm == nil {
			unknown = append(unknown, ef)
			continue
		}
		for _, k := range cm.Keys {
			name := ef.Prefix + k.Name
			if set[name] {
				continue
			}
			set[name] = true
			t.Keys = append(t.Keys, lint.DeployKey{Name: name, Pos: k.Pos, Source: lint.SourceConfigMap, Value: k.Value, ValuePos: k.ValuePos, Bulk: true})
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
