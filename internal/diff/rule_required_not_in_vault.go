package diff

import (
	"slices"

	"github.com/envlint/envlint/internal/lint"
)

var requiredNotInVault = &checker{
	Rule: lint.Rule{
		ID:       "required-not-in-vault",
		Severity: lint.Warning,
		Category: lint.CategoryDisagree,
		Summary:  "a required config key is not rendered by any template",
		Points:   "config field",
		Since:    "v0.1.0",
		Doc: "The program refuses to start without this key, and no template provides it. Unless the " +
			"deployment sets it some other way, production fails at start-up. A key that every production " +
			"target of the component sets (a Kubernetes `secretKeyRef`, a Helm value, a Nomad `env`) is set that other way " +
			"and not reported; a target that misses it is `deploy-missing-required`. Compose files, most often the local " +
			"stack, do not count.\n\n" +
			"Failing:\n\n```go\nAPIKey string `env:\"API_KEY,required\"`\n```\nwith no template rendering `API_KEY`.\n\n" +
			"Passing: render it in a template, give it a default, or, when the platform sets it, list it " +
			"under `ignore:` or suppress the finding with `//envlint:ignore required-not-in-vault set by the platform`.",
	},
	run: func(p *pass, r *checker) {
		if !p.usesVault() {
			return
		}
		if !p.vaultOK {
			p.skip(r, p.vaultWhy)
			return
		}
		for _, k := range p.configKeys() {
			if !k.Required || p.ignored(k.Name) || len(p.rendered(k.Name)) > 0 || p.everyTargetSets(k) {
				continue
			}
			p.report(r, k.Pos, k.Name,
				"%s is required by %s but no template renders it; production fails to start unless the deployment sets it: render it in a template or give it a default",
				k.Name, k.Field)
		}
	},
}

// everyTargetSets reports whether the component has production targets
// (Kubernetes, Helm, Nomad; a compose file is most often the local stack)
// and each of them sets the key (or an alias): the deployment provides it
// without a template.
func (p *pass) everyTargetSets(k *lint.ConfigKey) bool {
	n := 0
	for _, t := range p.runtimeTargets() {
		if t.Kind == lint.DeployCompose {
			continue
		}
		names, ok := p.provided(t)
		if !ok || !slices.ContainsFunc(k.Names(), func(n string) bool { return names[n] }) {
			return false
		}
		n++
	}
	return n > 0
}
