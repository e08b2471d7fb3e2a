package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// hostileDir is a directory name a pull request can commit: a line break
// followed by workflow commands, an ANSI escape and a bidi override.
const hostileDir = "svc\n::error file=x::pwned\n::stop-commands::t0k\x1b[2J\u202e"

// hostileKey is a key from a struct tag: Go's interpreted strings make any
// byte possible.
const hostileMain = "package main\n\nimport \"github.com/caarlos0/env/v11\"\n\ntype Config struct {\n" +
	"\tPort int `env:\"PORT\"`\n" +
	"\tEvil string \"env:\\\"EVIL\\x1b]8;;http://x\\x07\\u202eKEY\\\"\"\n}\n\nfunc main() {\n\tvar c Config\n\t_ = env.Parse(&c)\n}\n"

// TestInjection_EveryFormat: no path, key or message from the repository
// reaches the output as a raw control character, bidi override or line
// break, so nothing envlint prints can drive a terminal or start a GitHub
// workflow command (#15 items 6 and 7).
func TestInjection_EveryFormat(t *testing.T) {
	root := writeTree(t, map[string]string{
		hostileDir + "/.env.example":      "PORT=1\n",
		"c/.env.example":                  "PORT=1\nORPHAN\x1b[31m=1\n",
		hostileDir + "/main.go":           hostileMain,
		hostileDir + "/go.mod":            goMod,
		"c/main.go":                       caarlos0Main,
		"c/go.mod":                        goMod,
		"::stop-commands::a/main.go":      caarlos0Main,
		"::stop-commands::a/go.mod":       goMod,
		"##[error]b/main.go":              caarlos0Main,
		"##[error]b/go.mod":               goMod,
		"::stop-commands::a/.env.example": "ORPHAN=1\n",
		"##[error]b/.env.example":         "ORPHAN=1\n",
	})
	raw := regexp.MustCompile("[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]")
	rawC0 := regexp.MustCompile("[\x00-\x08\x0b-\x1f]")
	for _, args := range [][]string{
		{"check"}, {"check", "--format", "github"}, {"check", "--format", "markdown"},
		{"check", "--format", "json"}, {"check", "--format", "sarif"}, {"check", "--diff"},
		{"list"}, {"fix", "--dry-run", "--prune"}, {"docs", "--check", "-o", "env.md"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, stdout, stderr := runIn(t, append([]string{"-C", root}, args...)...)
			re := raw
			if f := args[len(args)-1]; f == "json" || f == "sarif" {
				re = rawC0 // JSON escapes C0 itself; a bidi character is valid JSON text
			}
			for name, out := range map[string]string{"stdout": stdout, "stderr": stderr} {
				if m := re.FindString(out); m != "" {
					t.Errorf("%s holds a raw %q:\n%s", name, m, out)
				}
				for line := range strings.Lines(out) {
					if args[len(args)-1] == "github" && regexp.MustCompile(`^::(error|warning|notice) `).MatchString(line) {
						continue
					}
					if strings.HasPrefix(line, "::") || strings.HasPrefix(line, "##[") {
						t.Errorf("%s line reads as a workflow command: %q", name, line)
					}
				}
			}
		})
	}
	// The text format shows what was escaped.
	_, stdout, _ := runIn(t, "-C", root, "check")
	for _, want := range []string{
		`svc\n::error file=x::pwned\n::stop-commands::t0k\x1b[2J\u202e/main.go:7:2: error: EVIL\x1b]8;;http://x\x07\u202eKEY is read`,
		`c/.env.example:2:7: error: unexpected character "\x1b"`,
		"./::stop-commands::a/.env.example:1:", "./##[error]b/.env.example:1:",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("text output lacks %q:\n%s", want, stdout)
		}
	}
}

// TestUnreadableSubdirectory: one directory envlint may not list stops the
// run with exit 2 and a message naming it relative to the root, never an
// absolute path.
func TestUnreadableSubdirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every directory")
	}
	root := writeTree(t, map[string]string{".env.example": "PORT=1\n", "main.go": caarlos0Main, "go.mod": goMod, "secret/x/a.go": "package x\n"})
	if err := os.Chmod(filepath.Join(root, "secret", "x"), 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(root, "secret", "x"), 0o755) })
	code, _, stderr := runIn(t, "-C", root)
	if code != ExitError || !strings.Contains(stderr, "cannot list directory secret/x: permission denied") || strings.Contains(stderr, root) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestInit_NamesWriteNoYAML: init writes every name it found, but a file
// or directory name with line breaks cannot add keys to .envlint.yaml
// (#15 item 8).
func TestInit_NamesWriteNoYAML(t *testing.T) {
	evil := "evil\nrules:\n  config-key-not-in-example: off\n#"
	root := writeTree(t, map[string]string{
		"svc/.env.example":                 "PORT=1\n",
		"svc/main.go":                      caarlos0Main,
		"go.mod":                           goMod,
		evil + ".ctmpl":                    "X=1\n",
		"svc/" + evil + "/secrets.ctmpl":   "PORT=1\n",
		"svc/cfg\n  - name: injected/c.go": "package cfg\n",
	})
	if code, _, stderr := runIn(t, "-C", root, "init"); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(root, ".envlint.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("init wrote invalid YAML: %v\n%s", err, data)
	}
	if _, ok := doc["rules"]; ok {
		t.Errorf("a file name added rules: to .envlint.yaml:\n%s", data)
	}
	if cs, _ := doc["components"].([]any); len(cs) != 1 {
		t.Errorf("components = %v, want the one discovered:\n%s", doc["components"], data)
	}
	if !strings.Contains(string(data), `#   evil\nrules:\n  config-key-not-in-example: off\n#.ctmpl`) {
		t.Errorf("the unassigned template is not named, escaped:\n%s", data)
	}
}

// TestEnv_ProcessNamesEscaped: a variable name from the process
// environment reaches the terminal escaped (#15 item 7).
func TestEnv_ProcessNamesEscaped(t *testing.T) {
	prefixed := strings.Replace(caarlos0Main, "_ = env.Parse(&c)", `_ = env.ParseWithOptions(&c, env.Options{Prefix: "APP_"})`, 1)
	root := writeTree(t, map[string]string{".env.example": "APP_PORT=1\n", "main.go": prefixed, "go.mod": goMod,
		".envlint.yaml": "rules:\n  env-unknown: warning\n"})
	for _, format := range []string{"text", "github", "markdown"} {
		var out, errOut strings.Builder
		run([]string{"-C", root, "env", "--format", format}, &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut,
			Getenv:  func(string) string { return "" },
			Environ: func() []string { return []string{"APP_PORT=1", "APP_PORT\x1b]0;pwned\x07\u202eX=CANARY"} }})
		for _, s := range []string{out.String(), errOut.String()} {
			if strings.ContainsAny(s, "\x1b\x07\u202e") || strings.Contains(s, "CANARY") {
				t.Errorf("%s: raw control characters or the value in output:\n%q", format, s)
			}
		}
		if format == "text" && !strings.Contains(out.String(), `APP_PORT\x1b]0;pwned\x07\u202eX`) {
			t.Errorf("text: the name is not shown escaped:\n%s", out.String())
		}
	}
}
