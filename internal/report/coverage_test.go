package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/envlint/envlint/internal/lint"
)

var sampleCoverage = []lint.Coverage{
	{Component: "api", Checked: true, Services: []string{"cmd/api"}, Examples: []string{".env.example"},
		Config: []lint.CoverageRoot{{Root: "internal/config.Config", Pos: lint.Pos{File: "cmd/api/main.go", Line: 9}, Resolved: true}}},
	{Component: "worker", Checked: true, Examples: []string{"worker/.env.example"},
		Skipped: []lint.SkippedRule{{Rule: "example-key-orphaned", Reason: "a config root is not resolved statically",
			Pos: lint.Pos{File: "worker/main.go", Line: 4}, Fix: "describe it under config:"}}},
	{Component: "web", Reason: "its example documents no Go or Python service and no template", Examples: []string{"web/.env.example"}},
}

func TestCoverageJSON(t *testing.T) {
	rep, _ := New("json", Options{})
	SetCoverage(rep, sampleCoverage)
	var buf bytes.Buffer
	if err := rep.Report(&buf, nil, nil); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Coverage []map[string]any `json:"coverage"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Coverage) != 3 {
		t.Fatalf("coverage has %d entries, want 3:\n%s", len(got.Coverage), buf.String())
	}
	want := map[string]any{
		"component": "worker", "checked": true, "services": []any{}, "example": []any{"worker/.env.example"},
		"vault": []any{}, "config": []any{},
		"skipped_rules": []any{map[string]any{"rule": "example-key-orphaned", "reason": "a config root is not resolved statically",
			"file": "worker/main.go", "line": float64(4), "fix": "describe it under config:"}},
	}
	if d := cmp.Diff(want, got.Coverage[1]); d != "" {
		t.Errorf("worker coverage (-want +got):\n%s", d)
	}
	if got.Coverage[2]["checked"] != false || got.Coverage[2]["reason"] == "" {
		t.Errorf("a directory not checked must say so: %v", got.Coverage[2])
	}
	root := got.Coverage[0]["config"].([]any)[0].(map[string]any)
	if root["root"] != "internal/config.Config" || root["resolved"] != true || root["line"] != float64(9) {
		t.Errorf("config root = %v", root)
	}
}

func TestCoverageText(t *testing.T) {
	for _, tt := range []struct {
		cov  []lint.Coverage
		want string
	}{
		{sampleCoverage, "no problems found; 1 of 2 components fully checked (see incomplete-coverage)\n"},
		{sampleCoverage[:1], "no problems found\n"},
		{nil, "no problems found\n"},
	} {
		rep, _ := New("text", Options{})
		SetCoverage(rep, tt.cov)
		var buf bytes.Buffer
		if err := rep.Report(&buf, nil, nil); err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); !strings.HasSuffix(got, tt.want) {
			t.Errorf("got %q, want suffix %q", got, tt.want)
		}
	}
}
