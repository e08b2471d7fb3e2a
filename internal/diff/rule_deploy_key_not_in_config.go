package diff

import "github.com/envlint/envlint/internal/lint"

var deployKeyNotInConfig = &checker{
	Rule: lint.Rule{
		ID:       "deploy-key-not-in-config",
		Severity: lint.Warning,
		Category: lint.CategoryDisagree,
		Summary:  "a deployment sets a key that no config field reads",
		Points:   "deploy line",
		Since:    "v0.2.0",
		Doc: "A key set in a compose service's `environment:` that the component's config never reads: " +
			"usually a typo or a rename the deployment did not follow, so the value the operator meant to set " +
			"never reaches the program. Variables read by the OS, the Go runtime and the SDKs the service " +
			"imports (`TZ`, `GOMEMLIMIT`, `HTTP_PROXY`, `OTEL_*` with OpenTelemetry ...) are not reported.\n\n" +
			"Failing:\n\n```yaml\n    environment:\n      DATABSE_URL: postgres://db/app\n```\n\n" +
			"Passing: `DATABASE_URL`, the name the config field reads.",
	},
	run: func(p *pass, r *checker) {
		for _, t := range p.serviceTargets(r) {
			set := map[string]bool{}
			for _, k := range t.Keys {
				set[k.Name] = true
			}
			var unset []string // config keys the target does not set, for suggestions
			for _, n := range sortedKeys(p.config) {
				if !set[n] {
					unset = append(unset, n)
				}
			}
			for _, k := range t.Keys {
				// Env files and envFrom ConfigMaps are often shared between
				// services; only what the service itself writes is judged.
				if k.Source == lint.SourceEnvFile || k.Bulk || k.Referenced || p.inConfig(k.Name) || p.ignored(k.Name) || osVariables[k.Name] || p.ambient(k.Name) {
					continue
				}
				p.reportTarget(r, t, k.Pos, k.Name,
					"%s is set for %s but no config field reads it; remove it or fix the name%s",
					k.Name, t.Name, didYouMean(nearest(k.Name, unset)))
			}
		}
	},
}
