package diff

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/envlint/envlint/internal/lint"
)

func pos(file string, line int) lint.Pos { return lint.Pos{File: file, Line: line, Col: 1} }

func example(entries ...lint.ExampleEntry) *lint.ExampleFile {
	for i := range entries {
		entries[i].Pos = pos(".env.example", i+1)
	}
	return &lint.ExampleFile{File: ".env.example", Entries: entries}
}

func config(keys ...lint.ConfigKey) *lint.Config {
	for i := range keys {
		keys[i].Pos = pos("config.go", i+10)
		if keys[i].Source == "" {
			keys[i].Source = "struct"
		}
		if keys[i].Field == "" {
			keys[i].Field = "Config." + keys[i].Name
		}
		if keys[i].Type.Name == "" {
			keys[i].Type = lint.Type{Name: "string", Kind: lint.KindString}
		}
	}
	return &lint.Config{Keys: keys, Roots: []lint.Root{{Struct: "Config"}}}
}

func template(file string, names ...string) *lint.Template {
	t := &lint.Template{File: file, Secrets: []lint.SecretRef{{Pos: pos(file, 1), Path: "secret/data/app"}}}
	for i, n := range names {
		t.Keys = append(t.Keys, lint.VaultKey{Name: n, Pos: pos(file, i+2), Path: "secret/data/app", Fields: []string{n}})
	}
	return t
}

// summary is the rule and key of each finding, in order.
func summary(fs []lint.Finding) []string {
	var out []string
	for _, f := range lint.Normalize(fs) {
		out = append(out, f.Rule+" "+f.Key)
	}
	return out
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		c    Component
		opts Options
		want []string
	}{
		{
			name: "aliases count as documented and rendered",
			c: Component{
				Examples:  []*lint.ExampleFile{example(lint.ExampleEntry{Name: "DB_HOST", VaultMarker: true})},
				Config:    config(lint.ConfigKey{Name: "APP_DB_HOST", Aliases: []string{"DB_HOST"}, Required: true}),
				Templates: []*lint.Template{template("a.ctmpl", "DB_HOST")},
			},
		},
		{
			name: "a broken example switches off the rules that need it, not the others",
			c: Component{
				Examples: []*lint.ExampleFile{{File: ".env.example", Errors: []lint.Problem{{Pos: pos(".env.example", 3), Msg: "bad"}},
					Entries: []lint.ExampleEntry{{Name: "ORPHAN", Pos: pos(".env.example", 1)}}}},
				Config: config(lint.ConfigKey{Name: "PORT"}),
			},
			want: []string{"example-key-orphaned ORPHAN", "incomplete-coverage ", "parse-error "},
		},
		{
			name: "an unresolved config switches off orphan rules",
			c: Component{
				Examples:  []*lint.ExampleFile{example(lint.ExampleEntry{Name: "ORPHAN"})},
				Config:    &lint.Config{Roots: []lint.Root{{}}, Unresolved: []lint.Problem{{Pos: pos("main.go", 5), Msg: "prefix"}}},
				Templates: []*lint.Template{template("a.ctmpl", "UNREAD")},
			},
			want: []string{"incomplete-coverage ", "unresolved-config "},
		},
		{
			name: "an unsupported reader switches off orphan rules",
			c: Component{
				Examples: []*lint.ExampleFile{example(lint.ExampleEntry{Name: "VIPER_KEY"})},
				Config: func() *lint.Config {
					c := config(lint.ConfigKey{Name: "PORT"})
					c.UnsupportedReaders = []lint.Problem{{Pos: pos("main.go", 9), Msg: "viper"}}
					return c
				}(),
				Templates: []*lint.Template{template("a.ctmpl", "VIPER_KEY")},
			},
			want: []string{"vault-marker-missing VIPER_KEY", "config-key-not-in-example PORT", "incomplete-coverage ", "unsupported-reader "},
		},
		{
			name: "no templates, no vault findings",
			c: Component{
				Examples: []*lint.ExampleFile{example(lint.ExampleEntry{Name: "KEY", VaultMarker: true})},
				Config:   config(lint.ConfigKey{Name: "KEY", Required: true}),
			},
		},
		{
			name: "a dynamic template switches off stale markers and required-not-in-vault",
			c: Component{
				Examples:  []*lint.ExampleFile{example(lint.ExampleEntry{Name: "KEY", VaultMarker: true})},
				Config:    config(lint.ConfigKey{Name: "KEY", Required: true}),
				Templates: []*lint.Template{{File: "a.ctmpl", Dynamic: []lint.Problem{{Pos: pos("a.ctmpl", 2), Msg: "range"}}}},
			},
			want: []string{"dynamic-key ", "incomplete-coverage "},
		},
		{
			name: "ignore globs exempt keys from every rule",
			c: Component{
				Examples: []*lint.ExampleFile{example(lint.ExampleEntry{Name: "DOKPLOY_TOKEN"}, lint.ExampleEntry{Name: "DOKPLOY_TOKEN"})},
				Config:   config(lint.ConfigKey{Name: "VAULT_ADDR"}),
				Ignore:   []string{"DOKPLOY_*", "VAULT_*"},
			},
		},
		{
			name: "commented: ignore drops commented entries",
			c: Component{
				Examples: []*lint.ExampleFile{example(lint.ExampleEntry{Name: "OLD", Commented: true}, lint.ExampleEntry{Name: "PORT", Commented: true})},
				Config:   config(lint.ConfigKey{Name: "PORT"}),
			},
			want: []string{"config-key-not-in-example PORT"},
		},
		{
			name: "operating-system variables read with os.Getenv need no documentation",
			c: Component{
				Examples: []*lint.ExampleFile{example(lint.ExampleEntry{Name: "PORT"})},
				Config: config(lint.ConfigKey{Name: "PORT"}, lint.ConfigKey{Name: "HOME", Source: "getenv"},
					lint.ConfigKey{Name: "TMPDIR", Source: "getenv"}, lint.ConfigKey{Name: "HOSTNAME"}),
			},
			want: []string{"config-key-not-in-example HOSTNAME"},
		},
		{
			name: "severity overrides, off drops",
			c: Component{
				Examples: []*lint.ExampleFile{example(lint.ExampleEntry{Name: "ORPHAN"})},
				Config:   config(lint.ConfigKey{Name: "PORT"}),
			},
			opts: Options{Severity: map[string]lint.Severity{"example-key-orphaned": lint.Off}},
			want: []string{"config-key-not-in-example PORT"},
		},
		{
			name: "caarlos0 slice families are read keys",
			c: func() Component {
				cfg := config(lint.ConfigKey{Name: "PORT"})
				cfg.Families = []string{"ITEMS_<n>_NAME"}
				return Component{
					Examples: []*lint.ExampleFile{example(lint.ExampleEntry{Name: "PORT"}, lint.ExampleEntry{Name: "ITEMS_0_NAME"}, lint.ExampleEntry{Name: "ITEMS_X_NAME"})},
					Config:   cfg, CommentedDocuments: true,
				}
			}(),
			want: []string{"example-key-orphaned ITEMS_X_NAME"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name != "commented: ignore drops commented entries" {
				tt.c.CommentedDocuments = true
			}
			got := summary(Check(&tt.c, tt.opts))
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("findings (-want +got):\n%s", d)
			}
		})
	}
}

