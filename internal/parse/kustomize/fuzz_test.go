package kustomize

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	yaml3 "go.yaml.in/yaml/v3"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/lint/linttest"
)

var fuzzSeeds = []string{
	"", "resources:\n- d.yaml\n", "kind: Component\n", "- a\n", "resources: [",
	"resources:\n- ../base\n- github.com/a/b//c?ref=v1\n- d.yaml\n",
	"resources:\n- d.yaml\nnamePrefix: p-\nconfigMapGenerator:\n- name: c\n  literals:\n  - A=1\n  - \"B=two\"\n  envs:\n  - a.env\n",
	"resources:\n- d.yaml\nsecretGenerator:\n- name: s\n  literals: [PASSWORD=x]\n",
	"resources:\n- d.yaml\npatches:\n- path: p.yaml\n- patch: |-\n    - op: add\n      path: /spec/template/spec/containers/0/env/-\n      value: {name: B, value: \"2\"}\n  target:\n    kind: Deployment\n",
	"resources:\n- d.yaml\npatchesStrategicMerge:\n- |-\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: api\n",
	"resources:\n- d.yaml\nreplacements:\n- source: {kind: ConfigMap, name: c, fieldPath: data.A}\n  targets: []\n",
	"helmCharts:\n- name: x\n", "transformers:\n- t.yaml\n", "openapi:\n  path: s.json\n", "resources:\n- .\n", "a: &a [*a]\n",
}

// FuzzRead checks the kustomization reader's invariants on arbitrary input:
// no panic, the input left alone, every position inside it, the same
// result every run.
func FuzzRead(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	read := func(src []byte) *Kustomization { return Read("o/kustomization.yaml", src) }
	f.Fuzz(func(t *testing.T, src []byte) {
		linttest.Invariants(t, src, read, func(k *Kustomization) (ps []lint.Pos) {
			for _, e := range k.Errors {
				ps = append(ps, e.Pos)
			}
			for _, r := range k.Refs {
				ps = append(ps, r.Pos)
			}
			for _, l := range k.Literals {
				ps = append(ps, l.Pos, l.ValuePos)
			}
			return ps
		})
	})
}

// FuzzBuild builds an overlay whose kustomization is the input, over a
// base and files it may name: kustomize's own code must never take
// envlint down, and the result is the same every run.
func FuzzBuild(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m := tree("base/kustomization.yaml", "resources: [d.yaml]\n", "base/d.yaml", deployment, "o/d.yaml", deployment,
			"o/a.env", "A=1\n", "o/p.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n")
		m["o/kustomization.yaml"] = &fstest.MapFile{Data: src}
		build := func(src []byte) *Overlay { return Build(mapRead(m), "o") }
		linttest.Invariants(t, src, build, func(o *Overlay) (ps []lint.Pos) {
			for _, e := range append(o.Errors, o.Uncovered...) {
				if e.Pos.File == "o/kustomization.yaml" {
					ps = append(ps, e.Pos)
				}
			}
			return ps
		})
	})
}

// FuzzMark: marking a resource file never panics, and what it changes
// still decodes, each object carrying its file.
func FuzzMark(f *testing.F) {
	f.Add([]byte(deployment))
	f.Add([]byte("# c\n---\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n---\n"))
	f.Add([]byte("kind: Secret\nmetadata: &m {name: s}\nx: *m\n"))
	f.Add([]byte("kind: Pod\nmetadata: []\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		out := mark("f.yaml", src)
		if bytes.Equal(out, src) {
			return
		}
		if n := strings.Count(string(out), originKey+": f.yaml"); n == 0 {
			t.Fatalf("changed without marking:\n%s", out)
		}
		dec := yaml3.NewDecoder(bytes.NewReader(out))
		for {
			var doc yaml3.Node
			if err := dec.Decode(&doc); err != nil {
				if !errors.Is(err, io.EOF) {
					t.Fatalf("marked file does not decode: %v\n%s", err, out)
				}
				return
			}
		}
	})
}
