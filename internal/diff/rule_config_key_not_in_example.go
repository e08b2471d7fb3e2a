package diff

import "github.com/envlint/envlint/internal/lint"

var configKeyNotInExample = &checker{
	Rule: lint.Rule{
		ID:       "config-key-not-in-example",
		Severity: lint.Error,
		Category: lint.CategoryDisagree,
		Summary:  "a config field reads a key the example does not document",
		Points:   "config field",
		Since:    "v0.1.0",
		Doc: "Every variable the program reads belongs in the example file, so that a developer who copies it " +
			"to `.env` gets a working setup. `envlint fix` adds the missing entries.\n\n" +
			"Failing:\n\n```go\nFeatureX bool `env:\"FEATURE_X\"`\n```\nwith no `FEATURE_X` in `.env.example`.\n\n" +
			"Passing:\n\n```\nFEATURE_X=false\n```\n\nA commented-out `# FEATURE_X=true` documents the key too.",
	},
	run: func(p *pass, r *checker) {
		if len(p.c.Examples) == 0 {
			return
		}
		if !p.exampleOK {
			p.skip(r, p.exampleWhy)
			return
		}
		orphans := p.exampleOrphans()
		for _, k := range p.configKeys() {
			if p.documented(k.Name) || p.ignored(k.Name) || (k.Source == "getenv" && osVariables[k.Name]) || p.ambient(k.Name) || k.SelectsEnvFile {
				continue
			}
			f := p.report(r, k.Pos, k.Name,
				"%s is read by %s but not documented in %s; add %s= to it%s",
				k.Name, k.Field, p.exampleFiles(), k.Name, didYouMean(nearest(k.Name, orphans)))
			f.Fix = &lint.Fix{Message: "add " + k.Name + "= to " + p.c.Examples[0].File}
		}
	},
}

// osVariables are set by the operating system or the shell, not by the
// service's deployment: a direct os.Getenv("HOME") does not make HOME a
// setting to document. A struct field that reads one is still reported.
var osVariables = map[string]bool{
	"HOME": true, "PATH": true, "USER": true, "USERNAME": true, "LOGNAME": true, "SHELL": true,
	"PWD": true, "OLDPWD": true, "TMPDIR": true, "TEMP": true, "TMP": true, "HOSTNAME": true,
	"TERM": true, "LANG": true, "LC_ALL": true, "XDG_CONFIG_HOME": true, "XDG_CACHE_HOME": true,
	"XDG_DATA_HOME": true, "XDG_RUNTIME_DIR": true, "USERPROFILE": true, "APPDATA": true,
}

// configKeys returns each config key once, in source order.
func (p *pass) configKeys() []*lint.ConfigKey {
	if p.c.Config == nil {
		return nil
	}
	seen := map[string]bool{}
	var ks []*lint.ConfigKey
	for i := range p.c.Config.Keys {
		k := &p.c.Config.Keys[i]
		if !seen[k.Name] {
			seen[k.Name] = true
			ks = append(ks, k)
		}
	}
	return ks
}

// exampleOrphans returns the documented names that no config field reads.
func (p *pass) exampleOrphans() []string {
	var ns []string
	for _, n := range sortedKeys(p.examples) {
		if !p.inConfig(n) {
			ns = append(ns, n)
		}
	}
	return ns
}