func TestCheck_SeverityOverride(t *testing.T) {
	c := Component{Examples: []*lint.ExampleFile{example(lint.ExampleEntry{Name: "ORPHAN"})}, Config: config(lint.ConfigKey{Name: "ORPHAN"})}
	c.Config.Keys = nil
	c.Config.Roots = []lint.Root{{}}
	fs := Check(&c, Options{Severity: map[string]lint.Severity{"example-key-orphaned": lint.Warning}})
	if len(fs) != 1 || fs[0].Severity != lint.Warning {
		t.Fatalf("got %v, want one warning", fs)
	}
}

func TestNearest(t *testing.T) {
	tests := []struct {
		name       string
		candidates []string
		want       string
	}{
		{"DATABSE_URL", []string{"DATABASE_URL", "REDIS_URL"}, "DATABASE_URL"},
		{"DB_URL", []string{"DATABASE_URL", "REDIS_URL"}, "DATABASE_URL"},
		{"REDIS_HOSTNAME", []string{"REDIS_HOST", "REDIS_PORT"}, "REDIS_HOST"},
		{"api_key", []string{"API_KEY"}, "API_KEY"},
		{"OLD_TOKEN", []string{"API_TOKEN"}, ""},
		{"REDIS_URL", []string{"DATABASE_URL"}, ""},
		{"PORT", []string{"HOST"}, ""},
		{"X", nil, ""},
	}
	for _, tt := range tests {
		if got := nearest(tt.name, tt.candidates); got != tt.want {
			t.Errorf("nearest(%q, %v) = %q, want %q", tt.name, tt.candidates, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"a", "", 1}, {"abc", "acb", 1}, {"kitten", "sitting", 3}, {"DATABSE", "DATABASE", 1}} {
		if got, ok := editDistanceWithin(tt.a, tt.b, 10); !ok || got != tt.want {
			t.Errorf("editDistanceWithin(%q, %q, 10) = %d, %v, want %d", tt.a, tt.b, got, ok, tt.want)
		}
	}
}

func TestSuppress(t *testing.T) {
	ex := example(lint.ExampleEntry{Name: "ORPHAN"}, lint.ExampleEntry{Name: "PORT"})
	ex.Directives = []lint.Directive{
		{Pos: pos(".env.example", 1), Rules: []string{"example-key-orphaned"}, Key: "ORPHAN"},
		{Pos: pos(".env.example", 2), Rules: []string{"example-key-orphaned"}, Key: "PORT"},
		{Pos: pos(".env.example", 3), Rules: []string{"no-such-rule"}},
	}
	c := Component{Examples: []*lint.ExampleFile{ex}, Config: config(lint.ConfigKey{Name: "PORT"}), CommentedDocuments: true}
	fs := lint.Normalize(Check(&c, Options{}))
	var got []string
	for _, f := range fs {
		got = append(got, f.String())
	}
	want := []string{
		".env.example:2:1: info: envlint:ignore example-key-orphaned suppresses no finding on PORT; remove it [unused-ignore]",
		".env.example:3:1: info: envlint:ignore names unknown rule no-such-rule; envlint rules lists them [unused-ignore]",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
}
