package cli

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/config"
	"github.com/envlint/envlint/internal/diff"
	"github.com/envlint/envlint/internal/discover"
	"github.com/envlint/envlint/internal/fix"
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/compose"
	"github.com/envlint/envlint/internal/parse/ctmpl"
	"github.com/envlint/envlint/internal/parse/dockerfile"
	"github.com/envlint/envlint/internal/parse/dotenv"
	"github.com/envlint/envlint/internal/parse/nomad"
	"github.com/envlint/envlint/internal/parse/vaultagent"
)

// deployLayer is what the deploy readers read from the whole repository.
type deployLayer struct {
	compose     []*lint.DeployFile
	dockerfiles []*lint.DeployFile
	agents      []*lint.AgentConfig
	nomad       []*lint.DeployFile
	kube        []*lint.DeployFile
	kustomize   []*lint.DeployFile // one per built overlay
	helm        []*lint.DeployFile // one per chart and rendered template
	charts      []*helmChart
	// attached records the compose files a component judges (their
	// interpolations and errors), so that each has one.
	attached map[*lint.DeployFile]bool
}

// loadDeploy reads the deployment files the walk found and links them to
// the components; dirs[i] is the directory of p.components[i]. cfgName is
// the config file's name when the layout is configured, for messages.
func (p *project) loadDeploy(tree *discover.Tree, dirs []string, cfgName string) error {
	if (len(tree.Deploy) == 0 && len(tree.YAML) == 0) || len(p.components) == 0 {
		return nil
	}
	l := p.readDeploy(tree.Deploy)
	kz := p.readKustomize(tree.Deploy)
	l.kustomize = kz.files
	kl := p.readKube(slices.DeleteFunc(slices.Clone(tree.YAML), func(f string) bool { return kz.claimed[f] }))
	l.kube = kl.files
	l.charts = p.readHelm(tree.YAML)
	for _, hc := range l.charts {
		l.helm = append(l.helm, hc.files...)
	}
	var configured []config.Component
	if p.cfg != nil && len(p.cfg.Components) == len(p.components) {
		configured = p.cfg.Components
	}
	homes := p.linkNomad(l, configured, dirs)
	p.linkKube(l, kl, configured, dirs, homes)
	p.linkKube(l, &kubeLayer{files: kz.files}, configured, dirs, homes)
	p.linkHelm(l, l.charts, configured, dirs, homes)
	owner := func(file string) *diff.Component {
		if o := discover.Owner(file, dirs); o != "" {
			return p.components[slices.Index(dirs, o)]
		}
		return nil
	}

	// Vault Agent: which templates are deployed, and where they are written.
	var deployed map[string]bool
	if len(kl.unrendered) > 0 {
		deployed = map[string]bool{} // the repository uses the injector
	}
	var dests []agentDest
	agents := l.agents
	for _, nf := range slices.Concat(l.nomad, l.kube, l.kustomize, l.helm) {
		// A Nomad job renders its templates itself, like an agent; the
		// Vault injector renders a manifest's annotations.
		if len(nf.Templates) > 0 || nf.Kind == lint.DeployNomad {
			agents = append(agents, &lint.AgentConfig{File: nf.File, Templates: nf.Templates})
		}
	}
	for _, a := range agents {
		if deployed == nil {
			deployed = map[string]bool{}
		}
		c := owner(a.File)
		if c == nil {
			c = homes[a.File]
		}
		if len(a.Errors) > 0 && c != nil {
			c.DeployFiles = append(c.DeployFiles, &lint.DeployFile{File: a.File, Kind: lint.DeployAgent, Errors: a.Errors})
		}
		for _, t := range a.Templates {
			src := t.Source
			if t.Contents != nil {
				src = t.Contents.File // the agent file, or an annotation of a manifest
				if c != nil && !slices.ContainsFunc(c.Templates, func(x *lint.Template) bool { return x.File == src }) {
					c.Templates = append(c.Templates, t.Contents)
				}
			}
			deployed[src] = true
			if t.Destination != "" {
				dests = append(dests, agentDest{t.Destination, src})
			}
		}
	}
	// An agent running in a container names its templates by paths inside
	// it (/vault/templates/api.ctmpl): those match a repository template
	// of the same name.
	for _, d := range slices.Collect(maps.Keys(deployed)) {
		if !path.IsAbs(d) {
			continue
		}
		for _, c := range p.components {
			for _, t := range c.Templates {
				if path.Base(t.File) == path.Base(d) {
					deployed[t.File] = true
				}
			}
		}
	}
	for _, c := range p.components {
		c.Deployed = deployed
	}

	for _, df := range l.dockerfiles {
		if c := owner(df.File); c != nil {
			if len(df.Errors) > 0 {
				c.DeployFiles = append(c.DeployFiles, df)
			}
			for i := range df.Targets {
				c.Deploy = append(c.Deploy, &df.Targets[i])
			}
		}
	}

	for _, cf := range l.compose {
		var home *diff.Component
		for i := range cf.Targets {
			t := &cf.Targets[i]
			p.resolveEnvFiles(cf, t, dests, tree.Examples)
			for _, c := range p.linkTarget(t, configured, dirs) {
				c.Deploy = append(c.Deploy, t)
				home = cmpOr(home, c)
			}
		}
		if c := owner(cf.File); c != nil {
			home = c
		}
		if home != nil {
			home.DeployFiles = append(home.DeployFiles, cf)
			l.attached[cf] = true
		}
	}
	return p.environments(configured, l, cfgName)
}

