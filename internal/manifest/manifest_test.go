package manifest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/envlint/envlint/internal/lint"
)

func ptr(s string) *string { return &s }

// sample is a component as the readers would produce it.
func sample() Layers {
	strT := lint.Type{Name: "string", Kind: lint.KindString}
	return Layers{
		Name: "api",
		Config: &lint.Config{
			Roots:    []lint.Root{{Pos: lint.Pos{File: "main.go", Line: 9}, Dir: "internal/config", Struct: "Config", Library: lint.Kelseyhightower, Prefix: "app"}},
			Families: []string{"ITEMS_<n>_NAME"},
			Keys: []lint.ConfigKey{
				{Name: "APP_PORT", Aliases: []string{"PORT"}, Pos: lint.Pos{File: "c.go", Line: 3}, Field: "Config.Port",
					Type: lint.Type{Name: "int", Kind: lint.KindInt}, Default: ptr("8080"), Source: "struct", Library: lint.Kelseyhightower},
				{Name: "APP_DB_PASSWORD", Pos: lint.Pos{File: "c.go", Line: 4}, Field: "Config.DBPassword", Type: strT,
					Default: ptr("hunter2-hunter2"), Source: "struct", Library: lint.Kelseyhightower},
				{Name: "APP_HOSTS", Pos: lint.Pos{File: "c.go", Line: 5}, Field: "Config.Hosts", Source: "struct", Library: lint.Kelseyhightower,
					Type: lint.Type{Name: "map[string][]int", Kind: lint.KindMap, Key: &strT,
						Elem: &lint.Type{Name: "[]int", Kind: lint.KindSlice, Elem: &lint.Type{Name: "int", Kind: lint.KindInt, Bits: 64}}},
					Separator: ";", KeyValSeparator: "=", Required: true, NotEmpty: true},
				{Name: "APP_BANNER", Pos: lint.Pos{File: "c.go", Line: 6}, Field: "Config.Banner", Type: strT, Default: ptr(""),
					Source: "struct", Library: lint.Kelseyhightower},
				{Name: "APP_REGION", Pos: lint.Pos{File: "c.go", Line: 7}, Field: "Config.Region", Type: strT, Default: ptr("eu-west-1"),
					Source: "struct", Library: lint.Kelseyhightower, Layout: "2006", Expand: true, File: true},
				{Name: "HOME", Pos: lint.Pos{File: "main.go", Line: 12}, Field: "main", Type: strT, Source: "getenv"},
			},
			Unresolved: []lint.Problem{{Pos: lint.Pos{File: "x.go", Line: 2}, Msg: "prefix unknown"}},
		},
		Templates: []*lint.Template{
			{File: "a.ctmpl", Keys: []lint.VaultKey{{Name: "PORT"}}},                       // through an alias
			{File: "b.ctmpl", NotEnv: "JSON", Keys: []lint.VaultKey{{Name: "APP_BANNER"}}}, // not an env file
		},
		Examples: []*lint.ExampleFile{{File: ".env.example", Entries: []lint.ExampleEntry{{Name: "APP_REGION", VaultMarker: true}}}},
	}
}

