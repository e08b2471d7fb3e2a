package diff

import (
	"path"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

var composeVariableUndocumented = &checker{
	Rule: lint.Rule{
		ID:       "compose-variable-undocumented",
		Severity: lint.Error,
		Category: lint.CategoryDisagree,
		Summary:  "compose interpolates a variable no example documents",
		Points:   "compose line",
		Since:    "v0.2.0",
		Doc: "compose substitutes `${VAR}` from the shell and from the `.env` file next to the compose file. " +
			"A variable with no default (`${VAR}`, `${VAR:?error}`) must then be set by everyone who runs it, " +
			"so the example file next to the compose file must document it. `${VAR:-default}` needs nothing.\n\n" +
			"Failing:\n\n```yaml\n      STRIPE_KEY: ${STRIPE_KEY}\n```\nwith no `STRIPE_KEY` in the `.env.example` beside it.\n\n" +
			"Passing: `.env.example` has `STRIPE_KEY=`, or the reference has a default.",
	},
	run: func(p *pass, r *checker) {
		for _, df := range p.c.DeployFiles {
			if df.Kind != lint.DeployCompose {
				continue
			}
			dir := path.Dir(df.File)
			exs := p.examplesIn(dir)
			documented := map[string]bool{}
			var names []string
			for _, ex := range exs {
				names = append(names, ex.File)
				for _, e := range ex.Entries {
					if !e.Commented || p.c.CommentedDocuments {
						documented[e.Name] = true
					}
				}
			}
			seen := map[string]bool{}
			for _, v := range df.Interpolations {
				if v.Default || documented[v.Name] || seen[v.Name] || p.ignored(v.Name) || osVariables[v.Name] {
					continue
				}
				seen[v.Name] = true
				if len(exs) == 0 {
					p.report(r, v.Pos, v.Name,
						"compose interpolates ${%s} in %s but no example file next to it documents it; add %s= to a .env.example in %s",
						v.Name, v.Pos.File, v.Name, dir)
					continue
				}
				f := p.report(r, v.Pos, v.Name,
					"compose interpolates ${%s} in %s but %s does not document it; add %s= to it",
					v.Name, v.Pos.File, strings.Join(names, ", "), v.Name)
				f.Fix = &lint.Fix{Message: "add " + v.Name + "= to " + exs[0].File}
			}
		}
	},
}
