package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/envlint/envlint/internal/lint"
)

// The expectations follow escapeData and escapeProperty in @actions/core
// (packages/core/src/command.ts).
func TestEscapeData(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"100%", "100%25"},
		{"%0A is not a newline", "%250A is not a newline"},
		{"a\nb", "a%0Ab"},
		{"a\r\nb", "a%0D%0Ab"},
		{"a\rb", "a%0Db"},
		{"key: a, b", "key: a, b"},
		{"::error::injected", "::error::injected"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := escapeData(tc.in); got != tc.want {
			t.Errorf("escapeData(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEscapeProperty(t *testing.T) {
	tests := []struct{ in, want string }{
		{"deploy/app.ctmpl", "deploy/app.ctmpl"},
		{"prod, eu: west/a b.env", "prod%2C eu%3A west/a b.env"},
		{"100%", "100%25"},
		{"a\r\nb", "a%0D%0Ab"},
		{"x=1", "x=1"},
		{"%3A", "%253A"},
	}
	for _, tc := range tests {
		if got := escapeProperty(tc.in); got != tc.want {
			t.Errorf("escapeProperty(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// unescape reverses the runner's escaping, as the runner does when it reads
// a command (ActionCommand.Unescape in actions/runner).
func unescape(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

// TestEscape_RoundTrip checks that what the runner decodes is what we had.
func TestEscape_RoundTrip(t *testing.T) {
	for _, s := range []string{"a%0Ab", "100%25 sure", "x:\r\n,y%", "%%%,,::", "é: 😀"} {
		if got := unescape(escapeProperty(s)); got != s {
			t.Errorf("property %q round-trips to %q", s, got)
		}
		if got := unescape(escapeData(s)); got != s {
			t.Errorf("data %q round-trips to %q", s, got)
		}
	}
}

func TestGitHubCommand(t *testing.T) {
	tests := []struct {
		name string
		f    lint.Finding
		want string
	}{
		{"full position", lint.Finding{Rule: "duplicate-key", Severity: lint.Error, Pos: lint.Pos{File: ".env.example", Line: 4, Col: 1}, Message: "A is defined twice"},
			"::error file=.env.example,line=4,col=1,title=envlint duplicate-key::A is defined twice"},
		{"no column", lint.Finding{Rule: "dynamic-key", Severity: lint.Warning, Pos: lint.Pos{File: "a.ctmpl", Line: 2}, Message: "m"},
			"::warning file=a.ctmpl,line=2,title=envlint dynamic-key::m"},
		{"no line", lint.Finding{Rule: "parse-error", Severity: lint.Error, Pos: lint.Pos{File: "a.go", Col: 3}, Message: "m"},
			"::error file=a.go,title=envlint parse-error::m"},
		{"no file", lint.Finding{Rule: "env-missing-required", Severity: lint.Error, Pos: lint.Pos{Line: 2, Col: 3}, Message: "m"},
			"::error title=envlint env-missing-required::m"},
		{"info is a notice", lint.Finding{Rule: "unused-ignore", Severity: lint.Info, Pos: lint.Pos{File: "a", Line: 1, Col: 1}, Message: "m"},
			"::notice file=a,line=1,col=1,title=envlint unused-ignore::m"},
		{"escaped file and message", lint.Finding{Rule: "template-error", Severity: lint.Error, Pos: lint.Pos{File: "a,b:c.ctmpl", Line: 1, Col: 1}, Message: "50%: x, y\nz"},
			"::error file=a%2Cb%3Ac.ctmpl,line=1,col=1,title=envlint template-error::50%25: x, y%0Az"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := githubCommand(tc.f); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestGitHub_OneLinePerFinding checks that no message can start a second
// workflow command.
func TestGitHub_OneLinePerFinding(t *testing.T) {
	fs := []lint.Finding{
		{Rule: "template-error", Severity: lint.Error, Pos: lint.Pos{File: "a", Line: 1}, Message: "x\n::error file=evil::injected\r::warning::y"},
		{Rule: "template-error", Severity: lint.Error, Pos: lint.Pos{File: "b\n::error::", Line: 1}, Message: "m"},
	}
	var buf bytes.Buffer
	if err := (GitHub{}).Report(&buf, fs, nil); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(fs)+1 {
		t.Fatalf("%d lines for %d findings and a summary:\n%s", len(lines), len(fs), buf.String())
	}
	if strings.ContainsRune(buf.String(), '\r') {
		t.Errorf("output contains a carriage return:\n%q", buf.String())
	}
}

func TestGitHubSummary(t *testing.T) {
	many := func(n int, sev lint.Severity) []lint.Finding {
		fs := make([]lint.Finding, n)
		for i := range fs {
			fs[i] = lint.Finding{Rule: "r", Severity: sev, Pos: lint.Pos{File: "a", Line: i + 1}, Message: "m"}
		}
		return fs
	}
	tests := []struct {
		name string
		fs   []lint.Finding
		want string
	}{
		{"clean", nil, "envlint: no problems found"},
		{"few", append(many(1, lint.Error), many(2, lint.Info)...), "::notice title=envlint::1 error, 0 warnings, 2 info"},
		{"ten is shown", many(10, lint.Warning), "::notice title=envlint::0 errors, 10 warnings, 0 info"},
		{"eleven is cut", many(11, lint.Error), fmt.Sprintf("::notice title=envlint::11 errors, 0 warnings, 0 info; GitHub shows at most %d annotations of each kind per step, the log has them all", annotationLimit)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := githubSummary(tc.fs); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}