func TestBuild(t *testing.T) {
	m := Build([]Layers{sample(), {Name: "nocfg"}})
	strT := Type{Name: "string", Kind: lint.KindString}
	want := &Manifest{Version: 1, Components: []*Component{{
		Name:     "api",
		Roots:    []Root{{Dir: "internal/config", Struct: "Config", Library: lint.Kelseyhightower, Prefix: "app"}},
		Families: []string{"ITEMS_<n>_NAME"},
		Problems: []string{"x.go:2: unresolved config (envlint check says more)"}, // never the message
		Keys: []*Key{
			{Name: "APP_BANNER", Aliases: []string{}, Field: "Config.Banner", Source: "struct", Library: lint.Kelseyhightower, Type: strT, Default: ptr("")},
			// A secret-looking name: only the length of the default is kept.
			{Name: "APP_DB_PASSWORD", Aliases: []string{}, Field: "Config.DBPassword", Source: "struct", Library: lint.Kelseyhightower, Type: strT,
				Default: ptr("<redacted, 15 bytes>"), DefaultRedacted: true},
			{Name: "APP_HOSTS", Aliases: []string{}, Field: "Config.Hosts", Source: "struct", Library: lint.Kelseyhightower,
				Type: Type{Name: "map[string][]int", Kind: lint.KindMap, Key: &strT,
					Elem: &Type{Name: "[]int", Kind: lint.KindSlice, Elem: &Type{Name: "int", Kind: lint.KindInt, Bits: 64}}},
				Separator: ";", KeyValSeparator: "=", Required: true, NotEmpty: true},
			// Vault through the alias, but an int default cannot be a credential: kept.
			{Name: "APP_PORT", Aliases: []string{"PORT"}, Field: "Config.Port", Source: "struct", Library: lint.Kelseyhightower,
				Type: Type{Name: "int", Kind: lint.KindInt}, Default: ptr("8080"), Vault: true},
			// [VAULT]-marked: redacted.
			{Name: "APP_REGION", Aliases: []string{}, Field: "Config.Region", Source: "struct", Library: lint.Kelseyhightower, Type: strT,
				Default: ptr("<redacted, 9 bytes>"), DefaultRedacted: true, Layout: "2006", Expand: true, File: true, Vault: true},
			{Name: "HOME", Aliases: []string{}, Field: "main", Source: "getenv", Type: strT},
		},
	}}}
	if diff := cmp.Diff(want, m, cmp.AllowUnexported(Manifest{}, Component{}, Key{})); diff != "" {
		t.Errorf("Build mismatch (-want +got):\n%s", diff)
	}
}

