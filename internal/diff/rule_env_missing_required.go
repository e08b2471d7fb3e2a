package diff

import (
	"strings"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/value"
)

var envMissingRequired = &checker{
	Rule: lint.Rule{
		ID:       "env-missing-required",
		Severity: lint.Error,
		Category: lint.CategoryEnv,
		Summary:  "a required key is absent from the environment",
		Points:   "env file, or none for the process environment",
		Since:    "v0.1.0",
		Doc: "`envlint env` checks a real environment, or the env file a template rendered, before the " +
			"program starts. A key the config requires (with no default) is set under none of its names, so " +
			"the program would refuse to start, or, run in a container, crash-loop.\n\n" +
			"Failing, for\n\n```go\nDatabaseURL string `env:\"DATABASE_URL,required\"`\n```\nan env file without the key:\n\n" +
			"```\nPORT=8080\n```\n\nPassing:\n\n```\nPORT=8080\nDATABASE_URL=postgres://db/app\n```\n\n" +
			"The finding points at the last env file given (the one whose entries win), or at nothing for " +
			"the process environment.",
	},
}

func runEnvMissingRequired(e *envPass, r *checker) {
	if len(e.env.Errors) > 0 {
		// A line the reader could not parse may hold the key.
		return
	}
	// A near miss among the variables the config does not read is
	// probably a misspelling of the missing key.
	var unread []string
	for _, n := range sortedKeys(e.env.Vars) {
		if !e.inConfig(n) {
			unread = append(unread, n)
		}
	}
	for _, k := range e.configKeys() {
		if !k.Required || e.ignored(k.Name) {
			continue
		}
		if _, ok := e.lookup(k); ok {
			continue
		}
		names := ""
		if len(k.Aliases) > 0 {
			names = " (nor " + strings.Join(k.Aliases, ", ") + ")"
		}
		lib := ""
		if k.Library != "" {
			lib = " (" + value.LibraryName(k.Library) + ")"
		}
		e.report(r, e.env.pos(), k.Name, "%s is required by %s%s but is not set in %s%s; the program will not start%s",
			k.Name, k.Field, lib, e.env.where(), names, didYouMean(nearest(k.Name, unread)))
	}
}
