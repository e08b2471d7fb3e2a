package diff

import "github.com/envlint/envlint/internal/lint"

var templateNotEnv = &checker{
	Rule: lint.Rule{
		ID:       "template-not-env",
		Severity: lint.Info,
		Category: lint.CategoryReading,
		Summary:  "a template renders something other than an env file",
		Points:   "template line 1",
		Since:    "v0.1.0",
		Doc: "Templates that render JSON, YAML, HCL or a certificate do not define environment variables. " +
			"envlint leaves them out of the key comparison and says so once.\n\n" +
			"Example:\n\n```\n{{ with secret \"pki/issue/app\" \"common_name=app\" }}{{ .Data.certificate }}{{ end }}\n```\n\n" +
			"To stop envlint from looking at such a file, narrow `vault:` in `.envlint.yaml`.",
	},
	run: func(p *pass, r *checker) {
		for _, t := range p.c.Templates {
			if t.NotEnv == "" || len(t.Errors) > 0 {
				continue
			}
			p.report(r, t.Start(), "",
				"%s renders %s, not an env file; it is left out of the key comparison", t.File, t.NotEnv)
		}
	},
}
