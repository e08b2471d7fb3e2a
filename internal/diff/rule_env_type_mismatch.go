package diff

import (
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/value"
)

var envTypeMismatch = &checker{
	Rule: lint.Rule{
		ID:       "env-type-mismatch",
		Severity: lint.Error,
		Category: lint.CategoryEnv,
		Summary:  "a value in the environment fails to parse as its type",
		Points:   "env file line",
		Since:    "v0.1.0",
		Doc: "The value does not decode as the field's Go type by the rules of the field's library, so the " +
			"program would fail at start-up. The message names the type and the library's rule; the value " +
			"itself is never printed.\n\n" +
			"Failing, for\n\n```go\nTimeout time.Duration `env:\"TIMEOUT\"`\n```\n\n```\nTIMEOUT=30\n```\n\n" +
			"Passing:\n\n```\nTIMEOUT=30s\n```",
	},
}

func runEnvTypeMismatch(e *envPass, r *checker) {
	for _, name := range sortedKeys(e.config) {
		v, ok := e.env.Vars[name]
		if !ok || v.Value == "" || e.ignored(name) {
			// An empty value is env-empty-required's to judge.
			continue
		}
		for _, k := range e.config[name] {
			if k.Source != "struct" {
				continue
			}
			if got, _ := e.lookup(k); got.Name != name {
				// The library reads an earlier name of the field.
				continue
			}
			if err := value.Check(k, v.Value); err != nil {
				e.report(r, valueAt(v), name, "%s in %s would fail to load into %s: %v", name, in(v), k.Field, err)
				break
			}
		}
	}
}
