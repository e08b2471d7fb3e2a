package config

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/envlint/envlint/internal/lint"
)

func known(id string) bool { return id == "example-key-orphaned" || id == "duplicate-key" }

func TestParse_Components(t *testing.T) {
	src := `components:
  - name: backend
    config:
      dir: apps/backend/internal/config
      struct: Config
      library: caarlos0
      prefix: APP_
    vault: ["deploy/**/secrets.ctmpl"]
    vault_groups: [["deploy/app/*.ctmpl"]]
    example: [".env.example"]
    ignore: ["DOKPLOY_*"]
    commented: ignore
    getenv: false
    getenv_funcs: ["internal/util.GetEnv"]
    delims: ["[[", "]]"]
  - name: worker
    dir: apps/worker
rules:
  example-key-orphaned: warning
`
	f, err := Parse(".envlint.yaml", []byte(src), known)
	if err != nil {
		t.Fatal(err)
	}
	no := false
	want := &File{
		Rules: map[string]lint.Severity{"example-key-orphaned": lint.Warning},
		Components: []Component{
			{
				Name: "backend", Line: 2,
				Config:      Structs{{Dir: "apps/backend/internal/config", Struct: "Config", Library: "caarlos0", Prefix: "APP_", Line: 4}},
				Vault:       []string{"deploy/**/secrets.ctmpl"},
				VaultGroups: [][]string{{"deploy/app/*.ctmpl"}},
				Example:     []string{".env.example"},
				Ignore:      []string{"DOKPLOY_*"},
				Commented:   "ignore",
				Getenv:      &no,
				GetenvFuncs: []string{"internal/util.GetEnv"},
				Delims:      []string{"[[", "]]"},
			},
			{Name: "worker", Dir: "apps/worker", Line: 16},
		},
	}
	if d := cmp.Diff(want, f); d != "" {
		t.Errorf("Parse (-want +got):\n%s", d)
	}
	if f.Components[0].GetenvEnabled() || f.Components[0].CommentedDocuments() {
		t.Error("getenv: false and commented: ignore were not honoured")
	}
	if !f.Components[1].GetenvEnabled() || !f.Components[1].CommentedDocuments() {
		t.Error("defaults: getenv and commented should be on")
	}
}

func TestParse_TopLevelComponent(t *testing.T) {
	src := "config:\n  - {dir: internal/config, struct: Config, library: sethvargo}\n  - {dir: internal/config, struct: Extra, library: sethvargo}\nexample: [.env.sample]\n"
	f, err := Parse("x.yaml", []byte(src), known)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Components) != 1 || len(f.Components[0].Config) != 2 || f.Components[0].Example[0] != ".env.sample" {
		t.Fatalf("got %+v", f.Components)
	}
}

func TestParse_Empty(t *testing.T) {
	f, err := Parse("x.yaml", []byte("# nothing yet\n"), known)
	if err != nil || len(f.Components) != 0 {
		t.Fatalf("got %+v, %v", f, err)
	}
}

func TestParse_Errors(t *testing.T) {
	tests := []struct {
		name, src string
		want      Error
	}{
		{"unknown top key", "components: []\nverbose: true\n", Error{"c.yaml", 2, `unknown key "verbose"`}},
		{"unknown component key", "components:\n  - name: a\n    examples: [x]\n", Error{"c.yaml", 3, `unknown key "examples"`}},
		{"wrong type", "components:\n  - name: a\n    getenv: maybe\n", Error{"c.yaml", 3, "cannot unmarshal !!str `maybe` into bool"}},
		{"unknown rule", "rules:\n  duplicate-key: off\n  no-such-rule: error\n", Error{"c.yaml", 3, `unknown rule "no-such-rule" (envlint rules lists them)`}},
		{"bad severity", "rules:\n  duplicate-key: fatal\n", Error{"c.yaml", 2, `rule duplicate-key: severity must be error, warning, info or off, not "fatal"`}},
		{"unknown config key", "config:\n  dir: x\n  struct: C\n  library: caarlos0\n  prefx: A\n", Error{"c.yaml", 5, `unknown key "prefx" in config (want dir, struct, library, prefix)`}},
		{"bad library", "config:\n  struct: C\n  library: viper\n", Error{"c.yaml", 2, `config library must be one of caarlos0, kelseyhightower, sethvargo, cleanenv, pydantic, not "viper"`}},
		{"no struct", "config:\n  library: cleanenv\n", Error{"c.yaml", 2, "config needs struct: the root struct type name"}},
		{"unnamed", "components:\n  - example: [a]\n  - name: b\n", Error{"c.yaml", 2, "every component needs a name when there are several"}},
		{"both forms", "example: [a]\ncomponents:\n  - name: b\n", Error{"c.yaml", 1, "write component settings either at the top level or under components, not both"}},
		{"bad delims", "delims: ['[[']\n", Error{"c.yaml", 1, `delims must be two non-empty strings, e.g. ["[[", "]]"]`}},
		{"invalid yaml", "components: [\n", Error{"c.yaml", 1, "did not find expected node content"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(tt.src), known)
			var got *Error
			if !errors.As(err, &got) {
				t.Fatalf("Parse error = %v, want *Error", err)
			}
			if d := cmp.Diff(tt.want, *got); d != "" {
				t.Errorf("error (-want +got):\n%s", d)
			}
		})
	}
}
