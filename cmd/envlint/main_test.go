package main

import (
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/envlint/envlint/internal/cli"
	"github.com/envlint/envlint/internal/diff"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"envlint": main})
}

func TestScript(t *testing.T) {
	demo, err := filepath.Abs("../../testdata/demo")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "../../testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("DEMO", demo)
			env.Setenv("NO_COLOR", "")
			env.Setenv("GITHUB_ACTIONS", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": exitcode,
		},
	})
}

// exitcode N cmd args... runs cmd and asserts that it exits with status N,
// which `exec` alone cannot tell apart from other failures.
func exitcode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %v", err)
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// TestEveryRuleHasScripts requires, for every registered rule, a script
// testdata/script/rule-<id>.txtar with a case where the rule fires and one
// where it stays silent.
func TestEveryRuleHasScripts(t *testing.T) {
	for _, r := range diff.Rules() {
		data, err := os.ReadFile(filepath.Join("../../testdata/script", "rule-"+r.ID+".txtar"))
		if err != nil {
			t.Errorf("rule %s has no script: %v", r.ID, err)
			continue
		}
		escaped := regexp.QuoteMeta(`\[` + r.ID + `\]`)
		fires := regexp.MustCompile(`(?m)^stdout .*` + escaped + `|` + regexp.QuoteMeta("["+r.ID+"]"))
		silent := regexp.MustCompile(`(?m)^! stdout .*` + escaped)
		if !fires.Match(data) {
			t.Errorf("rule %s: script has no case where it fires", r.ID)
		}
		if !silent.Match(data) {
			t.Errorf("rule %s: script has no case where it stays silent (! stdout ...\\[%s\\])", r.ID, r.ID)
		}
	}
}

// fixedRules are the rules envlint fix --prune resolves.
var fixedRules = map[string]bool{
	"config-key-not-in-example": true, "example-key-orphaned": true,
	"vault-marker-missing": true, "vault-marker-stale": true,
}

// TestFixPruneEveryRepo runs fix --prune on every testdata repository (the
// demo and the repository of every script) and requires that check then
// reports none of the rules fix resolves, and that a second fix has nothing
// left to do.
func TestFixPruneEveryRepo(t *testing.T) {
	scripts, err := filepath.Glob("../../testdata/script/*.txtar")
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	repos := map[string]func(t *testing.T) string{"demo": func(t *testing.T) string { return copyDir(t, "../../testdata/demo") }}
	for _, s := range scripts {
		repos[filepath.Base(s)] = func(t *testing.T) string { return extract(t, s) }
	}
	for name, make := range repos {
		t.Run(name, func(t *testing.T) {
			dir := make(t)
			if code, _, errOut := envlint(dir, "fix", "--prune"); code == 2 {
				t.Skipf("not a repository envlint can run in: %s", errOut)
			}
			code, out, errOut := envlint(dir, "check", "--format", "json", "--fail-on", "never")
			if code == 2 {
				t.Skipf("no repository to check: %s", errOut)
			}
			var rep struct {
				Findings []struct{ Rule, Key, File string }
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("check --format json: %v\n%s", err, out)
			}
			for _, f := range rep.Findings {
				if fixedRules[f.Rule] {
					t.Errorf("after fix --prune: %s %s in %s", f.Rule, f.Key, f.File)
				}
			}
			// A broken example is left alone and keeps the status at 1 (#15).
			if code, out, _ := envlint(dir, "fix", "--prune", "--dry-run"); code != 0 &&
				!(code == 1 && strings.Contains(out, "fix the syntax errors above first") && !strings.Contains(out, "\n+++ ")) {
				t.Errorf("a second fix would still change something (exit %d):\n%s", code, out)
			}
		})
	}
}

func envlint(dir string, args ...string) (int, string, string) {
	var out, errOut strings.Builder
	code := cli.Main(append([]string{"-C", dir}, args...), strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// extract writes a script's files into a temporary repository.
func extract(t *testing.T, script string) string {
	t.Helper()
	ar, err := txtar.ParseFile(script)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if !strings.HasPrefix(p, dir) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
