package report

import (
	"fmt"

	"github.com/envlint/envlint/internal/lint"
)

// coverageSetter is a reporter that also writes what the check covered.
type coverageSetter interface {
	setCoverage(cov []lint.Coverage)
}

// SetCoverage hands the coverage records of a check to a reporter that
// writes them (json: the "coverage" array; text: the summary line). Others
// carry coverage only through incomplete-coverage findings.
func SetCoverage(r Reporter, cov []lint.Coverage) {
	if s, ok := r.(coverageSetter); ok {
		s.setCoverage(cov)
	}
}

// coverageSummary says how many components were fully checked, when some
// were not; "" when every component was (or nothing was recorded).
func coverageSummary(cov []lint.Coverage) string {
	total, full := 0, 0
	for i := range cov {
		if !cov[i].Checked {
			continue
		}
		total++
		if cov[i].Full() {
			full++
		}
	}
	if full == total {
		return ""
	}
	return fmt.Sprintf("; %d of %s fully checked (see incomplete-coverage)", full, plural(total, "component"))
}

type jsonCoverage struct {
	Component    string        `json:"component"`
	Checked      bool          `json:"checked"`
	Reason       string        `json:"reason,omitempty"`
	Services     []string      `json:"services"`
	Example      []string      `json:"example"`
	Vault        []string      `json:"vault"`
	Config       []jsonRoot    `json:"config"`
	SkippedRules []jsonSkipped `json:"skipped_rules"`
}

type jsonRoot struct {
	Root     string `json:"root"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Resolved bool   `json:"resolved"`
}

type jsonSkipped struct {
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
	File   string `json:"file"`
	Line   int    `json:"line"`
	Fix    string `json:"fix"`
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func toJSONCoverage(cov []lint.Coverage) []jsonCoverage {
	out := []jsonCoverage{}
	for _, c := range cov {
		jc := jsonCoverage{Component: c.Component, Checked: c.Checked, Reason: c.Reason,
			Services: nonNil(c.Services), Example: nonNil(c.Examples), Vault: nonNil(c.Vault),
			Config: []jsonRoot{}, SkippedRules: []jsonSkipped{}}
		for _, r := range c.Config {
			jc.Config = append(jc.Config, jsonRoot{Root: r.Root, File: r.Pos.File, Line: r.Pos.Line, Resolved: r.Resolved})
		}
		for _, s := range c.Skipped {
			jc.SkippedRules = append(jc.SkippedRules, jsonSkipped{Rule: s.Rule, Reason: s.Reason, File: s.Pos.File, Line: s.Pos.Line, Fix: s.Fix})
		}
		out = append(out, jc)
	}
	return out
}
