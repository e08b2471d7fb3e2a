package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse_Hygiene(t *testing.T) {
	f, err := Parse(".envlint.yaml", []byte("infra: [\"*_ROOT_TOKEN\", DEPLOY_*]\nvault_path: secret/data/{project}/{env}/{component}\n"), known)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"*_ROOT_TOKEN", "DEPLOY_*"}, f.InfraGlobs()); d != "" {
		t.Errorf("infra (-want +got):\n%s", d)
	}
	if f.VaultPath != "secret/data/{project}/{env}/{component}" {
		t.Errorf("vault_path = %q", f.VaultPath)
	}
	f, err = Parse(".envlint.yaml", []byte("rules: {}\n"), known)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(DefaultInfra, f.InfraGlobs()); d != "" {
		t.Errorf("default infra (-want +got):\n%s", d)
	}
	f, err = Parse(".envlint.yaml", []byte("infra: []\n"), known)
	if err != nil || len(f.InfraGlobs()) != 0 {
		t.Errorf("infra: [] = %v, %v; want none", f.InfraGlobs(), err)
	}
}

func TestParse_HygieneErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"rules: {}\ninfra: [\"[A-\"]\n", ".envlint.yaml:2: infra: \"[A-\" is not a valid glob"},
		{"vault_path: secret/{team}/{env}\n", ".envlint.yaml:1: vault_path: unknown placeholder {team}"},
		{"vault_path: secret/{env/x\n", ".envlint.yaml:1: vault_path: unbalanced brace"},
		{"infra: DEPLOY_*\n", ".envlint.yaml:1:"},
	} {
		_, err := Parse(".envlint.yaml", []byte(tc.src), known)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v; want %s...", tc.src, err, tc.want)
		}
	}
}
