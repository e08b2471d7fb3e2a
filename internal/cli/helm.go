package cli

import (
	"cmp"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/config"
	"github.com/envlint/envlint/internal/diff"
	"github.com/envlint/envlint/internal/discover"
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/helm"
	"github.com/envlint/envlint/internal/parse/kube"
)

// Bounds on what one chart may hand to Helm.
const (
	maxChartFiles = 5000
	maxChartBytes = 64 << 20
)

// helmChart is one chart's deploy files: one per rendered template and
// environment, plus one for the chart itself (render failures, missing
// dependencies) at its Chart.yaml.
type helmChart struct {
	dir   string
	files []*lint.DeployFile
	// envs are the chart's environments ("default" first).
	envs       []string
	unrendered []lint.AgentTemplate
}

// readHelm renders every chart among the YAML files, concurrently.
func (p *project) readHelm(yamls []string) []*helmChart {
	dirs := discover.ChartDirs(yamls)
	charts := make([]*helmChart, len(dirs))
	var jobs []func()
	for i, dir := range dirs {
		jobs = append(jobs, func() { charts[i] = p.readChart(dir) })
	}
	runAll(jobs)
	return charts
}

func (p *project) readChart(dir string) *helmChart {
	hc := &helmChart{dir: dir}
	self := &lint.DeployFile{File: path.Join(dir, "Chart.yaml"), Kind: lint.DeployHelm}
	hc.files = append(hc.files, self)
	files, prob := p.chartFiles(dir)
	if prob != nil {
		self.Errors = append(self.Errors, *prob)
		return hc
	}
	c := helm.Load(dir, files)
	self.Errors = append(self.Errors, c.Errors...)
	// A dependency that is not vendored (charts/ is most often built in
	// CI by `helm dependency build` and kept out of git) is not an error
	// of the repository; where the chart cannot be read without it, the
	// environment's targets are unknown, and one target stands for them
	// so that incomplete-coverage says why.
	var missing []lint.HiddenSource
	for _, m := range c.Missing {
		missing = append(missing, lint.HiddenSource{Pos: m.Pos, Reason: "needs " + m.Msg,
			Fix: "vendor the chart's dependencies (helm dependency build, and commit " + path.Join(dir, "charts") + ")"})
	}
	unknown := func(env string) {
		if len(c.Renders) == 1 {
			env = "" // values.yaml alone: nothing to tell apart
		}
		self.Targets = append(self.Targets, lint.DeployTarget{Name: dir, Kind: lint.DeployHelm, Pos: missing[0].Pos,
			Environment: env, Incomplete: true, Hidden: missing})
	}
	secrets := p.configuredSecrets()
	errs := envProblems{}
	for _, r := range c.Renders {
		hc.envs = append(hc.envs, r.Environment)
		if r.Err != nil && len(missing) > 0 {
			unknown(r.Environment) // it may fail for want of them
			continue
		}
		if r.Err != nil {
			errs.add(*r.Err, r.Environment)
			continue
		}
		before := len(hc.files)
		ms := c.Manifests(r)
		var cms []kube.ConfigMap
		for _, m := range ms {
			cms = append(cms, m.ConfigMaps...)
		}
		for _, m := range ms {
			for _, e := range m.Errors {
				errs.add(e, r.Environment)
			}
			df := &lint.DeployFile{File: m.File, Kind: lint.DeployHelm, Templates: m.Templates}
			for i := range m.Targets {
				t := &m.Targets[i]
				for _, ef := range kube.Resolve(t, cms, secrets) {
					t.Hidden = append(t.Hidden, hidden(ef))
				}
				df.Targets = append(df.Targets, t.DeployTarget)
			}
			hc.files = append(hc.files, df)
			if r.Environment == helm.DefaultEnvironment {
				hc.unrendered = append(hc.unrendered, m.Unrendered...)
			}
		}
		if len(missing) > 0 && !slices.ContainsFunc(hc.files[before:], func(df *lint.DeployFile) bool { return len(df.Targets) > 0 }) {
			unknown(r.Environment)
		}
	}
	self.Errors = append(self.Errors, errs.problems(len(c.Renders))...)
	return hc
}

// envProblems gathers a chart's render problems over its environments:
// one that every environment has is reported once, as it is; another
// names the environments it occurs in ("production: ...").
type envProblems struct {
	order []lint.Problem
	envs  map[lint.Problem][]string
}

func (e *envProblems) add(p lint.Problem, env string) {
	if e.envs == nil {
		e.envs = map[lint.Problem][]string{}
	}
	if _, ok := e.envs[p]; !ok {
		e.order = append(e.order, p)
	}
	e.envs[p] = append(e.envs[p], env)
}

