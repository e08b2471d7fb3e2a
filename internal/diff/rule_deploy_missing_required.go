package diff

import (
	"slices"

	"github.com/envlint/envlint/internal/lint"
)

var deployMissingRequired = &checker{
	Rule: lint.Rule{
		ID:       "deploy-missing-required",
		Severity: lint.Error,
		Category: lint.CategoryDisagree,
		Summary:  "a deployment target does not set a required key",
		Points:   "the target's service line",
		Since:    "v0.2.0",
		Doc: "A config key that is required and has no default must be set wherever the service runs. " +
			"A compose service provides a key through `environment:` (a bare `- KEY` passes it from the shell), " +
			"`env_file:`, its image's `ENV`, or an env file a deployed Vault Agent template renders. " +
			"A target with an env file envlint cannot read is not judged, nor is a compose service that sets no key the config reads " +
			"(another program built from the same context: a database image, a test runner). " +
			"A program that loads an env file named when it runs (`godotenv.Overload(*configFile)`) may get any key from it: " +
			"the rule is then skipped and `incomplete-coverage` says so.\n\n" +
			"Failing:\n\n```yaml\nservices:\n  api:\n    build: ./apps/api\n    environment:\n      LOG_LEVEL: info\n```\n" +
			"```go\nDatabaseURL string `env:\"DATABASE_URL,required\"`\n```\n\n" +
			"Passing: the service sets `DATABASE_URL: ${DATABASE_URL}`.",
	},
	run: func(p *pass, r *checker) {
		for _, t := range p.serviceTargets(r) {
			names, ok := p.provided(t)
			if !ok {
				p.skipHidden(r, t)
				continue
			}
			for _, k := range p.configKeys() {
				if !k.Required || k.Default != nil || p.ignored(k.Name) || slices.ContainsFunc(k.Names(), func(n string) bool { return names[n] }) {
					continue
				}
				if lf := p.c.RuntimeEnvFiles; len(lf) > 0 {
					// The program reads a file its deployment names when
					// it runs: the key may come from there.
					p.skip(r, &cause{lf[0], "the program loads an env file it is given when it runs (a deployment may set any key through it)",
						`load env files by a constant path (godotenv.Load(".env.docker"))`})
					return
				}
				p.reportTarget(r, t, t.Pos, k.Name,
					"%s is required by %s but %s neither sets nor renders it, so the service fails to start there; %s",
					k.Name, k.Field, t.Name, howToSet(t))
			}
		}
	},
}
