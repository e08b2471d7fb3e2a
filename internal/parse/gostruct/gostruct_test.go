package gostruct

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/envlint/envlint/internal/lint"
	"github.com/google/go-cmp/cmp"
)

// keyPos is what unit tests assert about a key.
type keyPos struct {
	Name  string
	Pos   string
	Field string
}

func keysOf(c *lint.Config) []keyPos {
	var out []keyPos
	for _, k := range c.Keys {
		out = append(out, keyPos{k.Name, k.Pos.String(), k.Field})
	}
	return out
}

func problems(ps []lint.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Pos.String())
	}
	return out
}

const cfgSrc = `package config

type Config struct {
	Host string ` + "`env:\"HOST\"`" + `
}
`

func TestRead_CallSiteForms(t *testing.T) {
	tests := []struct {
		name   string
		main   string
		want   []keyPos
		prefix string
		unres  []string
	}{
		{name: "local var", main: `var c config.Config
	_ = env.Parse(&c)`, want: []keyPos{{"HOST", "config/config.go:4:2", "Config.Host"}}},
		{name: "new", main: `_ = env.Parse(new(config.Config))`, want: []keyPos{{"HOST", "config/config.go:4:2", "Config.Host"}}},
		{name: "composite", main: `_ = env.Parse(&config.Config{})`, want: []keyPos{{"HOST", "config/config.go:4:2", "Config.Host"}}},
		{name: "pointer var", main: `c := &config.Config{}
	_ = env.Parse(c)`, want: []keyPos{{"HOST", "config/config.go:4:2", "Config.Host"}}},
		{name: "field", main: `var w struct{ C config.Config }
	_ = env.Parse(&w.C)`, want: []keyPos{{"HOST", "config/config.go:4:2", "Config.Host"}}},
		{name: "param", main: `load(nil)`, want: []keyPos{{"HOST", "config/config.go:4:2", "Config.Host"}}},
		{name: "ParseAs", main: `_, _ = env.ParseAs[config.Config]()`, want: []keyPos{{"HOST", "config/config.go:4:2", "Config.Host"}}},
		{name: "Must", main: `_ = env.Must(env.ParseAs[config.Config]())`, want: []keyPos{{"HOST", "config/config.go:4:2", "Config.Host"}}},
		{name: "folded prefix", main: `_ = env.ParseWithOptions(new(config.Config), env.Options{Prefix: pfx + "X_"})`,
			want: []keyPos{{"APP_X_HOST", "config/config.go:4:2", "Config.Host"}}, prefix: "APP_X_"},
		{name: "unresolved prefix", main: `_ = env.ParseWithOptions(new(config.Config), env.Options{Prefix: os.Args[0]})`,
			unres: []string{"main.go:13:67"}},
		{name: "unresolved target", main: `_ = env.Parse(os.Args)`, unres: []string{"main.go:13:6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "go.mod", "module example.com/m\n")
			writeFile(t, dir, "config/config.go", cfgSrc)
			writeFile(t, dir, "main.go", `package main

import (
	"os"

	env "github.com/caarlos0/env/v11"
	"example.com/m/config"
)

const pfx = "APP_"

func main() {
	`+tt.main+`
	_ = os.Args
}

func load(c *config.Config) { _ = env.Parse(c) }
`)
			files := []string{"main.go", "config/config.go"}
			if tt.name != "param" {
				// Only the param case may see the helper's call.
				writeFile(t, dir, "main.go", strings.Replace(readFile(t, dir, "main.go"), "func load(c *config.Config) { _ = env.Parse(c) }", "", 1))
			}
			c := Read(dir, files, nil, Options{})
			if diff := cmp.Diff(tt.want, keysOf(c)); diff != "" {
				t.Errorf("keys (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.unres, problems(c.Unresolved)); diff != "" {
				t.Errorf("unresolved (-want +got):\n%s\n%v", diff, c.Unresolved)
			}
			for _, r := range c.Roots {
				if r.Dir != "config" || r.Struct != "Config" || r.Prefix != tt.prefix || r.Library != lint.Caarlos0 {
					t.Errorf("root %+v", r)
				}
			}
		})
	}
}

func TestRead_CrossModuleReplace(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "svc/go.mod", "module example.com/svc\n\nrequire example.com/shared v0.0.0\n\nreplace (\n\texample.com/shared => ../shared\n)\n")
	writeFile(t, dir, "shared/go.mod", "module example.com/shared\n")
	writeFile(t, dir, "shared/db/db.go", "package db\n\n// DB is shared.\ntype DB struct {\n\tURL string `envconfig:\"DATABASE_URL\" required:\"true\"`\n}\n")
	writeFile(t, dir, "shared/db/alias.go", "package db\n\ntype Alias = DB\n")
	writeFile(t, dir, "svc/main.go", `package main

import (
	"github.com/kelseyhightower/envconfig"
	"example.com/shared/db"
)

type Config struct {
	DB db.Alias
	*Extra
}

type Extra struct{ Port int `+"`default:\"80\"`"+` }

func main() { var c Config; envconfig.MustProcess("svc", &c) }
`)
	c := Read(dir, []string{"svc/main.go"}, nil, Options{})
	want := []keyPos{
		{"SVC_DB_DATABASE_URL", "shared/db/db.go:5:2", "Config.DB.URL"},
		{"SVC_PORT", "svc/main.go:13:20", "Config.Extra.Port"},
	}
	if diff := cmp.Diff(want, keysOf(c)); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
	if len(c.Keys) == 2 && (c.Keys[0].Aliases[0] != "DATABASE_URL" || !c.Keys[0].Required || *c.Keys[1].Default != "80") {
		t.Errorf("key details %+v", c.Keys)
	}
}

