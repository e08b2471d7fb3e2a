package diff

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	caarlos0 "github.com/caarlos0/env/v11"
	"github.com/google/go-cmp/cmp"

	"github.com/envlint/envlint/internal/lint"
)

func sptr(s string) *string { return &s }

// envFile builds an env file whose entries are on lines 1, 2, ...; a value
// starts after "NAME=".
func envFile(file string, kvs ...string) *lint.ExampleFile {
	f := &lint.ExampleFile{File: file}
	for i, kv := range kvs {
		name, val, _ := strings.Cut(kv, "=")
		f.Entries = append(f.Entries, lint.ExampleEntry{Name: name, Value: val,
			Pos: pos(file, i+1), ValuePos: lint.Pos{File: file, Line: i + 1, Col: len(name) + 2}})
	}
	return f
}

// brief is a finding's rule, key and position.
func brief(fs []lint.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s %s", f.Rule, f.Key, f.Pos))
	}
	return out
}

func TestCheckEnv(t *testing.T) {
	c0 := func(k lint.ConfigKey) lint.ConfigKey { k.Library = lint.Caarlos0; return k }
	kh := func(k lint.ConfigKey) lint.ConfigKey { k.Library = lint.Kelseyhightower; return k }
	intT := lint.Type{Name: "int", Kind: lint.KindInt}
	durT := lint.Type{Name: "time.Duration", Kind: lint.KindDuration}
	cfg := config(
		c0(lint.ConfigKey{Name: "APP_DB_URL", Required: true}),
		// notEmpty without a default is required too, as the reader says.
		c0(lint.ConfigKey{Name: "APP_API_KEY", NotEmpty: true, Required: true}),
		c0(lint.ConfigKey{Name: "APP_PORT", Type: intT, Default: sptr("8080")}),
		c0(lint.ConfigKey{Name: "APP_TIMEOUT", Type: durT}),
		kh(lint.ConfigKey{Name: "APP_WORKERS", Aliases: []string{"WORKERS"}, Type: intT, Required: true}),
	)
	tests := []struct {
		name string
		env  *Environment
		sev  map[string]lint.Severity
		want []string
	}{
		{
			name: "all good",
			env:  EnvFromFiles([]*lint.ExampleFile{envFile("a.env", "APP_DB_URL=x", "APP_API_KEY=k", "APP_PORT=", "APP_TIMEOUT=1s", "APP_WORKERS=2")}),
			want: []string{},
		},
		{
			name: "missing, at the last file",
			env:  EnvFromFiles([]*lint.ExampleFile{envFile("a.env", "APP_API_KEY=k"), envFile("b.env", "APP_TIMEOUT=1s")}),
			want: []string{"env-missing-required APP_DB_URL b.env", "env-missing-required APP_WORKERS b.env"},
		},
		{
			name: "missing, process environment: no position",
			env:  EnvFromProcess([]string{"APP_DB_URL=x", "APP_API_KEY=k", "PATH=/bin"}),
			want: []string{"env-missing-required APP_WORKERS -"},
		},
		{
			name: "the alias is enough",
			env:  EnvFromProcess([]string{"APP_DB_URL=x", "APP_API_KEY=k", "WORKERS=3"}),
			want: []string{},
		},
		{
			name: "the alias is checked when it is what the library reads",
			env:  EnvFromProcess([]string{"APP_DB_URL=x", "APP_API_KEY=k", "WORKERS=three"}),
			want: []string{"env-type-mismatch WORKERS -"},
		},
		{
			name: "the key shadows its alias",
			env:  EnvFromProcess([]string{"APP_DB_URL=x", "APP_API_KEY=k", "APP_WORKERS=3", "WORKERS=three"}),
			want: []string{},
		},
		{
			name: "empty: notEmpty and kelseyhightower int; caarlos0 int takes its default",
			env:  EnvFromFiles([]*lint.ExampleFile{envFile("r.env", "APP_DB_URL=", "APP_API_KEY=", "APP_PORT=", "APP_WORKERS=")}),
			want: []string{"env-empty-required APP_API_KEY r.env:2:13", "env-empty-required APP_WORKERS r.env:4:13"},
		},
		{
			name: "type mismatch at the value",
			env:  EnvFromFiles([]*lint.ExampleFile{envFile("r.env", "APP_DB_URL=x", "APP_PORT=80x", "APP_TIMEOUT=30", "APP_WORKERS=0x10", "APP_API_KEY=k")}),
			want: []string{"env-type-mismatch APP_PORT r.env:2:10", "env-type-mismatch APP_TIMEOUT r.env:3:13"},
		},
		{
			name: "a later file overrides an earlier one",
			env:  EnvFromFiles([]*lint.ExampleFile{envFile("a.env", "APP_DB_URL=x", "APP_API_KEY=k", "APP_PORT=bad", "APP_WORKERS=1"), envFile("b.env", "APP_PORT=1")}),
			want: []string{},
		},
		{
			name: "unknown, off by default",
			env:  EnvFromProcess([]string{"APP_DB_URL=x", "APP_API_KEY=k", "APP_WORKERS=1", "APP_TIMEOT=1s"}),
			want: []string{},
		},
		{
			name: "unknown, turned on",
			env:  EnvFromFiles([]*lint.ExampleFile{envFile("a.env", "APP_DB_URL=x", "APP_API_KEY=k", "APP_WORKERS=1", "APP_TIMEOT=1s", "OTHER=1", "APP_=1")}),
			sev:  map[string]lint.Severity{"env-unknown": lint.Warning},
			want: []string{"env-unknown APP_TIMEOT a.env:4:1"},
		},
		{
			name: "a parse error: reported, and missing keys not guessed",
			env: &Environment{Vars: map[string]EnvVar{}, Files: []string{"a.env"},
				Errors: []lint.Problem{{Pos: pos("a.env", 1), Msg: "bad line"}}},
			want: []string{"parse-error  a.env:1:1"},
		},
		{
			name: "severity off",
			env:  EnvFromProcess(nil),
			sev:  map[string]lint.Severity{"env-missing-required": lint.Off},
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := brief(CheckEnv(&Component{Name: "api", Config: cfg}, tt.env, Options{Severity: tt.sev}))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckEnv_Messages(t *testing.T) {
	cfg := config(
		lint.ConfigKey{Name: "APP_DATABASE_URL", Required: true, Library: lint.Caarlos0},
		lint.ConfigKey{Name: "APP_PORT", Type: lint.Type{Name: "int", Kind: lint.KindInt}, Library: lint.Caarlos0},
	)
	env := EnvFromFiles([]*lint.ExampleFile{envFile("p.env", "APP_DATABSE_URL=s3cr3t-value", "APP_PORT=s3cr3t-port")})
	fs := CheckEnv(&Component{Name: "api", Config: cfg}, env, Options{Severity: map[string]lint.Severity{"env-unknown": lint.Warning}})
	var got []string
	for _, f := range fs {
		got = append(got, f.String())
	}
	want := []string{
		"p.env: error: APP_DATABASE_URL is required by Config.APP_DATABASE_URL (caarlos0/env) but is not set in p.env; the program will not start; did you mean APP_DATABSE_URL? [env-missing-required]",
		"p.env:1:1: warning: APP_DATABSE_URL is set in p.env but component api reads no such key; did you mean APP_DATABASE_URL? [env-unknown]",
		"p.env:2:10: error: APP_PORT in p.env would fail to load into Config.APP_PORT: not an integer for int: caarlos0/env parses int as a 32-bit signed integer (base 10 only) [env-type-mismatch]",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, s := range got {
		if strings.Contains(s, "s3cr3t") {
			t.Errorf("a value leaked: %s", s)
		}
	}
}

func TestCheckEnv_Directives(t *testing.T) {
	cfg := config(lint.ConfigKey{Name: "A", Required: true}, lint.ConfigKey{Name: "B", Required: true})
	cfg.Directives = []lint.Directive{{Pos: pos("config.go", 9), Rules: []string{"env-missing-required"}, Key: "A"}}
	f := envFile("e.env", "C=1")
	f.Directives = []lint.Directive{{Pos: pos("e.env", 1), Rules: []string{"env-missing-required"}, Key: "B"}}
	if got := CheckEnv(&Component{Config: cfg}, EnvFromFiles([]*lint.ExampleFile{f}), Options{}); len(got) != 0 {
		t.Errorf("directives did not suppress: %v", brief(got))
	}
}

func TestEnvPrefixes(t *testing.T) {
	tests := []struct {
		name string
		cfg  *lint.Config
		want []string
	}{
		{"root prefix, kelseyhightower style", &lint.Config{Roots: []lint.Root{{Prefix: "app"}, {Prefix: "APP_"}, {}}}, []string{"APP_"}},
		{"common prefix of keys", config(lint.ConfigKey{Name: "SVC_DB_URL"}, lint.ConfigKey{Name: "SVC_DB_HOST"}, lint.ConfigKey{Name: "SVC_DEBUG"}), []string{"SVC_"}},
		{"no common word", config(lint.ConfigKey{Name: "PORT"}, lint.ConfigKey{Name: "PATH_PREFIX"}), nil},
		{"one key", config(lint.ConfigKey{Name: "APP_PORT"}), nil},
		{"nil", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, EnvPrefixes(tt.cfg)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestEnvFromProcess(t *testing.T) {
	env := EnvFromProcess([]string{"A=1", "B=x=y", "=C:=C:\\", "NOEQ", "A=2", "E="})
	got := map[string]string{}
	for n, v := range env.Vars {
		got[n] = v.Value
	}
	if diff := cmp.Diff(map[string]string{"A": "1", "B": "x=y", "E": ""}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// diffConfig is the struct the differential test loads with caarlos0/env,
// and diffKeys is how envlint's reader describes it.
type diffConfig struct {
	URL     string        `env:"URL,required"`
	Key     string        `env:"KEY,notEmpty"`
	Port    int           `env:"PORT" envDefault:"8080"`
	Timeout time.Duration `env:"TIMEOUT"`
	Ratio   float32       `env:"RATIO,required" envDefault:"0.5"`
	Hosts   []uint8       `env:"HOSTS" envSeparator:";"`
	Flag    bool          `env:"FLAG,notEmpty" envDefault:"true"`
}

func diffKeys() *lint.Config {
	return config(
		lint.ConfigKey{Name: "URL", Required: true, Library: lint.Caarlos0},
		lint.ConfigKey{Name: "KEY", NotEmpty: true, Required: true, Library: lint.Caarlos0},
		lint.ConfigKey{Name: "PORT", Type: lint.Type{Name: "int", Kind: lint.KindInt}, Default: sptr("8080"), Library: lint.Caarlos0},
		lint.ConfigKey{Name: "TIMEOUT", Type: lint.Type{Name: "time.Duration", Kind: lint.KindDuration}, Library: lint.Caarlos0},
		// required with a default: not effectively required.
		lint.ConfigKey{Name: "RATIO", Type: lint.Type{Name: "float32", Kind: lint.KindFloat, Bits: 32}, Default: sptr("0.5"), Library: lint.Caarlos0},
		lint.ConfigKey{Name: "HOSTS", Type: lint.Type{Name: "[]uint8", Kind: lint.KindSlice, Elem: &lint.Type{Name: "uint8", Kind: lint.KindUint, Bits: 8}},
			Separator: ";", Library: lint.Caarlos0},
		lint.ConfigKey{Name: "FLAG", Type: lint.Type{Name: "bool", Kind: lint.KindBool}, NotEmpty: true, Default: sptr("true"), Library: lint.Caarlos0},
	)
}

// TestCheckEnv_Differential asks caarlos0/env itself: an environment loads
// exactly when CheckEnv reports no error.
func TestCheckEnv_Differential(t *testing.T) {
	base := map[string]string{"URL": "postgres://db", "KEY": "k"}
	variants := []map[string]string{
		{},
		{"URL": ""}, {"KEY": ""}, {"URL": "-"},
		{"PORT": ""}, {"PORT": "80"}, {"PORT": "0x50"}, {"PORT": "3000000000"}, {"PORT": "-1"}, {"PORT": " 80"},
		{"TIMEOUT": "30"}, {"TIMEOUT": "30s"}, {"TIMEOUT": ""}, {"TIMEOUT": "1h1m"},
		{"RATIO": ""}, {"RATIO": "1e40"}, {"RATIO": "0.25"}, {"RATIO": "x"},
		{"HOSTS": "1;2;3"}, {"HOSTS": "1,2"}, {"HOSTS": "256"}, {"HOSTS": ""}, {"HOSTS": "1;;2"},
		{"FLAG": ""}, {"FLAG": "yes"}, {"FLAG": "T"},
	}
	for _, v := range variants {
		env := map[string]string{}
		for k, x := range base {
			env[k] = x
		}
		for k, x := range v {
			env[k] = x
		}
		for _, drop := range []string{"", "URL", "KEY"} {
			e := map[string]string{}
			var environ []string
			for k, x := range env {
				if k != drop {
					e[k] = x
					environ = append(environ, k+"="+x)
				}
			}
			sort.Strings(environ)
			var c diffConfig
			libErr := caarlos0.ParseWithOptions(&c, caarlos0.Options{Environment: e})
			fs := CheckEnv(&Component{Config: diffKeys()}, EnvFromProcess(environ), Options{})
			if (libErr == nil) != (len(fs) == 0) {
				t.Errorf("env %v: caarlos0/env says %v, envlint says %v", environ, libErr, brief(fs))
			}
		}
	}
}
