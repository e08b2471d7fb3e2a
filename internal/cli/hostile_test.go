package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/envlint/envlint/internal/parse/ctmpl"
)

// runIn runs envlint in-process with args and returns status and output.
func runIn(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }})
	for _, s := range []string{out.String(), errOut.String()} {
		if strings.Contains(s, "panic:") || strings.Contains(s, "goroutine ") {
			t.Fatalf("output contains a panic or goroutine dump:\n%s", s)
		}
	}
	return code, out.String(), errOut.String()
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const goMod = "module example.com/app\n\ngo 1.26\n"

const caarlos0Main = "package main\n\nimport \"github.com/caarlos0/env/v11\"\n\ntype Config struct {\n\tPort int `env:\"PORT\"`\n}\n\nfunc main() {\n\tvar c Config\n\t_ = env.Parse(&c)\n}\n"

// TestHostileInput runs envlint on files that many people and tools write
// oddly, and requires a clear, positioned answer and the documented status.
func TestHostileInput(t *testing.T) {
	big := strings.Repeat("x", 10<<20)
	var manyKeys strings.Builder
	for i := range 200_000 {
		manyKeys.WriteString("KEY_")
		manyKeys.WriteString(strings.Repeat("A", i%7))
		manyKeys.WriteString("=1\n")
	}
	var fiftyMB strings.Builder
	fiftyMB.WriteString(caarlos0Main + "\nvar blob = []string{\n")
	for fiftyMB.Len() < 50<<20 {
		fiftyMB.WriteString("\t\"" + strings.Repeat("a", 100) + "\",\n")
	}
	fiftyMB.WriteString("}\n")
	nested := strings.Repeat("{{ if true }}", 10_000) + "X=1\n" + strings.Repeat("{{ end }}", 10_000)
	var bigManifest strings.Builder
	bigManifest.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n")
	for i := 0; bigManifest.Len() < 50<<20; i++ {
		bigManifest.WriteString("  K" + strings.Repeat("x", 8) + string(rune('a'+i%26)) + "_" + strings.Repeat("1", i%5) + ": " + strings.Repeat("v", 100) + "\n")
	}
	aliasBomb := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\nx0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
	for i := 1; i < 12; i++ {
		aliasBomb += fmt.Sprintf("x%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	tests := []struct {
		name     string
		files    map[string]string
		args     []string
		code     int
		stdout   string // regexp that must match stdout
		stderr   string // regexp that must match stderr
		setup    func(t *testing.T, root string)
		noStdout string // regexp that must not match stdout
	}{
		{name: "binary example file", files: map[string]string{".env.example": "\x00\x01\x02\xff\xfePORT\x00=1\n", "main.go": caarlos0Main, "go.mod": goMod},
			code: 1, stdout: `(?m)^\.env\.example:1:\d+: error: .*\[parse-error\]$`},
		{name: "invalid UTF-8", files: map[string]string{".env.example": "PORT=8080\nNAME=\xff\xfe\n", "main.go": caarlos0Main, "go.mod": goMod},
			code: 1, stdout: `\[(parse-error|example-key-orphaned)\]`},
		{name: "BOM", files: map[string]string{".env.example": "\ufeffPORT=8080\n", "main.go": caarlos0Main, "go.mod": goMod},
			code: 0, stdout: `(?m)^no problems found$`},
		{name: "CRLF", files: map[string]string{".env.example": "# port\r\nPORT=8080\r\nOLD=1\r\n", "main.go": caarlos0Main, "go.mod": goMod},
			code: 1, stdout: `(?m)^\.env\.example:3:1: error: OLD is documented`},
		{name: "lone CR", files: map[string]string{".env.example": "PORT=8080\rOLD=1\r", "main.go": caarlos0Main, "go.mod": goMod},
			code: 1, stdout: `(?m)^\.env\.example:2:1: error: OLD is documented`},
		{name: "10 MB single line", files: map[string]string{".env.example": "PORT=" + big + "\n", "main.go": caarlos0Main, "go.mod": goMod},
			code: 1, stdout: `\[type-mismatch\]`, noStdout: `xxxxxxxxxx`},
		{name: "200,000 keys", files: map[string]string{".env.example": "PORT=1\n" + manyKeys.String(), "main.go": caarlos0Main, "go.mod": goMod},
			code: 1, stdout: `\[duplicate-key\]`},
		{name: "unterminated quote at end of file", files: map[string]string{".env.example": "PORT=8080\nNAME=\"hello", "main.go": caarlos0Main, "go.mod": goMod},
			code: 1, stdout: `(?m)^\.env\.example:2:\d+: error: .*\[parse-error\]$`},
		{name: "template with an unclosed action", files: map[string]string{".env.example": "PORT=1 # [VAULT]\n", "main.go": caarlos0Main, "go.mod": goMod,
			"secrets.ctmpl": "{{ with secret \"a\" }}\nPORT={{ .Data.data.PORT\n{{ end }}\n"},
			code: 1, stdout: `(?m)^secrets\.ctmpl:\d+(:\d+)?: error: .*\[template-error\]$`, noStdout: `\[vault-marker-stale\]`},
		{name: "template with 10,000 nested blocks", files: map[string]string{".env.example": "PORT=1\n", "main.go": caarlos0Main, "go.mod": goMod,
			"secrets.ctmpl": nested},
			code: 1, stdout: `secrets\.ctmpl`},
		{name: "template with a NUL byte", files: map[string]string{".env.example": "PORT=1\n", "main.go": caarlos0Main, "go.mod": goMod,
			"secrets.ctmpl": "PORT={{ .Data\x00 }}\n"},
			code: 1, stdout: `(?m)^secrets\.ctmpl:1(:\d+)?: error: .*\[template-error\]$`},
		{name: "Go syntax error", files: map[string]string{".env.example": "PORT=1\n", "go.mod": goMod,
			"main.go": "package main\n\nimport \"github.com/caarlos0/env/v11\"\n\ntype Config struct {\n\tPort int `env:\"PORT\"\n}\n\nfunc main() { var c Config; _ = env.Parse(&c) }\n"},
			code: 1, stdout: `(?m)^main\.go:\d+:\d+: error: .*\[parse-error\]$`, noStdout: `\[example-key-orphaned\]`},
		{name: "50 MB Go file", files: map[string]string{".env.example": "PORT=1\n", "go.mod": goMod, "main.go": fiftyMB.String()},
			code: 0, stdout: `(?m)^no problems found$`},
		{name: "50 MB Kubernetes manifest", files: map[string]string{".env.example": "PORT=1\n", "main.go": caarlos0Main, "go.mod": goMod, "deploy/k8s.yaml": bigManifest.String()},
			code: 1, stdout: `(?m)^deploy/k8s\.yaml:1: error: .*over envlint's 16 MiB limit per file \[parse-error\]$`},
		{name: "Kubernetes manifest alias bomb", files: map[string]string{".env.example": "PORT=1\n", "main.go": caarlos0Main, "go.mod": goMod, "deploy/k8s.yaml": aliasBomb},
			code: 1, stdout: `(?m)^deploy/k8s\.yaml:\d+: error: YAML: .*\[parse-error\]$`},
		{name: "struct embedding itself through a pointer", files: map[string]string{".env.example": "NAME=x\n", "go.mod": goMod,
			"main.go": "package main\n\nimport \"github.com/kelseyhightower/envconfig\"\n\ntype Node struct {\n\tName string\n\t*Node\n}\n\nfunc main() { var n Node; envconfig.MustProcess(\"\", &n) }\n"},
			code: 0, stdout: `\[unresolved-config\]`},
		{name: "mutually recursive structs", files: map[string]string{".env.example": "A_NAME=x\n", "go.mod": goMod,
			"main.go": "package main\n\nimport \"github.com/kelseyhightower/envconfig\"\n\ntype A struct {\n\tName string\n\tB *B\n}\n\ntype B struct{ A *A }\n\nfunc main() { var a A; envconfig.MustProcess(\"a\", &a) }\n"},
			code: 0, stdout: `\[unresolved-config\]`},
		{name: "symlink loop", files: map[string]string{".env.example": "PORT=1\n", "main.go": caarlos0Main, "go.mod": goMod},
			setup: func(t *testing.T, root string) {
				if err := os.Symlink(root, filepath.Join(root, "loop")); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink("nowhere", filepath.Join(root, "dangling.ctmpl")); err != nil {
					t.Fatal(err)
				}
			},
			code: 0, stdout: `(?m)^no problems found$`},
		{name: "invalid YAML", files: map[string]string{".envlint.yaml": "components: [\n"}, code: 2, stderr: `^envlint: \.envlint\.yaml:1: `},
		{name: "wrong types in YAML", files: map[string]string{".envlint.yaml": "components:\n  - name: a\n    ignore: 3\n"}, code: 2, stderr: `^envlint: \.envlint\.yaml:3: cannot unmarshal`},
		{name: "unknown rule in YAML", files: map[string]string{".envlint.yaml": "rules:\n  nope: off\n"}, code: 2, stderr: `^envlint: \.envlint\.yaml:2: unknown rule "nope"`},
		{name: "missing directory in YAML", files: map[string]string{".envlint.yaml": "config:\n  dir: internal/cfg\n  struct: C\n  library: cleanenv\n"},
			code: 2, stderr: `^envlint: \.envlint\.yaml:2: config dir internal/cfg: no such directory`},
		{name: "-C to a missing directory", args: []string{"-C", "/does/not/exist"}, code: 2, stderr: `^envlint: -C /does/not/exist: no such directory`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if args == nil {
				root := writeTree(t, tt.files)
				if tt.setup != nil {
					tt.setup(t, root)
				}
				args = []string{"-C", root}
			}
			code, stdout, stderr := runIn(t, args...)
			if code != tt.code {
				t.Errorf("exit status %d, want %d\nstdout:\n%.2000s\nstderr:\n%s", code, tt.code, stdout, stderr)
			}
			if tt.stdout != "" && !regexp.MustCompile(tt.stdout).MatchString(stdout) {
				t.Errorf("stdout does not match %s:\n%.2000s", tt.stdout, stdout)
			}
			if tt.noStdout != "" && regexp.MustCompile(tt.noStdout).MatchString(stdout) {
				t.Errorf("stdout matches %s:\n%.2000s", tt.noStdout, stdout)
			}
			if tt.stderr != "" && !regexp.MustCompile(tt.stderr).MatchString(stderr) {
				t.Errorf("stderr does not match %s:\n%s", tt.stderr, stderr)
			}
		})
	}
}

