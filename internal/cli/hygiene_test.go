package cli

import (
	"bytes"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHygieneCanary plants secret values where the repository hygiene rules
// look (a committed .env, a secret reused across services and env files, an
// infrastructure key's .envrc, a vendor token) and requires that no command,
// in no format, prints or writes any of them: not the value, not a prefix
// of it (the first 6 bytes), on stdout, stderr or in any file it writes.
func TestHygieneCanary(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("needs git")
	}
	r := rand.New(rand.NewPCG(18, 18))
	gen := func(alphabet string, n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	committed := "Qv" + gen(alnum, 30)                       // in the tracked .env
	reused := "Zw" + gen(alnum, 40)                          // in two services' examples
	envReused := "Kx" + gen(alnum, 24)                       // in two env files
	envrc := "Jy" + gen(alnum, 24)                           // exported by .envrc
	vendor := "sk-or" + "-v1-" + gen("0123456789abcdef", 64) // an OpenRouter key, built at run time
	canaries := []string{committed, reused, envReused, envrc, vendor}

	mainGo := func(keys ...string) string {
		var b strings.Builder
		b.WriteString("package main\n\nimport \"os\"\n\nfunc main() {\n")
		for _, k := range keys {
			b.WriteString("\t_ = os.Getenv(\"" + k + "\")\n")
		}
		b.WriteString("}\n")
		return b.String()
	}
	root := writeTree(t, map[string]string{
		"go.mod":                   goMod,
		".envlint.yaml":            "vault_path: secret/data/{project}/{env}/{component}\nrules:\n  vault-path-convention: error\n",
		".env":                     "DB_PASSWORD=" + committed + "\n",
		".envrc":                   "export DEPLOY_KEY=" + envrc + "\n",
		"apps/api/main.go":         mainGo("JWT_SECRET", "DEPLOY_KEY", "DB_PASSWORD", "OPENROUTER_API_KEY", "VAULT_ROOT_TOKEN"),
		"apps/api/.env.example":    "JWT_SECRET=" + reused + "\nDEPLOY_KEY=\nDB_PASSWORD= # [VAULT]\nOPENROUTER_API_KEY=" + vendor + "\nVAULT_ROOT_TOKEN=\n",
		"apps/api/secrets.ctmpl":   "{{ with secret \"secret/api\" }}\nDB_PASSWORD={{ .Data.data.pw }}\n{{ end }}\n",
		"apps/api/prod.env":        "DB_PASSWORD=" + envReused + "\nJWT_SECRET=" + envReused + "\n",
		"apps/api/staging.env":     "DB_PASSWORD=" + envReused + "\n",
		"apps/worker/main.go":      mainGo("WORKER_SECRET"),
		"apps/worker/.env.example": "WORKER_SECRET=" + reused + "\n",
	})
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"-c", "user.email=ci@example.com", "-c", "user.name=ci", "commit", "-qm", "base"}} {
		cmd := exec.Command(git, args...)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	before := snapshot(t, root)

	runs := [][]string{
		{"check"}, {"check", "--diff"}, {"check", "--new-from-rev", "HEAD"},
		{"check", "--write-baseline", "base.json"}, {"check", "--baseline", "base.json"},
		{"list"}, {"list", "--format", "json"}, {"docs"}, {"manifest", "--output", "m.json"},
		{"fix", "--dry-run", "--prune"}, {"rules"},
		{"explain", "env-file-committed"}, {"explain", "secret-reused"}, {"explain", "infra-key-in-app"}, {"explain", "vault-path-convention"},
	}
	for _, format := range []string{"text", "json", "sarif", "github", "markdown"} {
		runs = append(runs, []string{"check", "--format", format},
			[]string{"env", "--component", "apps/api", "--file", "apps/api/prod.env", "--file", "apps/api/staging.env", "--format", format})
	}
	seen := map[string]bool{}
	summary := filepath.Join(t.TempDir(), "summary.md")
	for _, args := range runs {
		for _, actions := range []bool{false, true} {
			var out, errOut bytes.Buffer
			getenv := func(k string) string {
				switch {
				case actions && k == "GITHUB_ACTIONS":
					return "true"
				case actions && k == "GITHUB_STEP_SUMMARY":
					return summary
				}
				return ""
			}
			if code := run(append([]string{"-C", root}, args...), &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: getenv}); code == ExitError {
				t.Errorf("envlint %s: exit %d, the run could not be done: %s", strings.Join(args, " "), code, errOut.String())
			}
			for _, rule := range []string{"[env-file-committed]", "[secret-reused]", "[infra-key-in-app]", "[vault-path-convention]"} {
				if strings.Contains(out.String(), rule) {
					seen[rule] = true
				}
			}
			leak(t, strings.Join(args, " ")+" stdout", out.String(), canaries)
			leak(t, strings.Join(args, " ")+" stderr", errOut.String(), canaries)
		}
	}
	if len(seen) != 4 {
		t.Errorf("the canary tree fired only %v; every hygiene rule must fire for the test to mean anything", seen)
	}
	after := snapshot(t, root)
	data, err := os.ReadFile(summary)
	if err != nil {
		t.Fatalf("no step summary written: %v", err)
	}
	after["$GITHUB_STEP_SUMMARY"] = string(data)
	for name, body := range after {
		if before[name] != body {
			leak(t, "written file "+name, body, canaries)
		}
	}
}

// leak fails the test when text holds a canary or its first 6 bytes.
func leak(t *testing.T, where, text string, canaries []string) {
	t.Helper()
	for _, c := range canaries {
		if strings.Contains(text, c[:6]) {
			t.Errorf("%s holds a planted secret (or its prefix)", where)
		}
	}
}

// snapshot reads every file below root, except git's.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files[p] = string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
