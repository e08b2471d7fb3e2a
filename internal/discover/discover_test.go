package discover

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func write(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestWalk(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		".env.example":                       "",
		".gitignore":                         "generated/\n*.gen.go\n# comment\n",
		"main.go":                            "",
		"main_test.go":                       "",
		"x.gen.go":                           "",
		"generated/a.go":                     "",
		"vendor/v/v.go":                      "",
		"node_modules/m/m.go":                "",
		"testdata/t.go":                      "",
		".git/config.go":                     "",
		"deploy/prod/secrets.ctmpl":          "",
		"apps/api/.env.sample":               "",
		"apps/api/.env.dist":                 "",
		"apps/api/internal/config/config.go": "",
		"apps/api/.gitignore":                "/local.ctmpl\n",
		"apps/api/local.ctmpl":               "",
		"apps/api/deploy/local.ctmpl":        "",
		"apps/web/prod.env.example":          "",
		"apps/web/a.env.example":             "",
	})
	if err := os.Symlink(root, filepath.Join(root, "loop")); err != nil {
		t.Fatal(err)
	}
	got, err := Walk(root)
	if err != nil {
		t.Fatal(err)
	}
	want := &Tree{
		GoFiles:   []string{"apps/api/internal/config/config.go", "main.go"},
		Templates: []string{"apps/api/deploy/local.ctmpl", "deploy/prod/secrets.ctmpl"},
		Examples: map[string]string{
			".":        ".env.example",
			"apps/api": "apps/api/.env.sample",
			"apps/web": "apps/web/a.env.example",
		},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Walk (-want +got):\n%s", d)
	}
}

func TestOwner(t *testing.T) {
	dirs := []string{".", "apps/api", "apps/api/worker", "apps/apiv2"}
	tests := map[string]string{
		"main.go":                     ".",
		"apps/api/x.go":               "apps/api",
		"apps/api/worker/deploy/a.go": "apps/api/worker",
		"apps/apiv2/a.go":             "apps/apiv2",
		"apps/apiv3/a.go":             ".",
	}
	for file, want := range tests {
		if got := Owner(file, dirs); got != want {
			t.Errorf("Owner(%q) = %q, want %q", file, got, want)
		}
	}
	if got := Owner("a/b.go", []string{"c"}); got != "" {
		t.Errorf("Owner outside every component = %q, want \"\"", got)
	}
}

func TestContains(t *testing.T) {
	tests := []struct {
		dir, file string
		want      bool
	}{
		{".", "main.go", true},
		{".", "a/b/c.go", true},
		{"apps/api", "apps/api/x.go", true},
		{"apps/api", "apps/api/deep/er/x.go", true},
		{"apps/api", "apps/apiv2/x.go", false},
		{"apps/api", "apps/api", false},
		{"apps/api", "apps/ap", false},
		{"apps/api", "apps", false},
		{"apps/api", "other/apps/api/x.go", false},
	}
	for _, tt := range tests {
		if got := Contains(tt.dir, tt.file); got != tt.want {
			t.Errorf("Contains(%q, %q) = %v, want %v", tt.dir, tt.file, got, tt.want)
		}
	}
}

func TestChartDirs(t *testing.T) {
	yamls := []string{"deploy/helm/api/Chart.yaml", "deploy/helm/api/charts/db/Chart.yaml", "deploy/helm/api/values.yaml", "deploy/helm/web/Chart.yaml", "deploy/k8s/api.yaml"}
	got := ChartDirs(yamls)
	want := []string{"deploy/helm/api", "deploy/helm/web"}
	if !slices.Equal(got, want) {
		t.Errorf("ChartDirs = %v, want %v", got, want)
	}
	for file, in := range map[string]bool{
		"deploy/helm/api/templates/deployment.yaml":    true,
		"deploy/helm/api/charts/db/templates/sts.yaml": true,
		"deploy/helm/apis/deployment.yaml":             false,
		"deploy/k8s/deployment.yaml":                   false,
	} {
		if InChart(file, got) != in {
			t.Errorf("InChart(%s) = %v, want %v", file, !in, in)
		}
	}
}
