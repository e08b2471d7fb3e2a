package diff

import "github.com/envlint/envlint/internal/lint"

var templateNotDeployed = &checker{
	Rule: lint.Rule{
		ID:       "template-not-deployed",
		Severity: lint.Warning,
		Category: lint.CategoryDisagree,
		Summary:  "no deployer renders a template",
		Points:   "template line 1",
		Since:    "v0.2.0",
		Doc: "In a repository that deploys templates with Vault Agent or Nomad (a `template { source = ... }` stanza " +
			"or block), a template that none names is never rendered: its keys reach no environment. Usually a " +
			"renamed or moved file. Repositories without a Vault Agent configuration or Nomad job get no finding.\n\n" +
			"Failing: `deploy/worker.ctmpl`, with `agent.hcl` rendering only `deploy/api.ctmpl`.\n\n" +
			"Passing:\n\n```hcl\ntemplate {\n  source      = \"deploy/worker.ctmpl\"\n  destination = \"/vault/secrets/worker.env\"\n}\n```",
	},
	run: func(p *pass, r *checker) {
		if p.c.Deployed == nil {
			return
		}
		for _, t := range p.c.Templates {
			if p.c.Deployed[t.File] {
				continue
			}
			if t.Pos.File != "" {
				// An injector annotation the injector ignores.
				p.report(r, t.Start(), "",
					"%s is rendered by no deployer: the Vault Agent injector renders an agent-inject-template-<name> only beside an agent-inject-secret-<name>, on a pod annotated vault.hashicorp.com/agent-inject: \"true\"; add them, or remove it",
					t.File)
				continue
			}
			p.report(r, t.Start(), "",
				"%s is rendered by no Vault Agent configuration or Nomad job of the repository; add a template stanza with source = %q, or remove it",
				t.File, t.File)
		}
	},
}
