package diff

import "github.com/envlint/envlint/internal/lint"

var infraKeyInApp = &checker{
	Rule: lint.Rule{
		ID:       "infra-key-in-app",
		Severity: lint.Error,
		Category: lint.CategoryInside,
		Summary:  "an infrastructure key appears in a service's layers",
		Points:   "the key's line",
		Since:    "v0.2.0",
		Doc: "Infrastructure credentials (a Vault root token, a deployment API key) configure the people and " +
			"pipelines that run services, never a service itself: one that reaches an application container " +
			"can be read by anything that compromises it. Infrastructure keys are the globs of `infra:` in " +
			"`.envlint.yaml` (default `[\"*_ROOT_TOKEN\"]`) and every key an `.envrc` file (direnv) exports. " +
			"A service's config field, template, example entry or deployment that names one is reported, " +
			"with the place that declares it infrastructure.\n\nFailing:\n\n```\n# .envrc\n" +
			"export DEPLOY_API_KEY=...\n# apps/api/.env.example\nDEPLOY_API_KEY=\n```\n\n" +
			"Passing: the service gets a narrowly scoped credential of its own (`API_VAULT_TOKEN` from a Vault " +
			"role), and the infrastructure key stays in the operator's shell or the pipeline.",
	},
	run: func(p *pass, r *checker) {
		if p.c.Repo == nil {
			return
		}
		seen := map[lint.Pos]bool{}
		check := func(name string, pos lint.Pos, layer string) {
			if seen[pos] || p.ignored(name) {
				return
			}
			ok, decl, glob := p.c.Repo.infraKey(name)
			if !ok {
				return
			}
			seen[pos] = true
			why := "it matches the infra glob " + glob
			if decl.File != "" {
				why = "exported by " + decl.String()
			}
			f := p.report(r, pos, name, "%s is an infrastructure key (%s) but component %s names it in its %s; give the service a credential of its own and keep %s out of it",
				name, why, p.c.Name, layer, name)
			if decl.File != "" {
				f.Related = []lint.Related{{Pos: decl, Message: name + " is exported here"}}
			}
		}
		for _, k := range p.configKeys() {
			for _, n := range k.Names() {
				check(n, k.Pos, "config ("+k.Field+")")
			}
		}
		for _, t := range p.c.Templates {
			for _, k := range t.Keys {
				check(k.Name, k.Pos, "template "+t.File)
			}
		}
		for _, ex := range p.c.Examples {
			for _, e := range ex.Entries {
				if !e.Commented || p.c.CommentedDocuments {
					check(e.Name, e.Pos, "example "+ex.File)
				}
			}
		}
		for _, t := range p.c.Deploy {
			if !p.runsService(t) {
				continue // another program built from the same context
			}
			for _, k := range t.Keys {
				check(k.Name, k.Pos, "deployment "+t.Name)
			}
		}
	},
}
