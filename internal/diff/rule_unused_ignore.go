package diff

import (
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

var unusedIgnore = &checker{
	Rule: lint.Rule{
		ID:       "unused-ignore",
		Severity: lint.Info,
		Category: lint.CategoryEnvlint,
		Summary:  "an ignore directive that suppresses nothing",
		Points:   "directive line",
		Since:    "v0.1.0",
		Doc: "A stale `envlint:ignore` hides the next real problem on that key. Remove it.\n\n" +
			"Failing:\n\n```\n# envlint:ignore example-key-orphaned\nPORT=8080\n```\nwhile a config field reads `PORT`.\n\n" +
			"Passing: the directive is gone, or it suppresses a finding that still occurs.",
	},
	// Emitted by suppress, after every other rule has run.
}

// suppress drops the findings that an ignore directive covers and reports
// the directives that covered nothing.
func (p *pass) suppress() []lint.Finding {
	var ds []lint.Directive
	for _, ex := range p.c.Examples {
		ds = append(ds, ex.Directives...)
	}
	for _, t := range p.c.Templates {
		ds = append(ds, t.Directives...)
	}
	if p.c.Config != nil {
		ds = append(ds, p.c.Config.Directives...)
	}
	used := make([]bool, len(ds))
	var kept []lint.Finding
	for _, f := range p.findings {
		hit := false
		for i := range ds {
			if covers(&ds[i], &f) {
				used[i], hit = true, true
			}
		}
		if !hit {
			kept = append(kept, f)
		}
	}
	for i, d := range ds {
		if used[i] {
			continue
		}
		what := "nothing"
		if d.Key != "" {
			what = "no finding on " + d.Key
		}
		var unknown []string
		for _, r := range d.Rules {
			if _, ok := Lookup(r); !ok {
				unknown = append(unknown, r)
			}
		}
		msg := "envlint:ignore " + strings.Join(d.Rules, ",") + " suppresses " + what + "; remove it"
		if len(unknown) > 0 {
			msg = "envlint:ignore names unknown rule " + strings.Join(unknown, ", ") + "; envlint rules lists them"
		}
		kept = append(kept, lint.Finding{
			Rule: unusedIgnore.ID, Severity: unusedIgnore.Severity, Pos: d.Pos, Key: d.Key,
			Component: p.c.Name, Message: msg,
		})
	}
	return kept
}

// covers reports whether a directive suppresses a finding: it names the
// rule, and either the finding's key or, for findings without a key, the
// line the directive is on or the line below.
func covers(d *lint.Directive, f *lint.Finding) bool {
	named := false
	for _, r := range d.Rules {
		if r == f.Rule {
			named = true
		}
	}
	switch {
	case !named:
		return false
	case f.Key != "":
		return d.Key == f.Key
	default:
		return d.Pos.File == f.Pos.File && (f.Pos.Line == d.Pos.Line || f.Pos.Line == d.Pos.Line+1)
	}
}
