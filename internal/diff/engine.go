package diff

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

// Component is one component's layers as the parsers read them.
type Component struct {
	Name string
	// Services are the directories of the main packages whose config the
	// component's config layer is (zero-config); empty when the component
	// is a directory or is configured.
	Services []string
	// Imports are the import paths from outside the repository that the
	// component's Go code imports: the SDKs whose variables it need not
	// document.
	Imports []string
	// OtherLanguages are project files (package.json, pyproject.toml...) of
	// code in other languages that shares the component's example, at the
	// level of its Go services: keys only they read are no orphans envlint
	// can judge.
	OtherLanguages []string
	Examples       []*lint.ExampleFile
	Templates      []*lint.Template
	// Groups lists templates (by file) that are rendered together into one
	// env file; each group is compared as the union of its templates.
	Groups [][]string
	// Config is nil when no Go config was looked for.
	Config *lint.Config
	// Ignore holds globs of keys exempt from every rule.
	Ignore []string
	// CommentedDocuments makes `# KEY=value` lines document KEY.
	CommentedDocuments bool
	// Deploy is the component's deploy layer: the targets that run or
	// build it (compose services by build context, its Dockerfiles).
	Deploy []*lint.DeployTarget
	// DeployFiles are the deployment files that belong to the component
	// (by directory): their interpolations are documented by its example
	// file, their errors are its findings.
	DeployFiles []*lint.DeployFile
	// Deployed holds the template files a deployer of the repository (a
	// Vault Agent configuration) renders; nil when the repository has no
	// deployer, so that no template is judged undeployed.
	Deployed map[string]bool
	// Repo holds the repository-wide facts the hygiene rules read; nil
	// turns those rules off for the component.
	Repo *Repo
	// RuntimeEnvFiles are the calls by which the component's programs load
	// an env file named only when they run (godotenv.Overload(*flagFile)):
	// a deployment may set any key through that file.
	RuntimeEnvFiles []lint.Pos
}

// Options tune a check.
type Options struct {
	// Severity overrides rules' default severities by id.
	Severity map[string]lint.Severity
}

// Check runs every rule on one component and returns its findings, with
// ignore directives applied and severities resolved. Rules at Off are dropped.
func Check(c *Component, opts Options) []lint.Finding {
	fs, _ := CheckCoverage(c, opts)
	return fs
}

// CheckCoverage is Check that also returns what the check covered. Rules
// that were skipped are reported once, as incomplete-coverage.
func CheckCoverage(c *Component, opts Options) ([]lint.Finding, lint.Coverage) {
	p := newPass(c)
	for _, r := range registry {
		if r.run != nil {
			r.run(p, r)
		}
	}
	cov := p.coverage(opts)
	p.findings = append(p.findings, reportCoverage(cov, Options{})...)
	return opts.resolve(p.suppress()), cov
}

// resolve applies the severity overrides and drops the findings of rules
// that are off.
func (o Options) resolve(fs []lint.Finding) []lint.Finding {
	out := fs[:0]
	for _, f := range fs {
		if s, ok := o.Severity[f.Rule]; ok {
			f.Severity = s
		}
		if f.Severity != lint.Off {
			out = append(out, f)
		}
	}
	return out
}

// pass holds one component's indexes while the rules run.
type pass struct {
	c        *Component
	findings []lint.Finding

	examples  map[string][]*lint.ExampleEntry // documenting entries by name
	config    map[string][]*lint.ConfigKey    // by every name a key accepts
	vault     map[string][]vaultRef           // rendered keys by name, env templates only
	envTmpls  []*lint.Template                // templates that render env files
	families  []*regexp.Regexp
	ignore    []string
	exampleOK bool // every example file parsed
	configOK  bool // the Go config was found and fully resolved
	vaultOK   bool // every template parsed and all its keys are static
	// Why each layer is incomplete (nil: it is complete), and the rules
	// skipped because of it.
	exampleWhy, configWhy, vaultWhy *cause
	skipped                         []lint.SkippedRule
}

