package diff

import (
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/value"
)

var typeMismatch = &checker{
	Rule: lint.Rule{
		ID:       "type-mismatch",
		Severity: lint.Error,
		Category: lint.CategoryDisagree,
		Summary:  "an example value or Go default fails to parse as its type",
		Points:   "example line / config field",
		Since:    "v0.1.0",
		Doc: "A developer who copies the example to `.env` gets a service that refuses to start. envlint " +
			"applies the reading library's own rules: caarlos0/env parses ints in base 10 and `int` as 32 " +
			"bits, kelseyhightower/envconfig rejects an empty int, a named type over `time.Duration` wants an " +
			"integer, and so on.\n\nFailing:\n\n```\nACCESS_TOKEN_EXPIRE_MINUTES=1day\n```\nfor an `int` field.\n\n" +
			"Passing:\n\n```\nACCESS_TOKEN_EXPIRE_MINUTES=1440\n```\n\nValues are never printed: they may be secrets.",
	},
	run: func(p *pass, r *checker) {
		for _, ex := range p.c.Examples {
			for i := range ex.Entries {
				e := &ex.Entries[i]
				if e.Commented || p.ignored(e.Name) {
					continue
				}
				for _, k := range p.config[e.Name] {
					if k.Source != "struct" {
						continue
					}
					if err := value.Check(k, intended(e)); err != nil {
						p.report(r, valuePos(e), e.Name, "%s in %s would fail to load into %s: %v",
							e.Name, ex.File, k.Field, err)
						break
					}
				}
			}
		}
		for _, k := range p.configKeys() {
			if k.Default == nil || p.ignored(k.Name) {
				continue
			}
			if err := value.CheckDefault(k); err != nil {
				pos := k.DefaultPos
				if pos.Line == 0 {
					pos = k.Pos
				}
				p.report(r, pos, k.Name, "the default of %s would fail to load into %s: %v", k.Name, k.Field, err)
			}
		}
	},
}

// valuePos is where an entry's value starts, or the key when unknown.
func valuePos(e *lint.ExampleEntry) lint.Pos {
	if e.ValuePos.Line > 0 {
		return e.ValuePos
	}
	return e.Pos
}

// intended is the value the author meant: `KEY= # comment` reads as the
// value "# comment" to godotenv, but documents an empty value.
func intended(e *lint.ExampleEntry) string {
	if e.ValueIsComment {
		return ""
	}
	return e.Value
}
