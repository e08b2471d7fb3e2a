package kube

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/envlint/envlint/internal/lint"
)

func TestResolve(t *testing.T) {
	p := func(f string, line int) lint.Pos { return lint.Pos{File: f, Line: line, Col: 3} }
	cms := []ConfigMap{
		{Name: "db", Namespace: "staging", Keys: []ConfigMapKey{{Name: "HOST", Pos: p("s.yaml", 6)}}},
		{Name: "db", Namespace: "prod", Keys: []ConfigMapKey{{Name: "URL", Pos: p("p.yaml", 6)}, {Name: "POOL", Pos: p("p.yaml", 7)}}},
		{Name: "common", Keys: []ConfigMapKey{{Name: "LOG_LEVEL", Pos: p("c.yaml", 5)}}},
	}
	tg := Target{Namespace: "prod", EnvFrom: []EnvFrom{
		{Source: lint.SourceConfigMap, Name: "db", Prefix: "DATABASE_"},
		{Source: lint.SourceConfigMap, Name: "common"},
		{Source: lint.SourceSecret, Name: "api"},
		{Source: lint.SourceConfigMap, Name: "missing"},
	}}
	tg.Keys = []lint.DeployKey{{Name: "DATABASE_POOL", Pos: p("d.yaml", 12), Source: lint.SourceLiteral, Value: "5"}}
	unknown := Resolve(&tg, cms, nil)
	want := []lint.DeployKey{
		{Name: "DATABASE_POOL", Pos: p("d.yaml", 12), Source: lint.SourceLiteral, Value: "5"}, // env wins over envFrom
		{Name: "DATABASE_URL", Pos: p("p.yaml", 6), Source: lint.SourceConfigMap, Bulk: true},
		{Name: "LOG_LEVEL", Pos: p("c.yaml", 5), Source: lint.SourceConfigMap, Bulk: true},
	}
	if d := cmp.Diff(want, tg.Keys); d != "" {
		t.Errorf("keys (-want +got):\n%s", d)
	}
	if len(unknown) != 2 || unknown[0].Name != "api" || unknown[1].Name != "missing" || !tg.Incomplete {
		t.Errorf("unknown %+v, incomplete %v", unknown, tg.Incomplete)
	}
}
