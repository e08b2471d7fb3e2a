package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/envlint/envlint/internal/lint"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.* from the reporters' output")

// fixture is testdata/findings.json: hand-written rules and findings, the
// findings already in lint.Normalize order as the CLI delivers them.
type fixture struct {
	Rules []struct {
		ID       string        `json:"id"`
		Severity lint.Severity `json:"severity"`
		Summary  string        `json:"summary"`
		Points   string        `json:"points"`
		Doc      string        `json:"doc"`
		// SecuritySeverity marks a rule about secrets.
		SecuritySeverity float64 `json:"security_severity"`
	} `json:"rules"`
	Findings []struct {
		Rule      string        `json:"rule"`
		Severity  lint.Severity `json:"severity"`
		Key       string        `json:"key"`
		Component string        `json:"component"`
		File      string        `json:"file"`
		Line      int           `json:"line"`
		Column    int           `json:"column"`
		Message   string        `json:"message"`
		Related   []struct {
			File    string `json:"file"`
			Line    int    `json:"line"`
			Column  int    `json:"column"`
			Message string `json:"message"`
		} `json:"related"`
	} `json:"findings"`
}

func loadFixture(t *testing.T) ([]lint.Finding, []*lint.Rule) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "findings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fx fixture
	if err := json.Unmarshal(b, &fx); err != nil {
		t.Fatalf("testdata/findings.json: %v", err)
	}
	var rules []*lint.Rule
	for _, r := range fx.Rules {
		rules = append(rules, &lint.Rule{ID: r.ID, Severity: r.Severity, Summary: r.Summary, Points: r.Points, Doc: r.Doc,
			SecuritySeverity: r.SecuritySeverity})
	}
	var fs []lint.Finding
	for _, f := range fx.Findings {
		lf := lint.Finding{
			Rule: f.Rule, Severity: f.Severity, Key: f.Key, Component: f.Component,
			Pos: lint.Pos{File: f.File, Line: f.Line, Col: f.Column}, Message: f.Message,
		}
		for _, r := range f.Related {
			lf.Related = append(lf.Related, lint.Related{Pos: lint.Pos{File: r.File, Line: r.Line, Col: r.Column}, Message: r.Message})
		}
		fs = append(fs, lf)
	}
	return fs, rules
}

// fixtureSource holds the one fixture file whose text SARIF reads: line 15
// has a multi-byte character before the finding's column.
var fixtureSource = fstest.MapFS{
	"apps/api/internal/config/config.go": {Data: []byte(strings.Join([]string{
		"package config", "", "type Config struct {", "", "", "", "", "", "", "", "",
		"\tFeatureFlagX bool `env:\"FEATURE_FLAG_X,required\"`", // line 12
		"", "",
		"\t/* café */ Name string `env:\"CAFÉ_NAME,required\"`", // line 15
		"", "",
		"\tAPIToken string `env:\"API_TOKEN\"`", // line 18
		"}",
	}, "\n"))},
}

func render(t *testing.T, format string, fs []lint.Finding, rules []*lint.Rule) []byte {
	t.Helper()
	rep, err := New(format, Options{Version: "v0.0.0-test", Source: fixtureSource, AutomationID: "envlint/apps/api/"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.Report(&buf, fs, rules); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return buf.Bytes()
}

// TestGolden renders the fixture in every format. The goldens are the
// specification of each format: regenerate with -update and review the diff.
func TestGolden(t *testing.T) {
	fs, rules := loadFixture(t)
	ext := map[string]string{"text": "txt", "json": "json", "sarif": "sarif", "github": "github", "markdown": "md"}
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			got := render(t, format, fs, rules)
			path := filepath.Join("testdata", "golden."+ext[format])
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s output differs from %s (-want +got):\n%s", format, path, diff)
			}
		})
	}
}

func TestNew_UnknownFormat(t *testing.T) {
	if _, err := New("xml", Options{}); err == nil {
		t.Fatal("New(xml) succeeded, want an error")
	}
	for _, f := range Formats {
		if _, err := New(f, Options{}); err != nil {
			t.Errorf("New(%q): %v", f, err)
		}
	}
}

// TestReport_NoFindings checks the clean output of every format.
func TestReport_NoFindings(t *testing.T) {
	want := map[string]string{
		"text":     "no problems found\n",
		"github":   "envlint: no problems found\n",
		"markdown": "## envlint\n\nNo problems found.\n",
	}
	for _, format := range Formats {
		got := string(render(t, format, nil, nil))
		switch format {
		case "json":
			var v struct {
				Findings []any `json:"findings"`
			}
			if err := json.Unmarshal([]byte(got), &v); err != nil || v.Findings == nil || len(v.Findings) != 0 {
				t.Errorf("json: findings = %v (err %v), want []", v.Findings, err)
			}
		case "sarif":
			var v struct {
				Runs []struct {
					Results []any `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal([]byte(got), &v); err != nil || len(v.Runs) != 1 || v.Runs[0].Results == nil || len(v.Runs[0].Results) != 0 {
				t.Errorf("sarif: runs = %+v (err %v), want one run with results []", v.Runs, err)
			}
		default:
			if got != want[format] {
				t.Errorf("%s: got %q, want %q", format, got, want[format])
			}
		}
	}
}

// TestReport_NoValuesLeak checks that no format writes anything a finding
// carries besides its message and positions: a Fix's new text may hold a
// value from the example file.
func TestReport_NoValuesLeak(t *testing.T) {
	const secret = "s3cr3t-AKIAIOSFODNN7EXAMPLE"
	fs := []lint.Finding{{
		Rule: "secret-in-example", Severity: lint.Error, Key: "AWS_KEY", Component: ".",
		Pos: lint.Pos{File: ".env.example", Line: 2, Col: 1}, End: lint.Pos{File: ".env.example", Line: 2, Col: 30},
		Message: "AWS_KEY looks like a real credential in .env.example: replace the value with a placeholder",
		Fix: &lint.Fix{Message: "blank the value", Edits: []lint.Edit{{
			Pos: lint.Pos{File: ".env.example", Line: 2, Col: 9}, End: lint.Pos{File: ".env.example", Line: 2, Col: 30}, NewText: secret,
		}}},
	}}
	src := fstest.MapFS{".env.example": {Data: []byte("# keys\nAWS_KEY=" + secret + "\n")}}
	for _, format := range Formats {
		rep, err := New(format, Options{Source: src})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := rep.Report(&buf, fs, nil); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), secret) || strings.Contains(buf.String(), "AKIA") {
			t.Errorf("%s output contains the value:\n%s", format, buf.String())
		}
	}
}