func cmpOr(a, b *diff.Component) *diff.Component {
	if a != nil {
		return a
	}
	return b
}

// linkTarget returns the components a compose target deploys: those whose
// deploy: names it, else (zero config) the one whose directory holds the
// Dockerfile or build context. Image-only services deploy none.
func (p *project) linkTarget(t *lint.DeployTarget, configured []config.Component, dirs []string) []*diff.Component {
	var cs []*diff.Component
	anyListed := false
	for i, cc := range configured {
		if len(cc.Deploy) == 0 {
			continue
		}
		anyListed = true
		if matchTarget(cc.Deploy, t.Name) {
			cs = append(cs, p.components[i])
		}
	}
	if len(cs) > 0 || t.Context == "" {
		return cs
	}
	at := t.Context + "/"
	if t.Dockerfile != "" {
		at = t.Dockerfile
	}
	if o := discover.Owner(at, dirs); o != "" {
		c := p.components[slices.Index(dirs, o)]
		// A component that lists its targets gets only those.
		if i := slices.Index(dirs, o); !anyListed || i >= len(configured) || len(configured[i].Deploy) == 0 {
			cs = append(cs, c)
		}
	}
	return cs
}

// matchTarget reports whether a deploy: entry names a target: the target
// itself ("docker-compose.yml#api"), a glob of files with an optional
// #service (or Kubernetes workload, see kubeTarget), or the file alone
// (all its services).
func matchTarget(patterns []string, name string) bool {
	file, svc, _ := strings.Cut(name, "#")
	for _, pat := range patterns {
		pf, ps, hasSvc := strings.Cut(pat, "#")
		if ok, _ := path.Match(cleanRel(pf), file); !ok {
			continue
		}
		if !hasSvc || ps == svc || kubeTarget(ps, svc) {
			return true
		}
	}
	return false
}

// resolveEnvFiles decides, for each env file a target loads that could
// not be read, whether a deployed template renders it (its keys then reach
// the target), a developer creates it from the example beside it (the
// `.env` that .gitignore keeps out of the repository), or compose fails
// without it. In the first two cases its keys cannot be known.
func (p *project) resolveEnvFiles(cf *lint.DeployFile, t *lint.DeployTarget, dests []agentDest, examples map[string]string) {
	t.Incomplete = false
	for _, u := range t.Unread {
		rendered := ""
		for _, d := range dests {
			if d.file == u.File || path.Base(d.file) == path.Base(u.File) {
				rendered = d.template
			}
		}
		switch {
		case rendered != "":
			t.Templates = append(t.Templates, rendered)
		case fromExample(u.File, examples):
			t.Incomplete = true
		case u.Required:
			t.Incomplete = true
			cf.Errors = append(cf.Errors, lint.Problem{Pos: u.Pos,
				Msg: fmt.Sprintf("env_file %s of %s cannot be read (%s) and no deployed template renders it; compose up fails without it", u.File, t.Name, u.Err)})
		default:
			t.Incomplete = true
		}
	}
}

