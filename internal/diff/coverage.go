package diff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

// cause is why a layer's key set is incomplete, so that the rules needing
// it are skipped: where, why, and what restores them.
type cause struct {
	pos    lint.Pos
	reason string
	fix    string
}

// layerCauses finds, once per pass, why each layer may be incomplete. A nil
// cause means the layer is complete.
func (p *pass) layerCauses() {
	c := p.c
	for _, ex := range c.Examples {
		if len(ex.Errors) > 0 && p.exampleWhy == nil {
			p.exampleWhy = &cause{ex.Errors[0].Pos, ex.File + " does not parse", "fix the syntax error (parse-error)"}
		}
	}
	if cfg := c.Config; cfg == nil {
		p.configWhy = &cause{p.firstExamplePos(), "no Go config was read", "list the config roots under config: in .envlint.yaml"}
	} else {
		switch {
		case len(cfg.Errors) > 0:
			e := cfg.Errors[0]
			p.configWhy = &cause{e.Pos, e.Pos.File + " does not parse", "fix the syntax error (parse-error)"}
		case len(cfg.Unresolved) > 0:
			u := cfg.Unresolved[0]
			p.configWhy = &cause{u.Pos, "a config root is not resolved statically",
				"describe it under config: in .envlint.yaml (dir, struct, library, prefix)"}
		case len(cfg.UnsupportedReaders) > 0:
			u := cfg.UnsupportedReaders[0]
			p.configWhy = &cause{u.Pos, "viper or koanf also reads the environment, under names envlint cannot list",
				"read those keys with os.Getenv or a config struct; no setting in .envlint.yaml restores the rules"}
		case len(cfg.DynamicReads) > 0:
			u := cfg.DynamicReads[0]
			p.configWhy = &cause{u.Pos, "the environment is read under a name computed at run time",
				"read it by a constant name, or list the function that passes the name under getenv_funcs: in .envlint.yaml"}
		case len(c.OtherLanguages) > 0:
			p.configWhy = &cause{lint.Pos{File: c.OtherLanguages[0], Line: 1},
				"the example also documents code in another language (" + c.OtherLanguages[0] + "), whose reads envlint does not see",
				"give that code an example of its own, or declare the component in .envlint.yaml to judge the example against its Go code alone"}
		case len(cfg.Keys) == 0 && len(cfg.Roots) == 0:
			p.configWhy = &cause{p.firstExamplePos(), "no Go config found",
				"list the config roots under config: in .envlint.yaml"}
		}
	}
	for _, t := range c.Templates {
		if p.vaultWhy != nil {
			break
		}
		switch {
		case len(t.Errors) > 0:
			p.vaultWhy = &cause{t.Errors[0].Pos, t.File + " does not parse", "fix the template (template-error)"}
		case len(t.Dynamic) > 0:
			p.vaultWhy = &cause{t.Dynamic[0].Pos, "a template renders a key whose name is known only at run time",
				"render that key by a constant name, or list the template's keys under ignore: in .envlint.yaml"}
		}
	}
	p.exampleOK, p.configOK, p.vaultOK = p.exampleWhy == nil, p.configWhy == nil, p.vaultWhy == nil
}

func (p *pass) firstExamplePos() lint.Pos {
	if len(p.c.Examples) > 0 {
		return lint.Pos{File: p.c.Examples[0].File, Line: 1}
	}
	return lint.Pos{}
}

// skip records that rule r did not run for the component, and why.
func (p *pass) skip(r *checker, c *cause) {
	if c == nil {
		return
	}
	p.skipped = append(p.skipped, lint.SkippedRule{Rule: r.ID, Reason: c.reason, Pos: c.pos, Fix: c.fix})
}

