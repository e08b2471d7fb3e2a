package gostruct

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGraph(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"go.work":                "go 1.26\n\nuse (\n\t.\n\t./lib\n)\n",
		"go.mod":                 "module example.com/app\n\ngo 1.26\n",
		"cmd/api/main.go":        "package main\n\nimport (\n\t\"os\"\n\t\"example.com/app/internal/config\"\n\t\"example.com/lib/log\"\n\t\"github.com/caarlos0/env/v11\"\n)\n\nfunc main() {}\n",
		"cmd/api/extra.go":       "package main\n",
		"internal/config/c.go":   "package config\n\nimport \"example.com/app/internal/shared\"\n",
		"internal/shared/s.go":   "package shared\n",
		"internal/testutil/t.go": "package testutil\n\nimport \"example.com/app/internal/shared\"\n",
		"tools/gen.go":           "//go:build ignore\n\npackage main\n",
		"broken/b.go":            "package broken\n\nimport (\n",
		"lib/go.mod":             "module example.com/lib\n\ngo 1.26\n",
		"lib/log/log.go":         "package log\n\nimport \"example.com/app/internal/shared\"\n",
	}
	var goFiles []string
	for name, body := range files {
		writeFile(t, root, name, body)
		if filepath.Ext(name) == ".go" {
			goFiles = append(goFiles, name)
		}
	}
	g := Graph(root, goFiles)
	if d := cmp.Diff([]string{"cmd/api"}, g.Mains()); d != "" {
		t.Errorf("Mains (-want +got):\n%s", d)
	}
	reach := g.Reach("cmd/api")
	if d := cmp.Diff([]string{"cmd/api", "internal/config", "internal/shared", "lib/log"}, reach); d != "" {
		t.Errorf("Reach (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"cmd/api/extra.go", "cmd/api/main.go", "internal/config/c.go", "internal/shared/s.go", "lib/log/log.go"}, g.Files(reach)); d != "" {
		t.Errorf("Files (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"github.com/caarlos0/env/v11"}, g.External(reach)); d != "" {
		t.Errorf("External (-want +got):\n%s", d)
	}
	// A file that does not parse stays in its package, for the reader to report.
	if d := cmp.Diff([]string{"broken/b.go"}, g.Files([]string{"broken"})); d != "" {
		t.Errorf("Files(broken) (-want +got):\n%s", d)
	}
}
