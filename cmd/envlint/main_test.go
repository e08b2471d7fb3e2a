package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

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