func TestRead_GetenvDirectivesProblems(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "go.mod", "module example.com/m\n")
	writeFile(t, dir, "internal/util/util.go", "package util\n\nimport \"os\"\n\nfunc GetEnv(k, d string) string { return os.Getenv(k) + d }\n")
	writeFile(t, dir, "main.go", `package main

import (
	"os"

	"github.com/spf13/viper"
	"github.com/sethvargo/go-envconfig"
	"example.com/m/internal/util"
)

const name = "NAME"

type Config struct {
	//envlint:ignore config-key-not-in-example set by the platform
	Host string `+"`env:\"HOST\" default:\"x\"`"+`
	Self *Config `+"`env:\",prefix=S_\"`"+`
	port int `+"`env:\"PORT\"`"+`
}

func main() {
	_ = os.Getenv(name + "_X")
	_, _ = os.LookupEnv("LOOK")
	_ = util.GetEnv("WRAPPED", "")
	viper.AutomaticEnv()
	_ = envconfig.Process(nil, &Config{})
}
`)
	writeFile(t, dir, "bad.go", "package main\n\nfunc {\n")
	writeFile(t, dir, "ignored.go", "//go:build ignore\n\npackage main\n\nimport \"os\"\n\nvar _ = os.Getenv(\"IGNORED\")\n")
	writeFile(t, dir, "main_test.go", "package main\n\nimport \"os\"\n\nvar _ = os.Getenv(\"TESTONLY\")\n")
	c := Read(dir, []string{"main.go", "bad.go", "ignored.go", "main_test.go"}, nil, Options{Getenv: true, GetenvFuncs: []string{"internal/util.GetEnv"}})
	var names []string
	for _, k := range c.Keys {
		names = append(names, k.Name+"@"+k.Pos.String()+"/"+k.Source+"/"+k.Field)
	}
	// Self is a cycle: the walk stops there and reports it.
	wantStruct := []string{"HOST@main.go:15:2/struct/Config.Host"}
	if len(names) < 1 || !cmp.Equal(wantStruct, names[:1]) || strings.Contains(strings.Join(names, " "), "S_HOST") {
		t.Errorf("struct keys %v", names)
	}
	var getenv []string
	for _, k := range c.Keys {
		if k.Source == "getenv" {
			getenv = append(getenv, k.Name+"@"+k.Pos.String()+"/"+k.Field)
		}
	}
	if diff := cmp.Diff([]string{"NAME_X@main.go:21:6/main", "LOOK@main.go:22:9/main", "WRAPPED@main.go:23:6/main"}, getenv); diff != "" {
		t.Errorf("getenv (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"bad.go:3:6"}, problems(c.Errors)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"main.go:15:2", "main.go:17:2"}, problems(c.IneffectiveTags)); diff != "" {
		t.Errorf("ineffective (-want +got):\n%s %v", diff, c.IneffectiveTags)
	}
	if diff := cmp.Diff([]string{"main.go:24:2"}, problems(c.UnsupportedReaders)); diff != "" {
		t.Errorf("unsupported (-want +got):\n%s", diff)
	}
	if len(c.Unresolved) != 1 || !strings.Contains(c.Unresolved[0].Msg, "recursive") {
		t.Errorf("recursion not reported: %v", c.Unresolved)
	}
	wantDir := []lint.Directive{{Pos: lint.Pos{File: "main.go", Line: 14, Col: 2}, Rules: []string{"config-key-not-in-example"}, Reason: "set by the platform", Key: "HOST"}}
	if diff := cmp.Diff(wantDir, c.Directives[:min(1, len(c.Directives))]); diff != "" {
		t.Errorf("directives (-want +got):\n%s", diff)
	}
}

