package diff

import (
	"testing"

	"github.com/envlint/envlint/internal/lint"
)

func TestRealEnvFile(t *testing.T) {
	for _, tt := range []struct {
		rel  string
		want bool
	}{
		{".env", true},
		{"apps/api/.env.local", true},
		{"apps/api/.env.production", true},
		{".env.production.local", true},
		{".env-staging", true},
		{".env.keys", true},
		{".env.example", false},
		{".env.sample", false},
		{".env.dist", false},
		{".env.template", false},
		{".env-example", false},
		{".env.staging.example", false},
		{".env.production-example", false},
		{".env.local.template", false},
		{".env.vault", false},
		{".env.enc", false},
		{"env.sample", false},
		{"app.example.env", false},
		{".envrc", false},
		{".environment", false},
		{"prod.env", false},
		{"internal/x/testdata/.env", false},
		{"vendor/github.com/x/.env", false},
		{"web/node_modules/pkg/.env", false},
	} {
		if got := realEnvFile(tt.rel); got != tt.want {
			t.Errorf("realEnvFile(%q) = %v, want %v", tt.rel, got, tt.want)
		}
	}
}

func TestVaultPathMismatch(t *testing.T) {
	const conv = "secret/data/{project}/{env}/{component}"
	env := []string{`env "ENV"`}
	for _, tt := range []struct {
		path string
		args []string
		want string
	}{
		{"secret/data/acme/production/api", nil, ""},
		{"secret/data/acme/%s/api", env, ""},
		{"secret/data/acme/%s/api", []string{`env "APP_ENV"`}, ""},
		{"secret/data/acme/%v/api", []string{`env "DEPLOY_ENVIRONMENT"`}, ""},
		{"secret/data/acme/%s/api", []string{`env "HOSTNAME"`}, `{env} is filled by something other than env "ENV"`},
		{"secret/data/acme/%s/api", []string{`$env`}, `{env} is filled by something other than env "ENV"`},
		{"secret/data/acme/blue/api", nil, `{env} is "blue", not an environment name`},
		{"secret/data/acme/prod/worker", nil, `{component} is "worker", not api`},
		{"secret/data/%s/prod/api", []string{`env "PROJECT"`}, "{project} is computed; write the project's name"},
		{"secret/data/acme/prod-%s/api", env, "{env} is partly computed"},
		{"secret/api", nil, "the path has another shape"},
		{"kv/data/acme/prod/api", nil, "the path has another shape"},
	} {
		got := vaultPathMismatch(conv, lint.SecretRef{Path: tt.path, PathArgs: tt.args}, "apps/api")
		if got != tt.want {
			t.Errorf("vaultPathMismatch(%q, %q) = %q, want %q", tt.path, tt.args, got, tt.want)
		}
	}
}
