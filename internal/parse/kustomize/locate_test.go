package kustomize

import (
	"testing"

	"github.com/envlint/envlint/internal/lint"
)

func TestLocator(t *testing.T) {
	m := tree(
		"base/kustomization.yaml", "resources:\n- deployment.yaml\n- cm.yaml\n",
		"base/deployment.yaml", deployment,
		"base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  P: x\n",
		"overlays/prod/kustomization.yaml", `resources:
- ../../base
configMapGenerator:
- name: cfg
  literals:
  - D=4
  envs:
  - cfg.env
patches:
- path: patch.yaml
- target:
    kind: Deployment
  patch: |-
    - op: add
      path: /spec/template/spec/containers/0/env/-
      value:
        name: C
        value: "3"
`,
		"overlays/prod/cfg.env", "# comment\n  E=5\n",
		"overlays/prod/patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        env:\n        - name: A\n          value: two\n        - name: B\n          value: \"2\"\n",
	)
	o := Build(mapRead(m), "overlays/prod")
	if len(o.Errors) > 0 {
		t.Fatal(o.Errors)
	}
	var dep, cm, plain Object
	for _, obj := range o.Objects {
		switch obj.Kind + "/" + obj.Name {
		case "Deployment/api":
			dep = obj
		case "ConfigMap/plain":
			plain = obj
		default:
			cm = obj
		}
	}
	l := NewLocator(o)
	p := func(f string, line, col int) lint.Pos { return lint.Pos{File: f, Line: line, Col: col} }
	if got, ok := l.Container(dep, "app"); !ok || got != p("base/deployment.yaml", 9, 15) {
		t.Errorf("container at %v", got)
	}
	for _, tc := range []struct {
		key        string
		pos, value lint.Pos
	}{
		{"A", p("overlays/prod/patch.yaml", 11, 17), p("overlays/prod/patch.yaml", 12, 18)}, // the patch overrides the base
		{"B", p("overlays/prod/patch.yaml", 13, 17), p("overlays/prod/patch.yaml", 14, 18)},
		{"C", p("overlays/prod/kustomization.yaml", 17, 15), p("overlays/prod/kustomization.yaml", 18, 16)}, // inside the inline patch
	} {
		pos, value, ok := l.Env(dep, "app", tc.key)
		if !ok || pos != tc.pos || value != tc.value {
			t.Errorf("%s at %v, %v; want %v, %v", tc.key, pos, value, tc.pos, tc.value)
		}
	}
	for _, tc := range []struct {
		obj        Object
		key        string
		pos, value lint.Pos
	}{
		{cm, "D", p("overlays/prod/kustomization.yaml", 6, 5), p("overlays/prod/kustomization.yaml", 6, 7)},
		{cm, "E", p("overlays/prod/cfg.env", 2, 3), p("overlays/prod/cfg.env", 2, 5)},
		{plain, "P", p("base/cm.yaml", 6, 3), p("base/cm.yaml", 6, 6)},
	} {
		pos, value, _, ok := l.Data(tc.obj, tc.key)
		if !ok || pos != tc.pos || value != tc.value {
			t.Errorf("%s at %v, %v; want %v, %v", tc.key, pos, value, tc.pos, tc.value)
		}
	}
}
