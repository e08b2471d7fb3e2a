package compose

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/template"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/envlint/envlint/internal/discover"
	"github.com/envlint/envlint/internal/lint"
)

// extract writes a txtar fixture to a temporary directory.
func extract(t testing.TB, file string) string {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range a.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// project finds the compose files at the root of dir, as the CLI does, and
// reads the .env next to them with compose's own dotenv reader.
func project(t testing.TB, dir string) ([]string, map[string]string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		if discover.DeployKind(e.Name()) == "compose" {
			names = append(names, e.Name())
		}
	}
	ps := Projects(names)
	if len(ps) == 0 {
		t.Fatalf("no compose file in %s", dir)
	}
	env := map[string]string{}
	if _, err := os.Stat(filepath.Join(dir, ".env")); err == nil {
		e, err := dotenv.GetEnvFromFile(map[string]string{}, []string{filepath.Join(dir, ".env")})
		if err != nil {
			t.Fatal(err)
		}
		env = e
	}
	return ps[0], env
}

// oracle loads the project with compose-go as `docker compose config`
// does: every profile, env files resolved into environment.
func oracle(dir string, files []string, env map[string]string) (*types.Project, error) {
	details := types.ConfigDetails{WorkingDir: dir, Environment: env}
	for _, f := range files {
		details.ConfigFiles = append(details.ConfigFiles, types.ConfigFile{Filename: filepath.Join(dir, f)})
	}
	return loader.LoadWithContext(context.Background(), details, func(o *loader.Options) {
		o.SetProjectName("oracle", true)
		o.Profiles = []string{"*"}
	})
}

// rejected reports whether envlint's reading says `compose up` fails: an
// error, or an env file compose requires that cannot be read.
func rejected(f *lint.DeployFile) bool {
	for _, t := range f.Targets {
		for _, u := range t.Unread {
			if u.Required {
				return true
			}
		}
	}
	return len(f.Errors) > 0
}

// TestAgainstCompose compares envlint's reading of every fixture with what
// compose-go resolves: the same services, the same environment keys (env
// files included), the same literal values, the same build args; a fixture
// compose rejects is an error for envlint too.
func TestAgainstCompose(t *testing.T) {
	fixtures, _ := filepath.Glob("testdata/*.txtar")
	for _, fx := range fixtures {
		t.Run(filepath.Base(fx), func(t *testing.T) {
			dir := extract(t, fx)
			files, env := project(t, dir)
			got := Load(dir, files, env)
			want, err := oracle(dir, files, env)
			if err != nil {
				if !rejected(got) {
					t.Fatalf("compose rejects the fixture (%v) but envlint reports no error", err)
				}
				return
			}
			if len(got.Errors) > 0 {
				t.Fatalf("compose loads the fixture but envlint reports %v", got.Errors)
			}
			var gotNames, wantNames []string
			for _, tg := range got.Targets {
				gotNames = append(gotNames, strings.TrimPrefix(tg.Name, files[0]+"#"))
			}
			for n := range want.Services {
				wantNames = append(wantNames, n)
			}
			slices.Sort(wantNames)
			if d := cmp.Diff(wantNames, gotNames); d != "" {
				t.Fatalf("services (-compose +envlint):\n%s", d)
			}
			for _, tg := range got.Targets {
				svc := want.Services[strings.TrimPrefix(tg.Name, files[0]+"#")]
				keys := map[string]bool{}
				for _, k := range tg.Keys {
					keys[k.Name] = true
					if k.Source == lint.SourceLiteral {
						if v := svc.Environment[k.Name]; v == nil || *v != k.Value {
							t.Errorf("%s: %s: value differs from compose's", tg.Name, k.Name)
						}
					}
				}
				if d := cmp.Diff(slices.Sorted(maps.Keys(svc.Environment)), slices.Sorted(maps.Keys(keys))); d != "" {
					t.Errorf("%s: environment keys (-compose +envlint):\n%s", tg.Name, d)
				}
				var args []string
				for _, a := range tg.BuildArgs {
					args = append(args, a.Name)
				}
				var wantArgs []string
				if svc.Build != nil {
					wantArgs = slices.Sorted(maps.Keys(svc.Build.Args))
				}
				if d := cmp.Diff(wantArgs, args); d != "" {
					t.Errorf("%s: build args (-compose +envlint):\n%s", tg.Name, d)
				}
			}
		})
	}
}

