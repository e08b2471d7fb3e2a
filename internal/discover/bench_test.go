package discover

import (
	"fmt"
	"testing"
)

// BenchmarkWalk walks a monorepo-shaped tree: 20 components and 400
// packages of 5 Go files and a README each (2,461 files in 483
// directories), with a .gitignore at the root.
func BenchmarkWalk(b *testing.B) {
	root := b.TempDir()
	files := map[string]string{".gitignore": "/bin/\n*.log\n"}
	for s := range 20 {
		dir := fmt.Sprintf("services/svc%02d", s)
		files[dir+"/.env.example"] = "PORT=8080\n"
		files[dir+"/deploy/secrets.ctmpl"] = ""
		files[dir+"/internal/config/config.go"] = "package config\n"
	}
	for p := range 400 {
		for f := range 5 {
			files[fmt.Sprintf("libs/pkg%03d/f%d.go", p, f)] = "package p\n"
		}
		files[fmt.Sprintf("libs/pkg%03d/README.md", p)] = ""
	}
	write(b, root, files)
	b.ReportAllocs()
	for b.Loop() {
		t, err := Walk(root)
		if err != nil {
			b.Fatal(err)
		}
		if len(t.GoFiles) != 2020 || len(t.Examples) != 20 {
			b.Fatalf("%d Go files, %d examples", len(t.GoFiles), len(t.Examples))
		}
	}
}
