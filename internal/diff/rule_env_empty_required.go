package diff

import (
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/value"
)

var envEmptyRequired = &checker{
	Rule: lint.Rule{
		ID:       "env-empty-required",
		Severity: lint.Error,
		Category: lint.CategoryEnv,
		Summary:  "a key is set but empty where its library rejects that",
		Points:   "env file line",
		Since:    "v0.1.0",
		Doc: "The variable is present but empty, and the field's library fails on an empty value: a " +
			"caarlos0/env `notEmpty` field, or a number, boolean or duration under kelseyhightower/envconfig " +
			"or cleanenv (caarlos0/env uses the default in place of an empty value, so only a bad default fails). " +
			"A template that renders `KEY=` when the Vault field is missing produces exactly this.\n\n" +
			"Failing, for\n\n```go\nAPIKey string `env:\"API_KEY,notEmpty\"`\n```\na rendered file with\n\n" +
			"```\nAPI_KEY=\n```\n\nPassing:\n\n```\nAPI_KEY=k-123\n```",
	},
}

func runEnvEmptyRequired(e *envPass, r *checker) {
	for _, k := range e.configKeys() {
		if e.ignored(k.Name) {
			continue
		}
		v, ok := e.lookup(k)
		if !ok || v.Value != "" || !value.RejectsEmpty(k) {
			continue
		}
		why := "the library rejects an empty value"
		if k.Library == lint.Caarlos0 && k.NotEmpty {
			why = "the field is notEmpty"
		} else if eff, decodes := value.Effective(k, "", true); decodes {
			if err := value.Check(k, eff); err != nil {
				why = err.Error()
			}
		}
		e.report(r, valueAt(v), v.Name, "%s is set but empty in %s and %s would fail to load: %s",
			v.Name, in(v), k.Field, why)
	}
}
