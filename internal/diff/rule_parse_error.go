package diff

import "github.com/envlint/envlint/internal/lint"

var parseError = &checker{
	Rule: lint.Rule{
		ID:       "parse-error",
		Severity: lint.Error,
		Category: lint.CategoryReading,
		Summary:  "a non-template file cannot be parsed",
		Points:   "file line",
		Since:    "v0.1.0",
		Doc: "An example file or Go file that cannot be read. envlint skips the rules that depend on the " +
			"broken layer for this component, so one syntax error does not turn into a flood of false orphans.\n\n" +
			"Failing:\n\n```\nGREETING=\"hello\n```\n(an unterminated quote).\n\nPassing:\n\n```\nGREETING=\"hello\"\n```",
	},
	run: func(p *pass, r *checker) {
		for _, ex := range p.c.Examples {
			for _, e := range ex.Errors {
				p.report(r, e.Pos, "", "%s", e.Msg)
			}
		}
		for _, df := range p.c.DeployFiles {
			for _, e := range df.Errors {
				p.report(r, e.Pos, "", "%s", e.Msg)
			}
		}
		if p.c.Config != nil {
			for _, e := range p.c.Config.Errors {
				p.report(r, e.Pos, "", "%s", e.Msg)
			}
		}
	},
}
