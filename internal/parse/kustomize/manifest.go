package kustomize

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"maps"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/kube"
)

// Manifest reads an overlay's output with the Kubernetes manifest reader
// and moves every position into the overlay's sources (see Locator).
// Targets are named "<overlay dir>#<Kind>/<name>/<container>" with the
// names the build gives (prefixes, suffixes), carry the overlay's
// environment, and have their envFrom resolved against the ConfigMaps and
// generated Secrets of the same output: a secretGenerator's keys are
// literals written in the repository (deploy-secret-literal reads them),
// positioned at the generator's line. Unknown envFrom entries stay in
// Unknown (per target, by Name) and mark the target incomplete.
//
// secrets are Secrets whose keys are known from elsewhere (the user's
// configuration), by the name the build gives them.
func Manifest(o *Overlay, secrets []kube.ConfigMap) *Result {
	m := kube.Parse(o.Dir, o.Output)
	r := &Result{Manifest: m, Unknown: map[string][]kube.EnvFrom{}}
	loc := NewLocator(o)
	object := func(kind, name, ns string) (Object, bool) {
		for _, obj := range o.Objects {
			if obj.Kind == kind && obj.Name == name && (ns == "" || obj.Namespace == ns) && obj.Origin != "" {
				return obj, true
			}
		}
		return Object{}, false
	}
	top := lint.Pos{File: o.File, Line: 1}
	for i := range m.Errors {
		// kustomize wrote the stream: a document the API types reject is
		// one of the sources', which kubectl apply would reject too.
		m.Errors[i].Pos = top
		m.Errors[i].Msg = fmt.Sprintf("the output of %s: %s", o.Dir, m.Errors[i].Msg)
	}
	for i := range m.ConfigMaps {
		cm := &m.ConfigMaps[i]
		obj, ok := object("ConfigMap", cm.Name, cm.Namespace)
		cm.Pos = top
		if !ok {
			continue
		}
		for j := range cm.Keys {
			k := &cm.Keys[j]
			k.Pos, k.ValuePos = top, top
			if p, v, _, ok := loc.Data(obj, k.Name); ok {
				k.Pos, k.ValuePos = p, v
			}
		}
	}
	generated := generatedSecrets(o, loc)
	for i := range m.Targets {
		t := &m.Targets[i]
		t.Name = o.Dir + "#" + t.Kind + "/" + t.Workload + "/" + t.Container
		t.Environment = o.Environment
		obj, ok := object(t.Kind, t.Workload, t.Namespace)
		t.Pos = top
		if ok {
			if p, found := loc.Container(obj, t.Container); found {
				t.Pos = p
			} else {
				t.Pos = lint.Pos{File: obj.Origin, Line: 1}
			}
		}
		for j := range t.Keys {
			k := &t.Keys[j]
			k.Pos, k.ValuePos = t.Pos, t.Pos
			if !ok {
				continue
			}
			if p, v, found := loc.Env(obj, t.Container, k.Name); found {
				k.Pos, k.ValuePos = p, v
			}
		}
		// Generated Secrets are known: their keys are literals.
		var rest []kube.EnvFrom
		for _, ef := range t.EnvFrom {
			ef.Pos = t.Pos
			if ok {
				if p, found := loc.EnvFrom(obj, t.Container, ef.Name); found {
					ef.Pos = p
				}
			}
			s, found := generated[ef.Name]
			if ef.Source != lint.SourceSecret || !found {
				rest = append(rest, ef)
				continue
			}
			for _, k := range s {
				k.Name = ef.Prefix + k.Name
				if !hasKey(t.Keys, k.Name) {
					t.Keys = append(t.Keys, k)
				}
			}
		}
		t.EnvFrom = rest
		if unknown := kube.Resolve(t, m.ConfigMaps, secrets); len(unknown) > 0 {
			r.Unknown[t.Name] = unknown
		}
	}
	// Injector templates: every position at the annotation that writes
	// the template (its text is a rendered annotation value, whose lines
	// cannot be followed back through kustomize's re-encoding).
	for _, ts := range [][]lint.AgentTemplate{m.Templates, m.Unrendered} {
		for j := range ts {
			tm := &ts[j]
			at := top
			if tm.Contents != nil {
				// Contents.File is "<dir>#<Kind>/<name>/<annotation suffix>".
				_, id, _ := strings.Cut(tm.Contents.File, "#")
				parts := strings.SplitN(id, "/", 3)
				if len(parts) == 3 {
					if obj, ok := object(parts[0], parts[1], ""); ok {
						at = loc.Annotation(obj, "vault.hashicorp.com/"+parts[2])
					}
				}
				for _, p := range tm.Contents.Positions() {
					if p.File == o.Dir {
						*p = at
					}
				}
			}
			tm.Pos = at
		}
	}
	return r
}

// Result is an overlay's output read as a Kubernetes manifest.
type Result struct {
	*kube.Manifest
	// Unknown are, per target name, the envFrom entries whose keys cannot
	// be known (a Secret the build does not generate).
	Unknown map[string][]kube.EnvFrom
}

func hasKey(ks []lint.DeployKey, name string) bool {
	for _, k := range ks {
		if k.Name == name {
			return true
		}
	}
	return false
}

// generatedSecrets returns the keys of each Secret a secretGenerator
// makes, by the name the build gives it, as literal keys positioned at
// the generator's literal or env file line.
func generatedSecrets(o *Overlay, loc *Locator) map[string][]lint.DeployKey {
	out := map[string][]lint.DeployKey{}
	var doc struct {
		Kind     string                `yaml:"kind"`
		Metadata struct{ Name string } `yaml:"metadata"`
		Data     map[string]string     `yaml:"data"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(o.Output))
	for dec.Decode(&doc) == nil {
		if doc.Kind != "Secret" {
			doc.Data = nil
			continue
		}
		for _, obj := range o.Objects {
			if obj.Kind != "Secret" || obj.Name != doc.Metadata.Name || obj.Generator != "secretGenerator" {
				continue
			}
			keys := []lint.DeployKey{}
			for _, name := range slices.Sorted(maps.Keys(doc.Data)) {
				p, v, lit, ok := loc.Data(obj, name)
				if !ok {
					continue
				}
				value := lit.Value
				if raw, err := base64.StdEncoding.DecodeString(doc.Data[name]); err == nil {
					value = string(raw)
				}
				keys = append(keys, lint.DeployKey{Name: name, Pos: p, Source: lint.SourceLiteral, Value: value, ValuePos: v})
			}
			out[obj.Name] = keys
		}
		doc.Data = nil
	}
	return out
}