func (e *envProblems) problems(renders int) []lint.Problem {
	var ps []lint.Problem
	for _, p := range e.order {
		if envs := e.envs[p]; len(envs) < renders {
			p.Msg = strings.Join(envs, ", ") + ": " + p.Msg
		}
		ps = append(ps, p)
	}
	return ps
}

// chartFiles reads a chart directory's files for Helm: regular files
// inside the repository only (a symlink out of it is not followed), within
// envlint's size limits.
func (p *project) chartFiles(dir string) ([]helm.File, *lint.Problem) {
	var files []helm.File
	total := int64(0)
	var walk func(rel string) *lint.Problem
	walk = func(rel string) *lint.Problem {
		entries, err := os.ReadDir(filepath.Join(p.root, filepath.FromSlash(path.Join(dir, rel))))
		if err != nil {
			return &lint.Problem{Pos: lint.Pos{File: path.Join(dir, "Chart.yaml"), Line: 1},
				Msg: fmt.Sprintf("cannot read chart %s: %v", dir, unwrapPathError(err))}
		}
		for _, e := range entries {
			name := path.Join(rel, e.Name())
			switch {
			case e.IsDir():
				if e.Name() == ".git" {
					continue
				}
				if prob := walk(name); prob != nil {
					return prob
				}
			case e.Type().IsRegular() || e.Type()&os.ModeSymlink != 0:
				data, prob := p.readSource(path.Join(dir, name))
				if prob != nil {
					continue // a symlink out of the repository, a FIFO: not the chart's
				}
				total += int64(len(data))
				files = append(files, helm.File{Name: name, Data: data})
				if len(files) > maxChartFiles || total > maxChartBytes {
					return &lint.Problem{Pos: lint.Pos{File: path.Join(dir, "Chart.yaml"), Line: 1},
						Msg: fmt.Sprintf("chart %s holds over %d files or %d MiB; envlint does not render it", dir, maxChartFiles, maxChartBytes>>20)}
				}
			}
		}
		return nil
	}
	if prob := walk(""); prob != nil {
		return nil, prob
	}
	return files, nil
}

// linkHelm links each chart's containers to the components they deploy:
// those whose deploy: names the chart ("deploy/helm/api") or a target of
// it, else (zero config) the component whose directory holds the chart,
// else the one its image names, else the only component. The chart's
// home component judges its errors and injector templates.
func (p *project) linkHelm(l *deployLayer, charts []*helmChart, configured []config.Component, dirs []string, homes map[string]*diff.Component) {
	for _, hc := range charts {
		var owner *diff.Component
		if o := discover.Owner(path.Join(hc.dir, "Chart.yaml"), dirs); o != "" && !listsTargets(configured, p.components[slices.Index(dirs, o)], p.components) {
			owner = p.components[slices.Index(dirs, o)]
		}
		var ts []*lint.DeployTarget
		for _, df := range hc.files {
			for i := range df.Targets {
				ts = append(ts, &df.Targets[i])
			}
		}
		home := p.attach(ts, hc.dir, owner, true, configured, dirs)
		if home == nil {
			continue
		}
		for _, df := range hc.files {
			homes[df.File] = home
			if len(df.Errors) > 0 {
				home.DeployFiles = append(home.DeployFiles, df)
				l.attached[df] = true
			}
		}
		for _, t := range hc.unrendered {
			if !slices.ContainsFunc(home.Templates, func(x *lint.Template) bool { return x.File == t.Contents.File }) {
				home.Templates = append(home.Templates, t.Contents)
			}
		}
		for _, df := range hc.files {
			for _, t := range df.Targets {
				if len(t.Templates) > 1 && !slices.ContainsFunc(home.Groups, func(g []string) bool { return slices.Equal(g, t.Templates) }) {
					home.Groups = append(home.Groups, t.Templates)
				}
			}
		}
	}
}

// helmEnvironment reports whether a chart's target belongs to the
// .envlint.yaml environment name: the chart's own environment of that name
// (values-<name>.yaml), else its default one when it has no such file.
func helmEnvironment(t *lint.DeployTarget, name string, charts []*helmChart) bool {
	if t.Kind != lint.DeployHelm {
		return true
	}
	env := cmp.Or(t.Environment, helm.DefaultEnvironment) // "" for a chart with values.yaml alone
	if env == name {
		return true
	}
	for _, hc := range charts {
		if matchTarget([]string{hc.dir}, t.Name) {
			return env == helm.DefaultEnvironment && !slices.Contains(hc.envs, name)
		}
	}
	return false
}
