package diff

import "github.com/envlint/envlint/internal/lint"

var ineffectiveTag = &checker{
	Rule: lint.Rule{
		ID:       "ineffective-tag",
		Severity: lint.Warning,
		Category: lint.CategoryInside,
		Summary:  "a struct tag the field's library ignores",
		Points:   "config field",
		Since:    "v0.1.0",
		Doc: "The author meant something that will not happen: a default the library never applies, or a tag " +
			"on an unexported field the library cannot set.\n\nFailing (sethvargo/go-envconfig):\n\n" +
			"```go\nPort int `env:\"PORT\" default:\"8080\"`\n```\n\nPassing:\n\n```go\nPort int `env:\"PORT, default=8080\"`\n```",
	},
	run: func(p *pass, r *checker) {
		if p.c.Config == nil {
			return
		}
		for _, u := range p.c.Config.IneffectiveTags {
			p.report(r, u.Pos, "", "%s", u.Msg)
		}
	},
}