func TestRoundTrip(t *testing.T) {
	m := Build([]Layers{sample()})
	data, err := Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Marshal(Build([]Layers{sample()}))
	if err != nil || !bytes.Equal(data, again) {
		t.Fatalf("Marshal is not deterministic (err %v)", err)
	}
	if bytes.Contains(data, []byte("hunter2")) || bytes.Contains(data, []byte("eu-west-1")) {
		t.Fatal("a secret default reached the manifest")
	}
	got, err := Read("m.json", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	round, err := Marshal(got)
	if err != nil || !bytes.Equal(data, round) {
		t.Fatalf("Read then Marshal changed the manifest (err %v):\n%s", err, cmp.Diff(string(data), string(round)))
	}
	// Back to the config layer: every decoding detail survives; positions
	// point into the manifest.
	cfg := got.Lookup("api").Config()
	orig := sample().Config
	if len(cfg.Keys) != len(orig.Keys) {
		t.Fatalf("got %d keys, want %d", len(cfg.Keys), len(orig.Keys))
	}
	byName := map[string]lint.ConfigKey{}
	for _, k := range orig.Keys {
		byName[k.Name] = k
	}
	ignore := cmp.FilterPath(func(p cmp.Path) bool {
		s := p.String()
		return s == "Pos" || s == "DefaultPos" || s == "Default"
	}, cmp.Ignore())
	for _, k := range cfg.Keys {
		o := byName[k.Name]
		if diff := cmp.Diff(o, k, ignore); diff != "" {
			t.Errorf("key %s (-written +read):\n%s", k.Name, diff)
		}
		redacted := k.Name == "APP_DB_PASSWORD" || k.Name == "APP_REGION"
		if !redacted && !cmp.Equal(o.Default, k.Default) {
			t.Errorf("key %s: default %v, want %v", k.Name, k.Default, o.Default)
		}
		if k.Pos.File != "m.json" || k.Pos.Line < 1 || k.Pos != k.DefaultPos && k.Default != nil {
			t.Errorf("key %s: position %v, default position %v", k.Name, k.Pos, k.DefaultPos)
		}
	}
	if got, want := cfg.Unresolved, []lint.Problem{{Pos: lint.Pos{File: "m.json", Line: 4},
		Msg: "the manifest records that its config layer is incomplete: x.go:2: unresolved config (envlint check says more)"}}; !cmp.Equal(got, want) {
		t.Errorf("Unresolved = %v, want %v", got, want)
	}
}

// TestRead_Lines reads a hand-written manifest and checks the line of each
// component and key.
func TestRead_Lines(t *testing.T) {
	src := `{"version": 1,
"components": [
  {"name": "a",
   "keys": [
     {"name": "A_ONE", "source": "struct", "type": {"name": "string", "kind": "string"}, "default": null},

     {"name": "A_TWO", "source": "getenv", "type": {"name": "string", "kind": "string"}, "default": "",
      "required": true}
   ]},
  {"name": "b", "keys": [{"name": "B", "source": "struct", "library": "cleanenv",
      "type": {"name": "[]int", "kind": "slice", "elem": {"name": "int", "kind": "int"}}, "default": "1,2"}]}
]}`
	m, err := Read("dir/m.json", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Comp, Key string
		Pos       lint.Pos
		Default   *string
		Required  bool
	}
	var got []row
	for _, c := range m.Components {
		for _, k := range c.Config().Keys {
			got = append(got, row{c.Name, k.Name, k.Pos, k.Default, k.Required})
		}
	}
	want := []row{
		{"a", "A_ONE", lint.Pos{File: "dir/m.json", Line: 5}, nil, false},
		{"a", "A_TWO", lint.Pos{File: "dir/m.json", Line: 7}, ptr(""), true},
		{"b", "B", lint.Pos{File: "dir/m.json", Line: 10}, ptr("1,2"), false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if c := m.Components[1]; c.line != 10 || m.Components[0].line != 3 {
		t.Errorf("component lines %d, %d; want 3, 10", m.Components[0].line, c.line)
	}
}

func TestRead_Errors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"syntax", "{\n  \"version\": 1,\n  \"components\": [,]\n}", "m.json:3: manifest is not valid JSON: invalid character ','"},
		{"truncated", "{\"version\": 1,\n", "m.json:2: manifest is not valid JSON: unexpected end of JSON input"},
		{"type", "{\"version\": 1,\n\"components\": [{\"name\": 7}]}", "m.json:2: manifest field components.name must be string, not a JSON number"},
		{"version", `{"version": 2, "components": []}`, "m.json: manifest version 2 is not supported (this envlint reads version 1)"},
		{"no version", `{"components": []}`, "m.json: manifest version 0 is not supported (this envlint reads version 1)"},
		{"twice", "{\"version\": 1, \"components\": [\n{\"name\": \"a\"},\n{\"name\": \"a\"}]}", "m.json:3: component a is listed twice"},
		{"unnamed", "{\"version\": 1, \"components\": [\n{\"keys\": []}]}", "m.json:2: a component has no name"},
		{"null component", "{\"version\": 1, \"components\": [null]}", "m.json: component 1 is null"},
		{"unnamed key", "{\"version\": 1, \"components\": [{\"name\": \"a\", \"keys\": [\n{}]}]}", "m.json:2: a key of component a has no name"},
		{"library", "{\"version\": 1, \"components\": [{\"name\": \"a\", \"keys\": [\n{\"name\": \"K\", \"source\": \"struct\", \"library\": \"viper\", \"type\": {\"kind\": \"string\"}}]}]}",
			`m.json:2: key K: unknown library "viper"`},
		{"kind", "{\"version\": 1, \"components\": [{\"name\": \"a\", \"keys\": [\n{\"name\": \"K\", \"source\": \"struct\", \"type\": {\"kind\": \"slice\", \"elem\": {\"kind\": \"chan\"}}}]}]}",
			`m.json:2: key K: unknown type kind "chan"`},
		{"source", "{\"version\": 1, \"components\": [{\"name\": \"a\", \"keys\": [\n{\"name\": \"K\", \"type\": {\"kind\": \"string\"}}]}]}",
			`m.json:2: key K: unknown source "" (want struct or getenv)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("m.json", strings.NewReader(tt.src))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %v, want prefix %q", err, tt.want)
			}
		})
	}
}

// FuzzRead: Read never panics, and what it accepts survives a round trip.
func FuzzRead(f *testing.F) {
	data, _ := Marshal(Build([]Layers{sample()}))
	f.Add(data)
	f.Add([]byte(`{"version": 1, "components": [null]}`))
	f.Add([]byte(`{"version": 1, "components": [{"name": "a", "keys": [null]}]}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := Read("f.json", bytes.NewReader(src))
		if err != nil {
			return
		}
		for _, c := range m.Components {
			c.Config()
		}
		out, err := Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Read("f.json", bytes.NewReader(out)); err != nil {
			t.Fatalf("re-reading what Read accepted: %v", err)
		}
	})
}
