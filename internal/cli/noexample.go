package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

// missingExamples makes the gate fail where the example layer is missing
// while config is there: a repository whose example file was deleted
// would otherwise pass with a few warnings (#15 item 15). Config and
// templates that belong to no component are errors when no component
// exists at all, and a configured component whose config has no example
// file gets an error at its config root. A repository of templates alone
// (an infrastructure repository) is not affected. Both are unresolved-config, so
// rules: {unresolved-config: ...} in .envlint.yaml still decides.
func (p *project) missingExamples(fs []lint.Finding) []lint.Finding {
	if _, overridden := p.cfg.Rules["unresolved-config"]; overridden {
		return fs
	}
	goConfig := slices.ContainsFunc(fs, func(f lint.Finding) bool {
		return f.Rule == "unresolved-config" && strings.HasSuffix(f.Pos.File, ".go")
	})
	if len(p.components) == 0 && goConfig && !p.manifest {
		for i := range fs {
			if fs[i].Rule == "unresolved-config" {
				fs[i].Severity = lint.Error
			}
		}
	}
	for _, c := range p.components {
		if p.manifest {
			break // an infrastructure repository: templates and a manifest, no example
		}
		if len(c.Examples) > 0 || c.Config == nil || len(c.Config.Keys) == 0 {
			continue
		}
		pos := c.Config.Keys[0].Pos
		if len(c.Config.Roots) > 0 && c.Config.Roots[0].Pos.File != "" {
			pos = c.Config.Roots[0].Pos
		}
		fs = append(fs, lint.Finding{Rule: "unresolved-config", Severity: lint.Error, Pos: pos, Component: c.Name,
			Message: fmt.Sprintf("component %s reads %d keys but has no example file; add .env.example, or name one under example: in .envlint.yaml", c.Name, len(c.Config.Keys))})
	}
	return fs
}
