package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// genTree writes a benchgen monorepo into a temporary directory and plants
// drift in it, so that the runs compared below have findings to order.
func genTree(t testing.TB, services, unrelated int) string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to run benchgen:", err)
	}
	dir := filepath.Join(t.TempDir(), "mono")
	cmd := exec.Command(goCmd, "run", "../benchgen", "-out", dir,
		"-services", fmt.Sprint(services), "-unrelated", fmt.Sprint(unrelated), "-files", "3")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("benchgen: %v\n%s", err, out)
	}
	add := func(rel, text string) {
		name := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(name, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(text); err != nil {
			t.Fatal(err)
		}
	}
	for s := 0; s < services; s += 3 {
		svc := fmt.Sprintf("services/svc%03d", s)
		add(svc+"/.env.example", "LEGACY_URL=https://old.example\nPORT=1\n")
		add(svc+"/deploy/secrets.ctmpl", "STRAY={{ env \"STRAY\" }}\n")
		// Getenv reads spread over several files of one service, and a
		// syntax error in a file that reads the environment.
		for i := range 3 {
			add(fmt.Sprintf("%s/cmd/svc%03d/extra%d.go", svc, s, i), fmt.Sprintf(
				"package main\n\nimport \"os\"\n\nvar V%d = os.Getenv(\"UNDOCUMENTED_%d\")\n", i, i))
		}
	}
	add("services/svc000/cmd/svc000/broken.go", "package main\n\nimport \"os\"\n\nfunc F() { os.Getenv(\"X\") \n")
	return dir
}

// checkOutput runs `envlint check` in-process with GOMAXPROCS set to procs.
func checkOutput(t *testing.T, procs int, args ...string) string {
	t.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	var out, errOut bytes.Buffer
	code := run(args, &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }})
	return fmt.Sprintf("exit %d\n--- stdout\n%s--- stderr\n%s", code, out.String(), errOut.String())
}

// TestDeterminism_GOMAXPROCS holds envlint to the same bytes whatever the
// parallelism of discovery and parsing, and from one run to the next.
func TestDeterminism_GOMAXPROCS(t *testing.T) {
	dir := genTree(t, 12, 120)
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			args := []string{"-C", dir, "check", "--format", format}
			want := checkOutput(t, 1, args...)
			if !strings.HasPrefix(want, "exit 1\n") || !strings.Contains(want, "UNDOCUMENTED_2") ||
				!strings.Contains(want, "LEGACY_URL") || !strings.Contains(want, "svc000/broken.go") {
				t.Fatalf("planted drift not all reported:\n%s", want)
			}
			for _, procs := range []int{8, 2, 8, 1} {
				if got := checkOutput(t, procs, args...); got != want {
					t.Errorf("GOMAXPROCS=%d differs from GOMAXPROCS=1 (-want +got):\n%s", procs, cmp.Diff(want, got))
				}
			}
		})
	}
}

// BenchmarkCheck runs the whole check pipeline over a generated monorepo
// of about 1,300 Go files with planted drift.
func BenchmarkCheck(b *testing.B) {
	dir := genTree(b, 20, 400)
	b.ReportAllocs()
	for b.Loop() {
		var out, errOut bytes.Buffer
		if code := run([]string{"-C", dir, "check"}, &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}); code != ExitFindings {
			b.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
		}
	}
}