type vaultRef struct {
	key  *lint.VaultKey
	tmpl *lint.Template
}

func newPass(c *Component) *pass {
	p := &pass{
		c:        c,
		examples: map[string][]*lint.ExampleEntry{},
		config:   map[string][]*lint.ConfigKey{},
		vault:    map[string][]vaultRef{},
		ignore:   c.Ignore,
	}
	p.layerCauses()
	for _, ex := range c.Examples {
		for i := range ex.Entries {
			e := &ex.Entries[i]
			if e.Commented && !c.CommentedDocuments {
				continue
			}
			p.examples[e.Name] = append(p.examples[e.Name], e)
		}
	}
	if cfg := c.Config; cfg != nil {
		for i := range cfg.Keys {
			k := &cfg.Keys[i]
			for _, n := range k.Names() {
				p.config[n] = append(p.config[n], k)
			}
		}
		for _, f := range cfg.Families {
			p.families = append(p.families, familyRegexp(f))
		}
	}
	for _, t := range c.Templates {
		if t.NotEnv != "" || len(t.Errors) > 0 {
			continue
		}
		p.envTmpls = append(p.envTmpls, t)
		for i := range t.Keys {
			k := &t.Keys[i]
			p.vault[k.Name] = append(p.vault[k.Name], vaultRef{k, t})
		}
	}
	return p
}

// familyRegexp turns ITEMS_<n>_NAME into a pattern matching ITEMS_0_NAME.
func familyRegexp(f string) *regexp.Regexp {
	return regexp.MustCompile("^" + strings.ReplaceAll(regexp.QuoteMeta(f), "<n>", "[0-9]+") + "$")
}

// usesVault reports whether vault rules apply: only components with at
// least one template get Vault findings.
func (p *pass) usesVault() bool { return len(p.c.Templates) > 0 }

// ignored reports whether a key is exempt from every rule.
func (p *pass) ignored(name string) bool {
	for _, g := range p.ignore {
		if ok, _ := path.Match(g, name); ok {
			return true
		}
	}
	return false
}

// group returns every name that means the same variable as name: the key
// and aliases of the config fields that accept it, or just name.
func (p *pass) group(name string) []string {
	ks := p.config[name]
	if len(ks) == 0 {
		return []string{name}
	}
	var ns []string
	for _, k := range ks {
		ns = append(ns, k.Names()...)
	}
	slices.Sort(ns)
	return slices.Compact(ns)
}

func (p *pass) inConfig(name string) bool {
	if len(p.config[name]) > 0 {
		return true
	}
	for _, re := range p.families {
		if re.MatchString(name) {
			return true
		}
	}
	return false
}

func (p *pass) documented(name string) bool {
	for _, n := range p.group(name) {
		if len(p.examples[n]) > 0 {
			return true
		}
	}
	return false
}

// rendered returns the templates' keys for name or any of its aliases.
func (p *pass) rendered(name string) []vaultRef {
	var rs []vaultRef
	for _, n := range p.group(name) {
		rs = append(rs, p.vault[n]...)
	}
	return rs
}

// report records a finding at the rule's default severity.
func (p *pass) report(r *checker, pos lint.Pos, key, format string, args ...any) *lint.Finding {
	p.findings = append(p.findings, lint.Finding{
		Rule: r.ID, Severity: r.Severity, Pos: pos, Key: key,
		Component: p.c.Name, Message: fmt.Sprintf(format, args...),
	})
	return &p.findings[len(p.findings)-1]
}

// exampleFiles names the component's example files for messages.
func (p *pass) exampleFiles() string {
	var fs []string
	for _, ex := range p.c.Examples {
		fs = append(fs, ex.File)
	}
	if len(fs) == 0 {
		return "the example file"
	}
	return strings.Join(fs, ", ")
}

// sortedKeys returns a map's keys in order, so rules report deterministically.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
