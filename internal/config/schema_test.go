package config

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/envlint/envlint/internal/lint"
)

// schemaFile is the JSON Schema editors use for .envlint.yaml (init writes a
// yaml-language-server line pointing at it). These tests hold it to the Go
// types and to Parse, so it cannot drift from what envlint accepts.
const schemaFile = "../../schema/envlint.schema.json"

func compileSchema(t *testing.T) (*jsonschema.Schema, map[string]any) {
	t.Helper()
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("envlint.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("envlint.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	return sch, raw
}

// validateYAML validates a YAML document against the schema as an editor
// does: YAML decoded to plain values, then checked as JSON.
func validateYAML(sch *jsonschema.Schema, src string) error {
	var v any
	if err := yaml.Unmarshal([]byte(src), &v); err != nil {
		return err
	}
	if v == nil {
		v = map[string]any{} // an empty file
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// yamlKeys lists the yaml keys of a struct type, following inline fields.
func yamlKeys(t reflect.Type) []string {
	var keys []string
	for f := range t.Fields() {
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case name == "-":
		case opts == "inline":
			keys = append(keys, yamlKeys(f.Type)...)
		case name != "":
			keys = append(keys, name)
		}
	}
	slices.Sort(keys)
	return keys
}

func propertyNames(t *testing.T, m any, path ...string) []string {
	t.Helper()
	for _, p := range path {
		mm, ok := m.(map[string]any)
		if !ok {
			t.Fatalf("schema has no %s", strings.Join(path, "."))
		}
		m = mm[p]
	}
	props, ok := m.(map[string]any)
	if !ok {
		t.Fatalf("schema has no %s", strings.Join(path, "."))
	}
	var names []string
	for k := range props {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// TestSchema_MatchesTypes: every key the Go types decode is in the schema
// at the same place, and nothing else is.
func TestSchema_MatchesTypes(t *testing.T) {
	_, raw := compileSchema(t)
	for _, tc := range []struct {
		name string
		typ  reflect.Type
		path []string
	}{
		{"top level", reflect.TypeFor[rawFile](), []string{"properties"}},
		{"component", reflect.TypeFor[Component](), []string{"$defs", "component", "properties"}},
		{"config struct", reflect.TypeFor[Struct](), []string{"$defs", "struct", "properties"}},
	} {
		if d := cmp.Diff(yamlKeys(tc.typ), propertyNames(t, raw, tc.path...)); d != "" {
			t.Errorf("%s: schema/envlint.schema.json %s differs from the Go type %s (-go +schema):\n%s",
				tc.name, strings.Join(tc.path, "."), tc.typ, d)
		}
	}
	var libs []any // what knownLibrary accepts: the Go libraries, then pydantic
	for _, l := range append(lint.Libraries, lint.Pydantic) {
		if !knownLibrary(string(l)) {
			t.Fatalf("knownLibrary(%q) = false", l)
		}
		libs = append(libs, string(l))
	}
	got := raw["$defs"].(map[string]any)["struct"].(map[string]any)["properties"].(map[string]any)["library"].(map[string]any)["enum"]
	if d := cmp.Diff(libs, got); d != "" {
		t.Errorf("library enum differs from lint.Libraries (-go +schema):\n%s", d)
	}
}

// TestSchema_AgreesWithParse runs documents through Parse and the schema:
// what Parse accepts the schema accepts, and what the schema can express
// (types, unknown keys, enums) it rejects as Parse does.
func TestSchema_AgreesWithParse(t *testing.T) {
	sch, _ := compileSchema(t)
	for _, tc := range []struct {
		name, src string
		ok        bool
		// schemaOnly: Parse rejects it for a reason a schema cannot state
		// (the registry's rule ids, unique names); the schema accepts it.
		schemaOnly bool
	}{
		{name: "empty", src: "", ok: true},
		{name: "full component list", ok: true, src: "components:\n  - name: api\n    dir: apps/api\n    config:\n      dir: apps/api/config\n      struct: Config\n      library: caarlos0\n      prefix: APP_\n    vault: [\"deploy/**/*.ctmpl\"]\n    vault_groups: [[\"a.ctmpl\", \"b.ctmpl\"]]\n    example: [apps/api/.env.example]\n    ignore: [\"VAULT_*\"]\n    commented: ignore\n    getenv: false\n    getenv_funcs: [internal/util.GetEnv]\n    delims: [\"[[\", \"]]\"]\n  - name: web\n    config:\n      - {dir: web, struct: A, library: sethvargo}\n      - {dir: web, struct: B, library: cleanenv}\nrules:\n  example-key-orphaned: warning\n  duplicate-key: off\n"},
		{name: "top-level component", ok: true, src: "example: [.env.example]\nconfig: {dir: ., struct: Config, library: kelseyhightower}\n"},
		{name: "unknown top-level key", src: "exmaple: [.env.example]\n"},
		{name: "unknown component key", src: "components:\n  - name: a\n    templates: [x]\n"},
		{name: "unknown config key", src: "config: {dir: ., struct: C, library: caarlos0, pkg: x}\n"},
		{name: "unknown library", src: "config: {dir: ., struct: C, library: viper}\n"},
		{name: "python class", ok: true, src: "config: {dir: app, struct: Settings, library: pydantic}\n"},
		{name: "config without struct", src: "config: {dir: ., library: caarlos0}\n"},
		{name: "config as a string", src: "config: internal/config\n"},
		{name: "example as a mapping", src: "example: {file: .env.example}\n"},
		{name: "getenv as a list", src: "getenv: [a]\n"},
		{name: "bad commented", src: "commented: maybe\n"},
		{name: "one delimiter", src: "delims: [\"[[\"]\n"},
		{name: "bad severity", src: "rules:\n  duplicate-key: fatal\n"},
		{name: "rules as a list", src: "rules: [duplicate-key]\n"},
		{name: "both top level and components", src: "example: [.env.example]\ncomponents:\n  - name: a\n"},
		{name: "several components without names", src: "components:\n  - dir: a\n  - dir: b\n"},
		{name: "deploy targets", ok: true, src: "components:\n  - name: api\n    deploy: [\"docker-compose.yml#api\"]\n    environments:\n      production: {deploy: [deploy/k8s/*.yaml], vault: [deploy/prod/*.ctmpl]}\n"},
		{name: "environment with an unknown key", src: "components:\n  - name: api\n    environments:\n      production: {targets: [a]}\n"},
		{name: "hygiene keys", ok: true, src: "infra: [\"*_ROOT_TOKEN\", VAULT_TOKEN]\nvault_path: secret/data/{project}/{env}/{component}\n"},
		{name: "vault_path placeholder unknown", src: "vault_path: secret/{team}/x\n"},
		{name: "vault_path unbalanced", src: "vault_path: secret/{env/x\n"},
		{name: "infra as a string", src: "infra: \"*_ROOT_TOKEN\"\n"},
		{name: "unknown rule id", src: "rules:\n  orphans: warning\n", schemaOnly: true},
		{name: "duplicate component names", src: "components:\n  - name: a\n  - name: a\n", schemaOnly: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, perr := Parse(".envlint.yaml", []byte(tc.src), known)
			serr := validateYAML(sch, tc.src)
			if (perr == nil) != tc.ok {
				t.Errorf("Parse: err = %v, want ok=%v", perr, tc.ok)
			}
			wantSchema := tc.ok || tc.schemaOnly
			if (serr == nil) != wantSchema {
				t.Errorf("schema: err = %v, want ok=%v", serr, wantSchema)
			}
		})
	}
}

// TestSchema_AcceptsTestdataConfigs validates every config file in the
// end-to-end scripts and the demo that Parse accepts.
func TestSchema_AcceptsTestdataConfigs(t *testing.T) {
	sch, _ := compileSchema(t)
	anyRule := func(string) bool { return true }
	n := 0
	check := func(where, src string) {
		if _, err := Parse(where, []byte(src), anyRule); err != nil {
			return // an invalid config on purpose
		}
		n++
		if err := validateYAML(sch, src); err != nil {
			t.Errorf("%s: Parse accepts it but the schema does not: %v", where, err)
		}
	}
	scripts, _ := filepath.Glob("../../testdata/script/*.txtar")
	for _, s := range scripts {
		a, err := txtar.ParseFile(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			base := filepath.Base(f.Name)
			if strings.HasPrefix(base, ".envlint.y") || strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml") {
				check(filepath.Base(s)+":"+f.Name, string(f.Data))
			}
		}
	}
	if n < 5 {
		t.Errorf("only %d config files found in testdata/script; the glob is wrong", n)
	}
}
