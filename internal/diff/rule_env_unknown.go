package diff

import (
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

var envUnknown = &checker{
	Rule: lint.Rule{
		ID:       "env-unknown",
		Severity: lint.Off,
		Category: lint.CategoryEnv,
		Summary:  "a key with the component prefix that no config field reads",
		Points:   "env file line",
		Since:    "v0.1.0",
		Doc: "A typo detector: a variable that starts with the component's prefix (the prefix of its root " +
			"structs, else the longest common `_`-ended prefix of its keys) but that no config field reads. " +
			"Usually a misspelt name, so the value the deployment meant to set is silently ignored. Off by " +
			"default; turn it on in `.envlint.yaml` (`rules: {env-unknown: warning}`). Components with no " +
			"prefix get no finding: the environment holds too many unrelated variables.\n\n" +
			"Failing, for keys `APP_DATABASE_URL` and `APP_PORT`:\n\n```\nAPP_DATABSE_URL=postgres://db/app\n```\n\n" +
			"Passing:\n\n```\nAPP_DATABASE_URL=postgres://db/app\n```",
	},
}

func runEnvUnknown(e *envPass, r *checker) {
	if !e.configOK {
		return
	}
	prefixes := EnvPrefixes(e.c.Config)
	if len(prefixes) == 0 {
		return
	}
	known := sortedKeys(e.config)
	for _, name := range sortedKeys(e.env.Vars) {
		if e.inConfig(name) || e.ignored(name) || !hasAnyPrefix(name, prefixes) {
			continue
		}
		v := e.env.Vars[name]
		e.report(r, v.Pos, name, "%s is set in %s but component %s reads no such key%s",
			name, in(v), e.c.Name, didYouMean(nearest(name, known)))
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) && len(s) > len(p) {
			return true
		}
	}
	return false
}
