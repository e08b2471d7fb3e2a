package report

import (
	"encoding/json"
	"io"

	"github.com/envlint/envlint/internal/lint"
)

// JSON writes one object {"version":1,"findings":[...],"summary":{...},
// "coverage":[...]}. The schema only ever grows: fields are never renamed or
// removed.
type JSON struct {
	coverage []lint.Coverage
}

func (j *JSON) setCoverage(cov []lint.Coverage) { j.coverage = cov }

type jsonFinding struct {
	Rule      string        `json:"rule"`
	Severity  lint.Severity `json:"severity"`
	Key       string        `json:"key"`
	Component string        `json:"component"`
	File      string        `json:"file"`
	Line      int           `json:"line"`
	Column    int           `json:"column"`
	Message   string        `json:"message"`
}

type jsonSummary struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
}

type jsonReport struct {
	Version  int            `json:"version"`
	Findings []jsonFinding  `json:"findings"`
	Summary  jsonSummary    `json:"summary"`
	Coverage []jsonCoverage `json:"coverage"`
}

// Report implements Reporter.
func (j *JSON) Report(w io.Writer, fs []lint.Finding, _ []*lint.Rule) error {
	r := jsonReport{Version: 1, Findings: []jsonFinding{}, Coverage: toJSONCoverage(j.coverage)}
	for _, f := range fs {
		r.Findings = append(r.Findings, jsonFinding{
			Rule: f.Rule, Severity: f.Severity, Key: f.Key, Component: f.Component,
			File: f.Pos.File, Line: f.Pos.Line, Column: f.Pos.Col, Message: f.Message,
		})
	}
	n := lint.Count(fs)
	r.Summary = jsonSummary{Error: n[lint.Error], Warning: n[lint.Warning], Info: n[lint.Info]}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
