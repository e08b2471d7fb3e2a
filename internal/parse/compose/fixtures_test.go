package compose

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/template"
	"github.com/compose-spec/compose-go/v2/types"
	"golang.org/x/tools/txtar"

	"github.com/envlint/envlint/internal/discover"
)

// TestFixturesLoad loads every compose project of the end-to-end fixtures
// (testscript archives and the demo) with compose-go's own loader, so that
// a fixture compose would reject fails the suite. Variables are set to "0"
// (compose's own ExtractVariables names them), env files are not required:
// a deployed template may render them. Fixtures about parse errors may
// hold projects compose rejects: envlint must then report an error too.
func TestFixturesLoad(t *testing.T) {
	dirs := map[string]string{"demo": "../../../testdata/demo"}
	scripts, _ := filepath.Glob("../../../testdata/script/*.txtar")
	for _, s := range scripts {
		a, err := txtar.ParseFile(s)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(a.Files, func(f txtar.File) bool { return discover.DeployKind(path.Base(f.Name)) == "compose" }) {
			continue
		}
		dirs[filepath.Base(s)] = extract(t, s)
	}
	n := 0
	for name, dir := range dirs {
		byDir := map[string][]string{}
		_ = filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() && discover.DeployKind(fi.Name()) == "compose" {
				byDir[filepath.Dir(p)] = append(byDir[filepath.Dir(p)], fi.Name())
			}
			return nil
		})
		for d, names := range byDir {
			for _, files := range Projects(names) {
				n++
				t.Run(name+"/"+files[len(files)-1], func(t *testing.T) {
					details := types.ConfigDetails{WorkingDir: d, Environment: map[string]string{}}
					for _, f := range files {
						details.ConfigFiles = append(details.ConfigFiles, types.ConfigFile{Filename: filepath.Join(d, f)})
					}
					broken := strings.Contains(name, "parse-error")
					model, err := loader.LoadModelWithContext(context.Background(), details, func(o *loader.Options) {
						o.SetProjectName("fixture", true)
						o.SkipInterpolation = true
						o.SkipValidation = true
					})
					if err != nil {
						if broken && len(Load(d, files, nil).Errors) > 0 {
							return
						}
						t.Fatalf("compose cannot read the fixture: %v", err)
					}
					// Variables stand in as envlint's reader has them.
					var err2 error
					for _, stand := range standIns {
						for v := range template.ExtractVariables(model, template.DefaultPattern) {
							details.Environment[v] = stand
						}
						if _, err2 = loader.LoadWithContext(context.Background(), details, func(o *loader.Options) {
							o.SetProjectName("fixture", true)
							o.Profiles = []string{"*"}
							o.SkipResolveEnvironment = true
						}); err2 == nil {
							break
						}
					}
					if err := err2; err != nil {
						if broken && len(Load(d, files, nil).Errors) > 0 {
							return
						}
						t.Fatalf("compose rejects the fixture: %v", err)
					}
				})
			}
		}
	}
	if n < 6 {
		t.Fatalf("loaded only %d compose fixtures", n)
	}
}