// environments adds the targets of each component's environments: from
// .envlint.yaml, with the templates Vault renders for them there.
func (p *project) environments(configured []config.Component, l *deployLayer, cfgName string) error {
	for i, cc := range configured {
		c := p.components[i]
		for _, name := range slices.Sorted(maps.Keys(cc.Environments)) {
			env := cc.Environments[name]
			var tmpls []string
			for _, g := range env.Vault {
				ms, err := glob(os.DirFS(p.root), g)
				if err != nil || len(ms) == 0 {
					return &runError{fmt.Sprintf("%s:%d: environment %s: vault pattern %q matches no file", cfgName, cc.Line, name, g)}
				}
				for _, m := range ms {
					if c.Deployed != nil {
						c.Deployed[m] = true // rendered for the environment's targets
					}
					if !slices.ContainsFunc(c.Templates, func(t *lint.Template) bool { return t.File == m }) {
						c.Templates = append(c.Templates, p.parseTemplate(m, ctmpl.Options{}))
					}
				}
				tmpls = append(tmpls, ms...)
			}
			found := false
			for _, cf := range slices.Concat(l.compose, l.dockerfiles, l.nomad, l.kube, l.kustomize, l.helm) {
				for _, t := range cf.Targets {
					if !matchTarget(env.Deploy, t.Name) || !helmEnvironment(&t, name, l.charts) {
						continue
					}
					found = true
					if !l.attached[cf] && cf.Kind != lint.DeployDockerfile {
						c.DeployFiles = append(c.DeployFiles, cf)
						l.attached[cf] = true
					}
					et := t
					et.Environment = name
					et.Templates = append(slices.Clip(t.Templates), tmpls...)
					c.Deploy = append(c.Deploy, &et)
				}
			}
			if !found && len(env.Deploy) > 0 {
				return &runError{fmt.Sprintf("%s:%d: environment %s: deploy %q names no compose service, Nomad task, Kubernetes container, Helm chart or Dockerfile", cfgName, cc.Line, name, strings.Join(env.Deploy, ", "))}
			}
		}
	}
	return nil
}

// agentDest is where a Vault Agent writes a template.
type agentDest struct {
	file     string // the destination as written
	template string // the template file rendering it
}

// readDeploy reads every deployment file, concurrently.
func (p *project) readDeploy(files []string) *deployLayer {
	l := &deployLayer{attached: map[*lint.DeployFile]bool{}}
	composeByDir := map[string][]string{}
	var dockerfiles, agents, nomads []string
	for _, f := range files {
		switch discover.DeployKind(path.Base(f)) {
		case "compose":
			composeByDir[path.Dir(f)] = append(composeByDir[path.Dir(f)], path.Base(f))
		case "dockerfile":
			dockerfiles = append(dockerfiles, f)
		case "agent":
			agents = append(agents, f)
		case "nomad":
			nomads = append(nomads, f)
		}
	}
	var jobs []func()
	for _, dir := range slices.Sorted(maps.Keys(composeByDir)) {
		for _, names := range compose.Projects(composeByDir[dir]) {
			files := make([]string, len(names))
			for i, n := range names {
				files[i] = path.Join(dir, n)
			}
			i := len(l.compose)
			l.compose = append(l.compose, nil)
			jobs = append(jobs, func() { l.compose[i] = p.readCompose(files) })
		}
	}
	l.dockerfiles = make([]*lint.DeployFile, len(dockerfiles))
	for i, f := range dockerfiles {
		jobs = append(jobs, func() {
			data, prob := p.readSource(f)
			if prob != nil {
				l.dockerfiles[i] = &lint.DeployFile{File: f, Kind: lint.DeployDockerfile, Errors: []lint.Problem{*prob}}
				return
			}
			l.dockerfiles[i] = dockerfile.Parse(f, data)
		})
	}
	agentCfgs := make([]*lint.AgentConfig, len(agents))
	for i, f := range agents {
		jobs = append(jobs, func() {
			data, prob := p.readSource(f)
			if prob != nil {
				return // not known to be an agent configuration
			}
			defer recoverParse(f, func(pr lint.Problem) { agentCfgs[i] = &lint.AgentConfig{File: f, Errors: []lint.Problem{pr}} })
			agentCfgs[i] = vaultagent.Parse(f, data)
		})
	}
	l.nomad = make([]*lint.DeployFile, len(nomads))
	for i, f := range nomads {
		jobs = append(jobs, func() {
			data, prob := p.readSource(f)
			if prob != nil {
				l.nomad[i] = &lint.DeployFile{File: f, Kind: lint.DeployNomad, Errors: []lint.Problem{*prob}}
				return
			}
			defer recoverParse(f, func(pr lint.Problem) {
				l.nomad[i] = &lint.DeployFile{File: f, Kind: lint.DeployNomad, Errors: []lint.Problem{pr}}
			})
			l.nomad[i] = nomad.Parse(f, data)
		})
	}
	runAll(jobs)
	for _, a := range agentCfgs {
		if a != nil {
			l.agents = append(l.agents, a)
		}
	}
	return l
}

