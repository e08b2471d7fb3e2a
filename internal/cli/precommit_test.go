package cli

import (
	"os"
	"regexp"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/envlint/envlint/internal/discover"
)

// TestPreCommitHooks_CoverDiscovery: each hook in .pre-commit-hooks.yaml runs
// when any file discovery reads is staged (pre-commit matches `files` with
// Python's re.search on the slash path; this pattern is valid RE2 too), and
// not for unrelated files.
func TestPreCommitHooks_CoverDiscovery(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string `yaml:"id"`
		Language      string `yaml:"language"`
		Files         string `yaml:"files"`
		PassFilenames *bool  `yaml:"pass_filenames"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	// Every example name of discovery, the second round's names (SPEC.md),
	// and the other files that change a result.
	staged := append([]string{}, discover.ExampleNames...)
	staged = append(staged,
		"api.env.example", ".env-example", "env.sample", ".env.staging.example", ".env.staging-example",
		"api.example.env", ".env.prod.template", ".env.prod.sample", ".env", ".env.local",
		"main.go", "internal/config/config.go", "deploy/prod/secrets.ctmpl", "settings.py",
		"go.mod", "go.work", ".envlint.yaml", ".envlint.yml",
		// The deploy layer.
		"docker-compose.yml", "compose.override.yaml", "Dockerfile", "Dockerfile.worker", "api.Dockerfile",
		"deploy/k8s/api.yaml", "deploy/helm/api/Chart.yaml", "deploy/helm/api/templates/_helpers.tpl",
		"deploy/helm/api/values-production.yaml", "overlays/prod/kustomization.yml", "base/Kustomization",
		"deploy/api.nomad.hcl", "deploy/api.nomad", "vault/agent.hcl", ".gitignore")
	var nested []string
	for _, s := range staged {
		nested = append(nested, "apps/api/"+s)
	}
	staged = append(staged, nested...)
	unrelated := []string{"README.md", "docs/env.md", "Makefile", "web/app.tsx", "environment.txt", "apps/envoy.json", "go.sum", "dockerfiles.md"}

	langs := map[string]bool{}
	for _, h := range hooks {
		langs[h.Language] = true
		if h.PassFilenames == nil || *h.PassFilenames {
			t.Errorf("%s: pass_filenames must be false (envlint reads the whole repository)", h.ID)
		}
		re, err := regexp.Compile(h.Files)
		if err != nil {
			t.Fatalf("%s: files: %v", h.ID, err)
		}
		for _, f := range staged {
			if !re.MatchString(f) {
				t.Errorf("%s: staging %s does not run the hook", h.ID, f)
			}
		}
		for _, f := range unrelated {
			if re.MatchString(f) {
				t.Errorf("%s: staging %s runs the hook", h.ID, f)
			}
		}
	}
	if !langs["golang"] || !langs["system"] {
		t.Errorf("hook languages %v: want a golang hook and a system one", langs)
	}
}
