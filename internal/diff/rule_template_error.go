package diff

import "github.com/envlint/envlint/internal/lint"

var templateError = &checker{
	Rule: lint.Rule{
		ID:       "template-error",
		Severity: lint.Error,
		Category: lint.CategoryReading,
		Summary:  "a template fails consul-template's own parser",
		Points:   "template line",
		Since:    "v0.1.0",
		Doc: "consul-template would refuse to render this template, so the deployment would fail. envlint " +
			"asks consul-template's own parser and function set, without running any function.\n\n" +
			"Failing:\n\n```\n{{ with secret \"secret/data/app\" }}\nDB={{ .Data.data.DB }}\n```\n(no `{{ end }}`).\n\n" +
			"Passing: close every `with`, `if` and `range` with `{{ end }}`.",
	},
	run: func(p *pass, r *checker) {
		for _, t := range p.c.Templates {
			for _, e := range t.Errors {
				p.report(r, e.Pos, "", "%s", e.Msg)
			}
		}
	},
}