// coverage builds the component's coverage record from the pass, dropping
// skips of rules that are off (nothing was lost by not running them).
func (p *pass) coverage(opts Options) lint.Coverage {
	c := p.c
	cov := lint.Coverage{Component: c.Name, Checked: true, Services: slices.Clone(c.Services)}
	for _, ex := range c.Examples {
		cov.Examples = append(cov.Examples, ex.File)
	}
	for _, t := range c.Templates {
		cov.Vault = append(cov.Vault, t.File)
	}
	if cfg := c.Config; cfg != nil {
		for _, r := range cfg.Roots {
			cov.Config = append(cov.Config, lint.CoverageRoot{Root: rootName(r), Pos: r.Pos, Resolved: true})
		}
		for _, u := range cfg.Unresolved {
			cov.Config = append(cov.Config, lint.CoverageRoot{Root: u.Msg, Pos: u.Pos})
		}
	}
	for _, s := range p.skipped {
		if opts.severity(s.Rule) == lint.Off {
			continue
		}
		cov.Skipped = append(cov.Skipped, s)
	}
	slices.SortStableFunc(cov.Skipped, func(a, b lint.SkippedRule) int { return strings.Compare(a.Rule, b.Rule) })
	cov.Skipped = slices.CompactFunc(cov.Skipped, func(a, b lint.SkippedRule) bool { return a.Rule == b.Rule })
	return cov
}

// rootName names a config root for people: the struct qualified by its
// package directory.
func rootName(r lint.Root) string {
	if r.Dir == "" || r.Dir == "." {
		return r.Struct
	}
	return r.Dir + "." + r.Struct
}

func (o Options) severity(rule string) lint.Severity {
	if s, ok := o.Severity[rule]; ok {
		return s
	}
	if r, ok := Lookup(rule); ok {
		return r.Severity
	}
	return lint.Off
}

var incompleteCoverage = &checker{
	Rule: lint.Rule{
		ID:       "incomplete-coverage",
		Severity: lint.Warning,
		Category: lint.CategoryEnvlint,
		Summary:  "rules were skipped: the component is not fully checked",
		Points:   "the cause: call site, file or template line",
		Since:    "v0.2.0",
		Doc: "When envlint cannot know a layer's complete key set (a file does not parse, a config root or " +
			"prefix is not resolved statically, viper or koanf also read the environment, a template renders " +
			"a key by a run-time name), the rules that need it are skipped for the component rather than " +
			"guessing. This finding says so, once per component, at the cause, naming the skipped rules and " +
			"what restores them. `check --format json` lists the same record under `coverage`.\n\n" +
			"Failing:\n\n```go\nenvconfig.MustProcess(os.Getenv(\"APP\"), &cfg) // prefix known only at run time\n```\n\n" +
			"Passing: describe the root in `.envlint.yaml` (`config: {dir: ., struct: Config, library: kelseyhightower, prefix: APP}`). " +
			"To make the gate fail on incomplete coverage, set `rules: {incomplete-coverage: error}`.",
	},
	// Reported by Check after every other rule, from the coverage record.
}

// reportCoverage turns the coverage record into one incomplete-coverage
// finding for the component, at the first cause.
func reportCoverage(cov lint.Coverage, opts Options) []lint.Finding {
	if len(cov.Skipped) == 0 {
		return nil
	}
	type group struct {
		s     lint.SkippedRule
		rules []string
	}
	var groups []*group
	for _, s := range cov.Skipped {
		i := slices.IndexFunc(groups, func(g *group) bool { return g.s.Pos == s.Pos && g.s.Reason == s.Reason })
		if i < 0 {
			groups = append(groups, &group{s: s})
			i = len(groups) - 1
		}
		groups[i].rules = append(groups[i].rules, s.Rule)
	}
	slices.SortStableFunc(groups, func(a, b *group) int {
		if a.s.Pos == b.s.Pos {
			return 0
		}
		if a.s.Pos.Less(b.s.Pos) {
			return -1
		}
		return 1
	})
	var b strings.Builder
	fmt.Fprintf(&b, "component %s is not fully checked: %s, so %s did not run; to restore, %s",
		cov.Component, groups[0].s.Reason, strings.Join(groups[0].rules, ", "), groups[0].s.Fix)
	for _, g := range groups[1:] {
		fmt.Fprintf(&b, "; also %s (%s): %s did not run", g.s.Reason, g.s.Pos, strings.Join(g.rules, ", "))
	}
	f := lint.Finding{Rule: incompleteCoverage.ID, Severity: incompleteCoverage.Severity, Pos: groups[0].s.Pos,
		Component: cov.Component, Message: b.String()}
	return opts.resolve([]lint.Finding{f})
}