func TestPositions(t *testing.T) {
	dir := extract(t, "testdata/basic.txtar")
	files, env := project(t, dir)
	got := Load(dir, files, env)
	if len(got.Errors) > 0 {
		t.Fatal(got.Errors)
	}
	pos := map[string]string{}
	for _, tg := range got.Targets {
		pos[tg.Name] = tg.Pos.String() + " " + tg.Context
		for _, k := range tg.Keys {
			pos[tg.Name+" "+k.Name] = k.Pos.String() + " " + string(k.Source)
		}
		for _, a := range tg.BuildArgs {
			pos[tg.Name+" arg "+a.Name] = a.Pos.String()
		}
	}
	want := map[string]string{
		"compose.yaml#api":                  "compose.yaml:2:3 apps/api",
		"compose.yaml#api DATABASE_URL":     "compose.yaml:8:7 literal",
		"compose.yaml#api LOG_LEVEL":        "compose.override.yaml:4:7 literal",
		"compose.yaml#api API_TOKEN":        "compose.yaml:10:7 interpolation",
		"compose.yaml#api PASSTHROUGH":      "compose.yaml:11:7 interpolation",
		"compose.yaml#api EXTRA":            "compose.override.yaml:5:7 interpolation",
		"compose.yaml#api REDIS_URL":        "apps/api/.env.compose:2:1 env_file",
		"compose.yaml#api FEATURE_X":        "apps/api/.env.compose:3:1 env_file",
		"compose.yaml#api arg GIT_SHA":      "compose.yaml:6:9",
		"compose.yaml#worker":               "compose.yaml:14:3 apps/worker",
		"compose.yaml#worker QUEUE":         "compose.yaml:20:9 literal",
		"compose.yaml#worker REGION":        "compose.yaml:21:9 interpolation",
		"compose.yaml#worker BARE":          "compose.yaml:22:9 interpolation",
		"compose.yaml#worker FROM_BASE":     "base.yaml:5:7 literal",
		"compose.yaml#db":                   "compose.yaml:24:3 ",
		"compose.yaml#db POSTGRES_PASSWORD": "compose.yaml:27:7 literal",
	}
	if d := cmp.Diff(want, pos); d != "" {
		t.Errorf("positions (-want +got):\n%s", d)
	}
	var interp []string
	for _, v := range got.Interpolations {
		s := v.Pos.String() + " " + v.Name
		if v.Default {
			s += " default"
		}
		if v.Required {
			s += " required"
		}
		interp = append(interp, s)
	}
	wantInterp := []string{
		"compose.yaml:6:18 GIT_SHA default",
		"compose.yaml:9:18 LOG_LEVEL default",
		"compose.yaml:10:18 API_TOKEN required",
		"compose.yaml:21:16 AWS_REGION",
		"compose.override.yaml:5:15 EXTRA_A",
		"compose.override.yaml:5:26 EXTRA_B default",
	}
	if d := cmp.Diff(wantInterp, interp); d != "" {
		t.Errorf("interpolations (-want +got):\n%s", d)
	}
}

// TestVariablesAgainstCompose compares the references envlint finds in a
// value with compose's own ExtractVariables.
func TestVariablesAgainstCompose(t *testing.T) {
	for _, s := range []string{
		"plain", "$A", "${A}", "${A:-d}", "${A-d}", "${A:?e}", "${A?e}", "${A:+p}", "${A+p}",
		"$$A", "$${A}", "x${A}y$B", "${A:-${B}}", "${A:-${B:-${C}}}", "${A:?${B}}", "${A}${B:-c}",
		"${a_b1}", "$1", "${A:-}", "pre-$A-post", "${A:-x}}", "$$$A",
	} {
		want := template.ExtractVariables(map[string]any{"v": s}, template.DefaultPattern)
		got := map[string]template.Variable{}
		for _, v := range Variables(s) {
			e := got[v.Name]
			e.Name = v.Name
			e.Required = e.Required || v.Required
			got[v.Name] = e
		}
		for k, v := range want {
			want[k] = template.Variable{Name: v.Name, Required: v.Required}
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%q (-compose +envlint):\n%s", s, d)
		}
	}
}

// TestErrorsHideValues checks that a rejection never shows a value from the
// compose file or from the .env file it interpolates.
func TestErrorsHideValues(t *testing.T) {
	for fx, secret := range map[string]string{
		"testdata/rejected.txtar":           "hunter2-very-secret",
		"testdata/env-value-in-error.txtar": "s3cr3t-value",
	} {
		dir := extract(t, fx)
		files, env := project(t, dir)
		got := Load(dir, files, env)
		if len(got.Errors) == 0 {
			t.Fatalf("%s: compose accepts the fixture", fx)
		}
		for _, e := range got.Errors {
			if strings.Contains(e.Msg, secret) || strings.Contains(e.Msg, dir) {
				t.Errorf("%s: message shows a value or the absolute path: %s", fx, e.Msg)
			}
		}
	}
}
