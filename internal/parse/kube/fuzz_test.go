package kube

import (
	"testing"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/lint/linttest"
)

// FuzzParse checks the reader's invariants on arbitrary input: no panic,
// the input is left alone, every position lies inside the input, and the
// result is the same on every run.
func FuzzParse(f *testing.F) {
	linttest.Seed(f, "testdata/*.yaml",
		"", "---", "--- x", "kind: Pod", "apiVersion: v1\nkind: Pod\nspec: 1\n",
		"apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  spec:\n    containers:\n    - name: a\n      env:\n      - {name: A, value: \"$(B)\"}\n",
		"a: &x {kind: Pod}\nb: *x\n", "<<: {kind: Pod, apiVersion: v1}\nspec: {containers: [{name: a, env: [{name: A}]}]}\n",
		"apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    vault.hashicorp.com/agent-inject: 'true'\n    vault.hashicorp.com/agent-inject-secret-a: x\n    vault.hashicorp.com/agent-inject-template-a: \"{{ with secret \\\"x\\\" }}A={{ .Data.a }}{{ end }}\"\nspec:\n  containers: [{name: c}]\n",
		"apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    vault.hashicorp.com/agent-inject-template-a: >\n      {{ with\n      secret }}\n",
		"kind: ConfigMap\ndata: {A: 1}\n", "kind: ConfigMap\ndata:\n  A: x\n  A: y\n",
	)
	parse := func(src []byte) *Manifest { return Parse("m.yaml", src) }
	f.Fuzz(func(t *testing.T, src []byte) {
		linttest.Invariants(t, src, parse, func(m *Manifest) (ps []lint.Pos) {
			for _, e := range m.Errors {
				ps = append(ps, e.Pos)
			}
			for _, tg := range m.Targets {
				ps = append(ps, linttest.TargetPositions(&tg.DeployTarget)...)
				for _, ef := range tg.EnvFrom {
					ps = append(ps, ef.Pos)
				}
			}
			for _, c := range m.ConfigMaps {
				ps = append(ps, c.Pos)
				for _, k := range c.Keys {
					ps = append(ps, k.Pos, k.ValuePos)
				}
			}
			for _, tm := range append(m.Templates, m.Unrendered...) {
				ps = append(ps, linttest.TemplatePositions(tm)...)
			}
			return ps
		})
	})
}
