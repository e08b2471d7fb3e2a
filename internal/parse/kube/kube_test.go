package kube

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/envlint/envlint/internal/lint"
)

func TestParse(t *testing.T) {
	src, err := os.ReadFile("testdata/api.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const f = "deploy/k8s/api.yaml"
	got := Parse(f, src)
	if len(got.Errors) > 0 {
		t.Fatalf("errors: %v", got.Errors)
	}
	p := func(line, col int) lint.Pos { return lint.Pos{File: f, Line: line, Col: col} }
	tmpl := f + "#Deployment/api/agent-inject-template-config"
	want := []Target{
		{
			DeployTarget: lint.DeployTarget{
				Name: f + "#Deployment/api/migrate", Kind: lint.DeployKubernetes, Pos: p(19, 17), Image: "ghcr.io/acme/api:1.4",
				Keys:      []lint.DeployKey{{Name: "DATABASE_URL", Pos: p(22, 21), Source: lint.SourceSecret}},
				Templates: []string{tmpl},
			},
			Kind: "Deployment", Workload: "api", Container: "migrate", Namespace: "prod", Init: true,
		},
		{
			DeployTarget: lint.DeployTarget{
				Name: f + "#Deployment/api/app", Kind: lint.DeployKubernetes, Pos: p(26, 17), Image: "ghcr.io/acme/api:1.4",
				Keys: []lint.DeployKey{
					{Name: "LOG_LEVEL", Pos: p(29, 21), Source: lint.SourceLiteral, Value: "info", ValuePos: p(30, 23)},
					{Name: "FEATURE_FLAGS", Pos: p(31, 21), Source: lint.SourceConfigMap},
					{Name: "POD_IP", Pos: p(36, 21), Source: lint.SourceInterpolation, Referenced: true}, // by PUBLIC_URL
					{Name: "PUBLIC_URL", Pos: p(40, 21), Source: lint.SourceInterpolation},
				},
				Templates: []string{tmpl},
			},
			Kind: "Deployment", Workload: "api", Container: "app", Namespace: "prod",
			EnvFrom: []EnvFrom{
				{Pos: p(44, 23), Source: lint.SourceConfigMap, Name: "api-config", Prefix: "APP_"},
				{Pos: p(47, 23), Source: lint.SourceSecret, Name: "api-secrets"},
			},
		},
		{
			DeployTarget: lint.DeployTarget{
				Name: f + "#CronJob/report/report", Kind: lint.DeployKubernetes, Pos: p(70, 21), Image: "ghcr.io/acme/report:1",
				Keys: []lint.DeployKey{{Name: "REPORT_BUCKET", Pos: p(73, 25), Source: lint.SourceLiteral, Value: "reports", ValuePos: p(74, 26)}},
			},
			Kind: "CronJob", Workload: "report", Container: "report",
		},
	}
	if d := cmp.Diff(want, got.Targets); d != "" {
		t.Errorf("targets (-want +got):\n%s", d)
	}
	wantCM := []ConfigMap{{Name: "api-config", Namespace: "prod", Pos: p(52, 9), Keys: []ConfigMapKey{
		{Name: "PORT", Pos: p(55, 3), Value: "8080", ValuePos: p(55, 10)},
		{Name: "REGION", Pos: p(56, 3), Value: "eu-west-1", ValuePos: p(56, 11)},
	}}}
	if d := cmp.Diff(wantCM, got.ConfigMaps); d != "" {
		t.Errorf("config maps (-want +got):\n%s", d)
	}
	if len(got.Templates) != 1 || len(got.Unrendered) != 0 {
		t.Fatalf("templates %+v, unrendered %+v", got.Templates, got.Unrendered)
	}
	tm := got.Templates[0]
	if tm.Pos != p(13, 9) || tm.Destination != "/vault/secrets/config" || tm.Contents.File != tmpl {
		t.Errorf("template at %s to %s named %s", tm.Pos, tm.Destination, tm.Contents.File)
	}
	if c := tm.Contents; len(c.Keys) != 1 || c.Keys[0].Name != "API_TOKEN" || c.Keys[0].Pos != p(15, 11) || len(c.Errors) > 0 {
		t.Errorf("template keys %+v errors %v", c.Keys, c.Errors)
	}
	if s := tm.Contents.Secrets; len(s) != 1 || s[0].Pos.Line != 14 {
		t.Errorf("secret read at %+v, want line 14", s)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line      int
		msg       string
	}{
		{"yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [\n", 4, "YAML"},
		{"number for a string", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    env:\n    - name: A\n      value: \"1\"\n    - name: PORT\n      value: 8080\n", 11, "cannot unmarshal number"},
		{"unknown field", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    envv: []\n", 7, `unknown field "spec.containers[0].envv"`},
		{"separator", "apiVersion: v1\nkind: ConfigMap\n--- x\n", 3, "separator"},
		{"second document", "apiVersion: v1\nkind: ConfigMap\n---\n# c\nkind: Pod\napiVersion: v1\nspec: 3\n", 7, "cannot unmarshal number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Parse("m.yaml", []byte(tc.src))
			if len(got.Errors) != 1 {
				t.Fatalf("want one error, got %+v", got.Errors)
			}
			e := got.Errors[0]
			if e.Pos.Line != tc.line || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("got %s: %s; want line %d containing %q", e.Pos, e.Msg, tc.line, tc.msg)
			}
		})
	}
}

func TestParseTooLarge(t *testing.T) {
	got := Parse("big.yaml", make([]byte, MaxSize+1))
	if len(got.Errors) != 1 || got.Errors[0].Pos.Line != 1 || len(got.Targets) != 0 {
		t.Fatalf("want one error on line 1, got %+v", got.Errors)
	}
}
