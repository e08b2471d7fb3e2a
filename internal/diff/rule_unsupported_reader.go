package diff

import "github.com/envlint/envlint/internal/lint"

var unsupportedReader = &checker{
	Rule: lint.Rule{
		ID:       "unsupported-reader",
		Severity: lint.Info,
		Category: lint.CategoryEnvlint,
		Summary:  "env reads through a library envlint cannot follow",
		Points:   "call site",
		Since:    "v0.1.0",
		Doc: "viper's `AutomaticEnv` and koanf's env provider read variables whose names depend on run-time " +
			"data, so envlint cannot list them. Rules that need the complete config key set " +
			"(`example-key-orphaned`, `vault-key-not-in-config`) are skipped for the component.\n\n" +
			"Example:\n\n```go\nv.AutomaticEnv()\n```\n\nList such keys under `ignore:` in `.envlint.yaml`, or read them with `os.Getenv(\"NAME\")`.",
	},
	run: func(p *pass, r *checker) {
		if p.c.Config == nil {
			return
		}
		for _, u := range p.c.Config.UnsupportedReaders {
			p.report(r, u.Pos, "", "%s", u.Msg)
		}
	},
}
