package diff

import "github.com/envlint/envlint/internal/lint"

var buildArgNotPassed = &checker{
	Rule: lint.Rule{
		ID:       "build-arg-not-passed",
		Severity: lint.Error,
		Category: lint.CategoryDisagree,
		Summary:  "a Dockerfile ARG the build needs is never passed",
		Points:   "Dockerfile line",
		Since:    "v0.2.0",
		Doc: "An `ARG` with no default that feeds an `ENV` or a build step (`RUN` sees every ARG as a " +
			"variable) is empty unless the build passes it. Values baked at build time are then frozen empty: " +
			"the classic `NEXT_PUBLIC_*` failure. envlint checks the compose services that build the Dockerfile.\n\n" +
			"Failing:\n\n```dockerfile\nARG NEXT_PUBLIC_API_URL\nENV NEXT_PUBLIC_API_URL=$NEXT_PUBLIC_API_URL\n```\n" +
			"```yaml\n    build: ./web\n```\n\n" +
			"Passing:\n\n```yaml\n    build:\n      context: ./web\n      args:\n        NEXT_PUBLIC_API_URL: ${NEXT_PUBLIC_API_URL}\n```",
	},
	run: func(p *pass, r *checker) {
		for _, df := range p.c.Deploy {
			if df.Kind != lint.DeployDockerfile {
				continue
			}
			for _, b := range p.runtimeTargets() {
				if b.Dockerfile != df.Name {
					continue
				}
				passed := map[string]bool{}
				for _, a := range b.BuildArgs {
					passed[a.Name] = true
				}
				for _, a := range df.BuildArgs {
					if a.HasDefault || !a.Used || passed[a.Name] || p.ignored(a.Name) {
						continue
					}
					p.reportTarget(r, b, a.Pos, a.Name,
						"ARG %s has no default and feeds the build, but %s does not pass it, so it is empty; add %s to its build.args or give the ARG a default",
						a.Name, b.Name, a.Name)
				}
			}
		}
	},
}
