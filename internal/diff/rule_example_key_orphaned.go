package diff

import "github.com/envlint/envlint/internal/lint"

var exampleKeyOrphaned = &checker{
	Rule: lint.Rule{
		ID:       "example-key-orphaned",
		Severity: lint.Error,
		Category: lint.CategoryDisagree,
		Summary:  "the example documents a key that no config field reads",
		Points:   "example line",
		Since:    "v0.1.0",
		Doc: "A documented variable that nothing reads misleads whoever sets it. It is usually a key the " +
			"config renamed or dropped. `envlint fix --prune` removes orphans.\n\n" +
			"Failing:\n\n```\nLEGACY_MODE=on\n```\nwith no field reading `LEGACY_MODE`.\n\n" +
			"Passing: remove the line, or add the field. Infrastructure variables that the program does " +
			"not read belong in `ignore:` in `.envlint.yaml`.",
	},
	run: func(p *pass, r *checker) {
		if !p.configOK {
			p.skip(r, p.configWhy)
			return
		}
		var undocumented []string
		for _, k := range p.configKeys() {
			if !p.documented(k.Name) {
				undocumented = append(undocumented, k.Name)
			}
		}
		for _, ex := range p.c.Examples {
			for i := range ex.Entries {
				e := &ex.Entries[i]
				if (e.Commented && !p.c.CommentedDocuments) || p.inConfig(e.Name) || p.ignored(e.Name) || p.ambient(e.Name) || p.interpolatedNextTo(e.Name, ex.File) {
					continue
				}
				p.report(r, e.Pos, e.Name,
					"%s is documented in %s but no config field reads it; remove it or add a config field that reads it%s",
					e.Name, ex.File, didYouMean(nearest(e.Name, undocumented)))
			}
		}
	},
}
