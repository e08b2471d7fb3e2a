package diff

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

var vaultPathConvention = &checker{
	Rule: lint.Rule{
		ID:       "vault-path-convention",
		Severity: lint.Off,
		Category: lint.CategoryInside,
		Summary:  "a template's secret path does not follow vault_path",
		Points:   "template line",
		Since:    "v0.2.0",
		Doc: "One path convention for every secret makes Vault policies and audits simple " +
			"(`path \"secret/data/+/production/*\"`). Set it with `vault_path:` in `.envlint.yaml` and turn the " +
			"rule on (`rules: {vault-path-convention: error}`). Placeholders: `{project}` is any one path " +
			"segment; `{component}` is the component's name (its last path element); `{env}` is a literal " +
			"environment name (production, prod, staging, stage, dev, development, test, qa, uat, preprod, " +
			"sandbox, preview, local, ...) or a `printf` verb fed by `env \"ENV\"` (or another variable named " +
			"`*ENV`, `*ENVIRONMENT` or `*STAGE`). Each `secret` call is checked.\n\n" +
			"Failing, with `vault_path: secret/data/{project}/{env}/{component}` in component `api`:\n\n" +
			"```\n{{ with secret \"secret/data/api/prod\" }}\n```\n\nPassing:\n\n" +
			"```\n{{ with secret (printf \"secret/data/acme/%s/api\" (env \"ENV\")) }}\n```",
	},
	run: func(p *pass, r *checker) {
		if p.c.Repo == nil || p.c.Repo.VaultPath == "" {
			return
		}
		conv := p.c.Repo.VaultPath
		for _, t := range p.c.Templates {
			for _, s := range t.Secrets {
				if s.Path == "" {
					continue // computed beyond a printf format: nothing to compare
				}
				name := p.c.Name
				if name == "." {
					name = p.c.Repo.RootName
				}
				if why := vaultPathMismatch(conv, s, name); why != "" {
					p.report(r, s.Pos, "", "secret path %q does not follow vault_path %s: %s", s.Path, conv, why)
				}
			}
		}
	},
}

// envNames are the environment names {env} accepts as literals.
var envNames = []string{"production", "prod", "prd", "live", "staging", "stage", "stg", "development", "dev",
	"test", "testing", "qa", "uat", "preprod", "pre-prod", "preproduction", "sandbox", "demo", "preview",
	"local", "ci", "perf", "canary", "integration", "int", "acceptance", "acc", "nonprod", "non-prod"}

// envVar matches an env read that names the environment: env "ENV",
// env "APP_ENV", env "ENVIRONMENT", env "STAGE".
var envVar = regexp.MustCompile(`^env\s+"(?:[A-Za-z0-9_]*_)?(?:ENV|ENVIRONMENT|STAGE)"$`)

// printfVerb matches one verb of a printf format.
var printfVerb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// vaultPathMismatch explains how a secret path departs from the
// convention, or returns "".
func vaultPathMismatch(conv string, s lint.SecretRef, component string) string {
	// Turn each verb into a marker the convention's pattern can tell from
	// text: \x00 followed by the verb's index.
	var verbs []string
	n := 0
	marked := printfVerb.ReplaceAllStringFunc(s.Path, func(v string) string {
		if v == "%%" {
			return "%"
		}
		i := n
		n++
		arg := ""
		if i < len(s.PathArgs) {
			arg = s.PathArgs[i]
		}
		verbs = append(verbs, arg)
		return fmt.Sprintf("\x00%d\x00", i)
	})
	var names []string
	var b strings.Builder
	b.WriteString("^")
	rest := conv
	for {
		i := strings.IndexByte(rest, '{')
		j := strings.IndexByte(rest, '}')
		if i < 0 || j < i {
			b.WriteString(regexp.QuoteMeta(rest))
			break
		}
		b.WriteString(regexp.QuoteMeta(rest[:i]))
		b.WriteString(`([^/]+)`)
		names = append(names, rest[i+1:j])
		rest = rest[j+1:]
	}
	b.WriteString("$")
	m := regexp.MustCompile(b.String()).FindStringSubmatch(marked)
	if m == nil {
		return "the path has another shape"
	}
	base := path.Base(component)
	for i, name := range names {
		got := m[i+1]
		verb := -1
		if strings.HasPrefix(got, "\x00") && strings.HasSuffix(got, "\x00") && strings.Count(got, "\x00") == 2 {
			fmt.Sscanf(got[1:len(got)-1], "%d", &verb)
		} else if strings.Contains(got, "\x00") {
			return fmt.Sprintf("{%s} is partly computed", name)
		}
		switch name {
		case "env":
			if verb >= 0 {
				if !envVar.MatchString(strings.TrimSpace(verbs[verb])) {
					return "{env} is filled by something other than env \"ENV\""
				}
			} else if !slices.Contains(envNames, strings.ToLower(got)) {
				return fmt.Sprintf("{env} is %q, not an environment name", got)
			}
		case "component":
			if verb >= 0 {
				return "{component} is computed; write the component's name"
			}
			if component != "" && got != base && got != component {
				return fmt.Sprintf("{component} is %q, not %s", got, base)
			}
		case "project":
			if verb >= 0 {
				return "{project} is computed; write the project's name"
			}
		}
	}
	return ""
}
