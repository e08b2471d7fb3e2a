package diff

import (
	"slices"

	"github.com/envlint/envlint/internal/lint"
)

var secretReused = &checker{
	Rule: lint.Rule{
		ID:       "secret-reused",
		Severity: lint.Warning,
		Category: lint.CategoryInside,
		Summary:  "one secret value is used for two environments or keys",
		Points:   "second occurrence",
		Since:    "v0.2.0",
		// One leaked value opens two places: a security alert in code scanning.
		SecuritySeverity: 5.5,
		Doc: "A secret shared by two environments (production and staging), two services, or two different " +
			"keys leaks from the weakest of them and cannot be rotated alone. envlint compares the secret " +
			"values it sees (example values that look like credentials, Go defaults of secret fields, env " +
			"files given to `envlint env --file`, deployments) by a keyed hash held in memory for one run; " +
			"neither the value nor its hash is ever printed or written, in baselines or JSON either. " +
			"Placeholders, development passwords and local connection strings are not compared.\n\n" +
			"Failing, with `envlint env --file prod.env --file staging.env`:\n\n```\n# prod.env\n" +
			"JWT_SECRET=<64 random characters>\n# staging.env\nJWT_SECRET=<the same 64 characters>\n```\n\n" +
			"Passing: generate one secret per environment, service and purpose.",
	},
	run: runSecretReused,
}

// runSecretReused reports each use of the component's that repeats a digest
// seen earlier (in file order) under another key or for another source.
func runSecretReused(p *pass, r *checker) {
	if p.c.Repo == nil {
		return
	}
	uses := slices.Clone(p.c.Repo.Secrets)
	slices.SortStableFunc(uses, func(a, b SecretUse) int {
		switch {
		case a.Pos.Less(b.Pos):
			return -1
		case b.Pos.Less(a.Pos):
			return 1
		}
		return 0
	})
	for i, u := range uses {
		if u.Component != p.c.Name || p.ignored(u.Key) {
			continue
		}
		for _, first := range uses[:i] {
			if first.Digest != u.Digest || (first.Key == u.Key && first.Source == u.Source) {
				continue
			}
			how := "another environment or service"
			if first.Key != u.Key {
				how = "another key"
			}
			f := p.report(r, u.Pos, u.Key,
				"%s (%s) has the same value as %s at %s (%s): a secret reused under %s; generate a distinct secret for each",
				u.Key, u.Source, first.Key, first.Pos, first.Source, how)
			f.Related = []lint.Related{{Pos: first.Pos, Message: "first use of the value (" + first.Key + ")"}}
			break
		}
	}
}