func TestHostile_FileVanishes(t *testing.T) {
	root := writeTree(t, map[string]string{".env.example": "PORT=1\n"})
	p := &project{root: root}
	if err := os.Remove(filepath.Join(root, ".env.example")); err != nil {
		t.Fatal(err)
	}
	ex := p.parseExample(".env.example")
	if len(ex.Errors) != 1 || !strings.Contains(ex.Errors[0].Msg, "cannot read .env.example: no such file or directory") {
		t.Fatalf("got %+v, want one positioned read error", ex.Errors)
	}
}

func TestHostile_FileTooLarge(t *testing.T) {
	root := writeTree(t, map[string]string{"secrets.ctmpl": strings.Repeat("#", maxFileSize+1)})
	p := &project{root: root}
	tm := p.parseTemplate("secrets.ctmpl", ctmpl.Options{})
	if len(tm.Errors) != 1 || !strings.Contains(tm.Errors[0].Msg, "over envlint's 16 MiB limit per file") {
		t.Fatalf("got %+v, want the size-limit error", tm.Errors)
	}
}

// failingWriter fails every write after the first n bytes, like a pipe
// whose reader went away (envlint list | head -1).
type failingWriter struct{ n int }

func (w *failingWriter) Write(b []byte) (int, error) {
	if w.n <= 0 {
		return 0, errors.New("write: broken pipe")
	}
	w.n -= len(b)
	return len(b), nil
}

func TestHostile_StdoutClosedEarly(t *testing.T) {
	root := writeTree(t, map[string]string{".env.example": "PORT=1\nA=1\nB=1\n", "main.go": caarlos0Main, "go.mod": goMod})
	var errOut bytes.Buffer
	code := run([]string{"-C", root, "list"}, &IO{In: strings.NewReader(""), Out: &failingWriter{n: 10}, ErrOut: &errOut, Getenv: func(string) string { return "" }})
	if code != ExitError || strings.Contains(errOut.String(), "panic") || !strings.Contains(errOut.String(), "broken pipe") {
		t.Fatalf("status %d, stderr %q: want 2 and one line naming the broken pipe", code, errOut.String())
	}
}
