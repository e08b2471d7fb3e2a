package diff

import (
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

var vaultKeyMissingInTemplate = &checker{
	Rule: lint.Rule{
		ID:       "vault-key-missing-in-template",
		Severity: lint.Error,
		Category: lint.CategoryDisagree,
		Summary:  "one of several templates lacks a key another renders",
		Points:   "the lacking template's with secret line",
		Since:    "v0.1.0",
		Doc: "A component deployed to several environments has one template each (production, staging, a " +
			"preview per pull request). A required or `[VAULT]` key that one of them forgets breaks that " +
			"environment only.\n\nFailing: `deploy/prod/secrets.ctmpl` renders `STRIPE_KEY`, " +
			"`deploy/preview/secrets.ctmpl` does not, and `STRIPE_KEY` is required.\n\n" +
			"Passing: render it in every template. Templates rendered together into one env file are " +
			"listed as a group, and the group is compared as a whole:\n\n```yaml\nvault_groups: [[\"deploy/app/*.ctmpl\"]]\n```",
	},
	run: func(p *pass, r *checker) {
		if !p.vaultOK {
			p.skip(r, p.vaultWhy)
			return
		}
		units := p.renderUnits()
		if len(units) < 2 {
			return
		}
		for _, name := range p.mustRender() {
			var have, lack []renderUnit
			for _, u := range units {
				if u.renders(p, name) {
					have = append(have, u)
				} else {
					lack = append(lack, u)
				}
			}
			if len(have) == 0 {
				continue
			}
			var by []string
			for _, u := range have {
				by = append(by, u.name())
			}
			for _, u := range lack {
				p.report(r, u.pos(), name,
					"%s is rendered by %s but not by %s; render it here too, or list templates rendered into one env file together under vault_groups",
					name, strings.Join(by, ", "), u.name())
			}
		}
	},
}

// renderUnit is a template, or a group of templates rendered into one file.
type renderUnit []*lint.Template

func (u renderUnit) name() string {
	var ns []string
	for _, t := range u {
		ns = append(ns, t.File)
	}
	return strings.Join(ns, " + ")
}

func (u renderUnit) pos() lint.Pos {
	t := u[0]
	if len(t.Secrets) > 0 {
		return t.Secrets[0].Pos
	}
	return t.Start()
}

func (u renderUnit) renders(p *pass, name string) bool {
	for _, n := range p.group(name) {
		for _, t := range u {
			for _, k := range t.Keys {
				if k.Name == n {
					return true
				}
			}
		}
	}
	return false
}

// renderUnits splits the env templates into groups and lone templates.
func (p *pass) renderUnits() []renderUnit {
	grouped := map[string]bool{}
	var units []renderUnit
	for _, g := range p.c.Groups {
		var u renderUnit
		for _, t := range p.envTmpls {
			if slices.Contains(g, t.File) && !grouped[t.File] {
				grouped[t.File] = true
				u = append(u, t)
			}
		}
		if len(u) > 0 {
			units = append(units, u)
		}
	}
	for _, t := range p.envTmpls {
		if !grouped[t.File] {
			units = append(units, renderUnit{t})
		}
	}
	return units
}

// mustRender returns the keys every template must render: required config
// keys and [VAULT]-marked example keys, one name per variable, sorted.
func (p *pass) mustRender() []string {
	set := map[string]bool{}
	for _, k := range p.configKeys() {
		if k.Required && !p.ignored(k.Name) {
			set[k.Name] = true
		}
	}
	for _, n := range sortedKeys(p.examples) {
		for _, e := range p.examples[n] {
			if e.VaultMarker && !p.ignored(n) {
				set[p.canonical(n)] = true
			}
		}
	}
	return sortedKeys(set)
}

// canonical returns the key of the config field that accepts name, or name.
func (p *pass) canonical(name string) string {
	if ks := p.config[name]; len(ks) > 0 {
		return ks[0].Name
	}
	return name
}
