package diff

import "github.com/envlint/envlint/internal/lint"

var unresolvedConfig = &checker{
	Rule: lint.Rule{
		ID:       "unresolved-config",
		Severity: lint.Warning,
		Category: lint.CategoryEnvlint,
		Summary:  "something envlint cannot resolve statically",
		Points:   "call site / file",
		Since:    "v0.1.0",
		Doc: "A root struct, prefix, type or file that envlint cannot resolve without running the program, " +
			"or a template or call site that belongs to no component. envlint says so instead of guessing, " +
			"and skips the rules that need the complete config key set for the component.\n\n" +
			"Failing:\n\n```go\nenvconfig.Process(os.Getenv(\"APP\"), &cfg) // prefix known only at run time\n```\n\n" +
			"Passing: write what it is in `.envlint.yaml`:\n\n```yaml\nconfig:\n  dir: internal/config\n  struct: Config\n  library: kelseyhightower\n  prefix: MYAPP\n```",
	},
	run: func(p *pass, r *checker) {
		c := p.c.Config
		if c == nil {
			return
		}
		for _, u := range c.Unresolved {
			p.report(r, u.Pos, "", "%s", u.Msg)
		}
		if len(c.Keys) == 0 && len(c.Roots) == 0 && len(c.Errors) == 0 && len(c.Unresolved) == 0 {
			pos := lint.Pos{Line: 1}
			if len(p.c.Examples) > 0 {
				pos.File = p.c.Examples[0].File
			}
			p.report(r, pos, "",
				"no Go config found for component %s: no call of a supported config library and no os.Getenv read; set config: in .envlint.yaml, or remove the component", p.c.Name)
		}
	},
}

// Unassigned turns problems that belong to no component (a template or call
// site outside every component) into unresolved-config findings.
func Unassigned(ps []lint.Problem, opts Options) []lint.Finding {
	var fs []lint.Finding
	for _, pr := range ps {
		fs = append(fs, lint.Finding{Rule: unresolvedConfig.ID, Severity: unresolvedConfig.Severity, Pos: pr.Pos, Message: pr.Msg})
	}
	return opts.resolve(fs)
}
