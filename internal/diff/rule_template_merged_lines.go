package diff

import "github.com/envlint/envlint/internal/lint"

var templateMergedLines = &checker{
	Rule: lint.Rule{
		ID:       "template-merged-lines",
		Severity: lint.Error,
		Category: lint.CategoryInside,
		Summary:  "trimming joins a key's line onto the line before it",
		Points:   "trim marker",
		Since:    "v0.2.0",
		Doc: "`{{-` trims every blank before it, line breaks included, and `-}}` every blank after it. " +
			"When the trimmed blank is the only line break between two keys, consul-template renders them " +
			"on one line: the second key is never set, and the first key's value (or a comment) swallows its text. " +
			"envlint follows the rendering path and points at the trim marker that removes the line break.\n\n" +
			"Failing (renders one line, `DB_PASS=…API_TOKEN=…`):\n\n```\n" +
			"{{- with secret \"kv/data/app/db\" -}}\nDB_PASS={{ .Data.data.pass }}\n{{- end }}\n" +
			"{{- with secret \"kv/data/app/api\" -}}\nAPI_TOKEN={{ .Data.data.token }}\n{{- end }}\n```\n\n" +
			"Passing: keep a line break that no marker trims, e.g. end each value's line with `{{ end }}` " +
			"without the `-`, or write the key's own line break inside the block:\n\n```\n" +
			"{{ with secret \"kv/data/app/db\" -}}\nDB_PASS={{ .Data.data.pass }}\n{{ end -}}\n" +
			"{{ with secret \"kv/data/app/api\" -}}\nAPI_TOKEN={{ .Data.data.token }}\n{{ end -}}\n```",
	},
	run: func(p *pass, r *checker) {
		for _, t := range p.c.Templates {
			if t.NotEnv != "" || len(t.Errors) > 0 {
				continue
			}
			for _, m := range t.Merged {
				if m.Prev == "" {
					p.report(r, m.Pos, m.Key,
						"this trim marker joins %s (line %d) onto the comment line before it: production "+
							"receives no %s, the comment swallows it; keep the line break (drop the `-`)",
						m.Key, m.KeyPos.Line, m.Key)
					continue
				}
				p.report(r, m.Pos, m.Key,
					"this trim marker joins %s (line %d) onto the %s line: production receives no %s, "+
						"and %s gets its value followed by the text `%s=…`; keep the line break (drop the `-`)",
					m.Key, m.KeyPos.Line, m.Prev, m.Key, m.Prev, m.Key)
			}
		}
	},
}