// readCompose loads one compose project, interpolating from the .env file
// next to its main file as compose does.
func (p *project) readCompose(files []string) (df *lint.DeployFile) {
	defer recoverParse(files[0], func(pr lint.Problem) {
		df = &lint.DeployFile{File: files[0], Kind: lint.DeployCompose, Errors: []lint.Problem{pr}}
	})
	env := map[string]string{}
	dotEnv := path.Join(path.Dir(files[0]), ".env")
	if data, prob := p.readSource(dotEnv); prob == nil {
		for _, e := range dotenv.Parse(dotEnv, data).Entries {
			if !e.Commented {
				env[e.Name] = e.Value
			}
		}
	}
	return compose.Load(p.root, files, env)
}

// composeVariableEdit turns a compose-variable-undocumented finding into
// an edit adding the variable to the example file ex, when ex is the
// example next to the compose file. ok is false for other findings.
func composeVariableEdit(out io.Writer, ex *lint.ExampleFile, f lint.Finding, added map[string]bool) (fix.Edit, bool) {
	if f.Rule != "compose-variable-undocumented" {
		return fix.Edit{}, false
	}
	if f.Fix == nil || !strings.HasSuffix(f.Fix.Message, " to "+ex.File) {
		fmt.Fprintf(out, "%s: not fixed: %s: envlint fix edits only the first example file, %s, and it is not next to %s\n", f.Pos, f.Key, ex.File, f.Pos.File)
		return fix.Edit{}, false
	}
	if added[f.Key] {
		return fix.Edit{}, false
	}
	added[f.Key] = true
	return fix.Edit{Kind: fix.AddKey, Name: f.Key, Doc: "interpolated by " + f.Pos.File}, true
}

// addDeploy adds the deploy column to a component's key matrix: every key
// a target sets, once per place it is written, and every key a template
// rendered into it sets (source template, at the template's line).
func addDeploy(c *diff.Component, get func(string) *row) {
	for _, t := range c.Deploy {
		keys := t.Keys
		for _, tm := range c.Templates {
			if !slices.Contains(t.Templates, tm.File) {
				continue
			}
			for _, vk := range tm.Keys {
				keys = append(slices.Clip(keys), lint.DeployKey{Name: vk.Name, Pos: vk.Pos, Source: lint.SourceTemplate})
			}
		}
		for i := range keys {
			k := &keys[i]
			r := get(k.Name)
			if !slices.ContainsFunc(r.deploy, func(d deployPlace) bool { return d.key.Pos == k.Pos && d.target.Name == t.Name }) {
				r.deploy = append(r.deploy, deployPlace{k, t})
			}
		}
	}
}

// listDeploy is a key's place in the deploy layer in list --format json.
type listDeploy struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Target string `json:"target"`
	Kind   string `json:"kind"`
	Source string `json:"source"`
}

func deployList(r *row) []listDeploy {
	ds := []listDeploy{}
	for _, d := range r.deploy {
		ds = append(ds, listDeploy{File: d.key.Pos.File, Line: d.key.Pos.Line, Target: d.target.Name,
			Kind: string(d.target.Kind), Source: string(d.key.Source)})
	}
	return ds
}

// deployCell is a key's deploy column in docs/env.md: the targets that set
// it and how, or "no".
func deployCell(r *row) string {
	var ds []string
	for _, d := range r.deploy {
		s := fmt.Sprintf("%s (%s, %s)", mdCode(d.target.Name), d.key.Source, mdCode(fileLine(d.key.Pos)))
		if !slices.Contains(ds, s) {
			ds = append(ds, s)
		}
	}
	if len(ds) == 0 {
		return "no"
	}
	return strings.Join(ds, "<br>")
}

// writeInitDeploy writes a component's deploy: list for envlint init: the
// compose services discovery linked to it. Nothing when there are none.
func writeInitDeploy(b *bytes.Buffer, c *diff.Component) {
	var names []string
	for _, t := range c.Deploy {
		if t.Kind != lint.DeployDockerfile && !slices.Contains(names, t.Name) {
			names = append(names, t.Name)
		}
	}
	if len(names) == 0 {
		return
	}
	b.WriteString("    deploy:  # where it runs: compose services (file#service); globs allowed\n")
	for _, n := range names {
		fmt.Fprintf(b, "      - %s\n", yamlScalar(n))
	}
	b.WriteString("    # environments:  # when targets differ per environment, with the templates Vault renders there\n")
	fmt.Fprintf(b, "    #   production: {deploy: [%s], vault: [\"deploy/prod/*.ctmpl\"]}\n", yamlScalar(names[0]))
}

// fromExample reports whether a missing env file is the one developers
// create from the example beside it: `.env` beside `.env.example`,
// `.env.local` beside `.env.local.example`.
func fromExample(file string, examples map[string]string) bool {
	ex, ok := examples[path.Dir(file)]
	if !ok {
		return false
	}
	base := path.Base(file)
	return base == ".env" || strings.HasPrefix(path.Base(ex), base+".")
}