func FuzzRead(f *testing.F) {
	f.Add(cfgSrc)
	f.Add("package p\nimport \"github.com/caarlos0/env/v11\"\ntype C struct{ A []struct{ B *C `envPrefix:\"X\"` } `env:\",init\"`; D *C `env:\",init\"` }\nfunc f() { env.Parse(&C{}) }\n")
	f.Add("package p\nimport e \"github.com/kelseyhightower/envconfig\"\ntype C struct{ A, B *C; x int }\nfunc f() { e.Process(\"p\", new(C)) }\n")
	f.Add("package p\nimport \"github.com/sethvargo/go-envconfig\"\ntype P *P\ntype C[T any] struct{ A T `env:\"A,default=$X\"`; B P }\nfunc f() { envconfig.ProcessWith(nil, &envconfig.Config{Target: new(C[C[int]])}) }\n")
	f.Fuzz(func(t *testing.T, src string) {
		dir := t.TempDir()
		writeFile(t, dir, "go.mod", "module example.com/m\n")
		writeFile(t, dir, "a.go", src)
		c := Read(dir, []string{"a.go"}, nil, Options{Getenv: true})
		for _, k := range c.Keys {
			if k.Pos.Line < 1 {
				t.Errorf("%s at %v", k.Name, k.Pos)
			}
		}
	})
}

func BenchmarkRead(b *testing.B) {
	dir := b.TempDir()
	mk := func(name, content string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	mk("go.mod", "module example.com/m\n")
	mk("config/config.go", cfgSrc)
	files := []string{"main.go", "config/config.go"}
	mk("main.go", "package main\n\nimport (\n\tenv \"github.com/caarlos0/env/v11\"\n\t\"example.com/m/config\"\n)\n\nfunc main() { _ = env.Parse(new(config.Config)) }\n")
	// A monorepo's worth of unrelated files that only the import scan sees.
	for i := range 2000 {
		name := fmt.Sprintf("pkg%d/f.go", i)
		mk(name, fmt.Sprintf("package pkg%d\n\nimport \"strings\"\n\nfunc F(s string) string { return strings.ToUpper(s) }\n", i))
		files = append(files, name)
	}
	b.ReportAllocs()
	for b.Loop() {
		c := Read(dir, files, nil, Options{Getenv: true})
		if len(c.Keys) != 1 {
			b.Fatal(c.Keys)
		}
	}
}

// TestRead_ProcessWithOptions: constant envconfig.Config options change how
// keys are read; options that are not constants are reported, not guessed.
func TestRead_ProcessWithOptions(t *testing.T) {
	tests := []struct {
		name     string
		opts     string
		required bool
		unres    []string
	}{
		{name: "constant DefaultRequired", opts: `DefaultRequired: true`, required: true},
		{name: "no options", opts: ``, required: false},
		{name: "computed DefaultRequired", opts: `DefaultRequired: len(os.Args) > 1`, unres: []string{"main.go:13:106"}},
		{name: "computed DefaultDelimiter", opts: `DefaultDelimiter: os.Args[0]`, unres: []string{"main.go:13:107"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "go.mod", "module example.com/m\n")
			writeFile(t, dir, "main.go", `package main

import (
	"context"
	"os"

	"github.com/sethvargo/go-envconfig"
)

type Config struct{ Host string `+"`env:\"HOST\"`"+` }

func main() {
	_ = envconfig.ProcessWith(context.Background(), &envconfig.Config{Target: new(Config), `+tt.opts+`})
}
`)
			c := Read(dir, []string{"main.go"}, nil, Options{})
			if diff := cmp.Diff(tt.unres, problems(c.Unresolved)); diff != "" {
				t.Fatalf("unresolved (-want +got):\n%s\n%v", diff, c.Unresolved)
			}
			if tt.unres != nil {
				return
			}
			if len(c.Keys) != 1 || c.Keys[0].Required != tt.required {
				t.Errorf("keys %+v, want HOST with required=%v", c.Keys, tt.required)
			}
		})
	}
}
