package gostruct

import (
	"testing"

	envv6 "github.com/caarlos0/env/v6"
)

// v6DB and v6Config mirror the source given to Read below.
type v6DB struct {
	Host string `env:"HOST"`
}

type v6Config struct {
	DB v6DB `envPrefix:"DB_"`
}

// TestDiff_Caarlos0V6NoEnvPrefix holds envlint to caarlos0/env v6.7.2, which
// predates envPrefix: a nested struct is read with its parent's prefix.
func TestDiff_Caarlos0V6NoEnvPrefix(t *testing.T) {
	t.Setenv("HOST", "plain")
	t.Setenv("DB_HOST", "prefixed")
	var c v6Config
	if err := envv6.Parse(&c); err != nil {
		t.Fatal(err)
	}
	if c.DB.Host != "plain" {
		t.Fatalf("caarlos0/env v6.7.2 read %q; this test expects the library to ignore envPrefix", c.DB.Host)
	}
	dir := t.TempDir()
	writeFile(t, dir, "go.mod", "module example.com/m\n\ngo 1.22\n\nrequire github.com/caarlos0/env/v6 v6.7.2\n")
	writeFile(t, dir, "main.go", `package main

import "github.com/caarlos0/env/v6"

type DB struct {
	Host string `+"`env:\"HOST\"`"+`
}

type Config struct {
	DB DB `+"`envPrefix:\"DB_\"`"+`
}

func main() {
	var c Config
	_ = env.Parse(&c)
}
`)
	cfg := Read(dir, []string{"main.go"}, nil, Options{})
	var names []string
	for _, k := range cfg.Keys {
		names = append(names, k.Name)
	}
	if len(names) != 1 || names[0] != "HOST" {
		t.Errorf("envlint reads %v, the library reads [HOST]", names)
	}
	if len(cfg.IneffectiveTags) != 1 {
		t.Errorf("want envPrefix reported as ineffective, got %v", cfg.IneffectiveTags)
	}
}
