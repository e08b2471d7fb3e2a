// Package helm renders Helm charts the way `helm template` does, with
// Helm v4's own loader and engine, once per environment: values.yaml alone
// is the environment "default", and each values-<env>.yaml (or
// values.<env>.yaml) layered on it is <env>.
//
// Nothing leaves the process: the chart is loaded from the files the caller
// read out of the repository (no directory loader, no symlinks), the engine
// has no cluster (`lookup` returns an empty map, as in `helm template`),
// DNS lookups are off, dependencies are never fetched, and the values
// schema is not validated (its $refs may name URLs). Hooks are rendered
// like any template; nothing is run.
package helm

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"io/fs"
	"log"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"time"

	"sigs.k8s.io/yaml"

	"helm.sh/helm/v4/pkg/chart/common"
	cutil "helm.sh/helm/v4/pkg/chart/common/util"
	"helm.sh/helm/v4/pkg/chart/loader/archive"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
	"helm.sh/helm/v4/pkg/engine"
	"helm.sh/helm/v4/pkg/ignore"

	"github.com/envlint/envlint/internal/lint"
)

// Release defaults of `helm template` without flags.
const (
	ReleaseName = "release-name"
	Namespace   = "default"
)

// KubeVersion is Capabilities.KubeVersion in `helm template` of Helm
// v4.3.1: Helm derives it from the k8s.io/client-go it is built with
// (v0.37 -> v1.37), except in test binaries, where it is v1.20. envlint
// states it, so that tests and the binary render alike; a test keeps it in
// step with go.mod.
const KubeVersion = "v1.37.0"

// DefaultEnvironment is the environment values.yaml alone describes.
const DefaultEnvironment = "default"

// renderTimeout bounds one render: a template may loop for ever.
const renderTimeout = 10 * time.Second

// File is one file of a chart; Name is relative to the chart directory,
// with forward slashes.
type File struct {
	Name string
	Data []byte
}

// Chart is one chart directory rendered per environment.
type Chart struct {
	// Dir is the chart directory, relative to the -C directory.
	Dir string
	// Renders holds one render per environment, "default" first, then the
	// others by name.
	Renders []*Render
	// Errors are why the chart cannot be loaded at all (Chart.yaml).
	Errors []lint.Problem
	// Missing are the dependencies Chart.yaml declares that are not
	// vendored under charts/ (`helm dependency build` fetches them): their
	// templates are not rendered.
	Missing []lint.Problem
	// Sources are the chart's text files by chart-relative name, for
	// mapping rendered lines back to the lines that wrote them.
	Sources map[string][]byte
}

// Render is the chart rendered for one environment.
type Render struct {
	Environment string
	// Values are the values files layered for the environment, relative
	// to the -C directory, values.yaml first ("" entries are absent).
	Values []string
	// Manifests are the rendered templates that produced text, by
	// template file, sorted by name.
	Manifests []Manifest
	// Err is why the chart does not render for the environment.
	Err *lint.Problem
}

// Manifest is the text one template rendered.
type Manifest struct {
	// Template is the template file relative to the chart directory
	// ("templates/deployment.yaml", "charts/db/templates/sts.yaml"), or
	// the Chart.yaml declaring the dependency it comes from when that is
	// not a directory of the repository (an archive under charts/).
	Template string
	// Line is, for a template inside an archive, the dependency's line in
	// that Chart.yaml (1 when not found); 0 otherwise.
	Line int
	Text string
}

// ValuesFile returns the environment a file name gives, and whether it is
// an environment's values file: "values-production.yaml" and
// "values.production.yaml" are "production".
func ValuesFile(name string) (env string, ok bool) {
	for _, ext := range []string{".yaml", ".yml"} {
		base, found := strings.CutSuffix(name, ext)
		if !found {
			continue
		}
		for _, pre := range []string{"values-", "values."} {
			if e, found := strings.CutPrefix(base, pre); found && e != "" && !strings.ContainsAny(e, "/") {
				return e, true
			}
		}
	}
	return "", false
}

var quietLog sync.Once

// Load renders the chart in dir from its files, once per environment.
// It never panics: a panic inside Helm is reported as the chart's error.
func Load(dir string, files []File) (c *Chart) {
	// Helm's value coalescing logs the values it drops through the
	// standard logger; a value may be a secret, and envlint uses no
	// standard logger of its own.
	quietLog.Do(func() { log.SetOutput(io.Discard) })
	c = &Chart{Dir: dir, Sources: map[string][]byte{}}
	defer func() {
		if r := recover(); r != nil {
			c.Renders = nil
			c.Errors = []lint.Problem{{Pos: c.pos("Chart.yaml", 1, 0),
				Msg: "Helm failed on chart " + dir + " (internal error); please report it with a chart that reproduces it"}}
		}
	}()
	files = helmignored(files)
	envs := map[string]string{}
	for _, f := range files {
		c.Sources[f.Name] = f.Data
		if env, ok := ValuesFile(f.Name); ok && env != "schema" {
			if _, dup := envs[env]; !dup {
				envs[env] = f.Name
			}
		}
	}
	ch, err := load(files)
	if err != nil {
		c.Errors = append(c.Errors, c.problem(err, "Chart.yaml"))
		return c
	}
	c.Missing = c.missing(ch)
	c.Renders = append(c.Renders, c.render(files, DefaultEnvironment, ""))
	for _, env := range slices.Sorted(maps.Keys(envs)) {
		if env == DefaultEnvironment {
			continue
		}
		c.Renders = append(c.Renders, c.render(files, env, envs[env]))
	}
	return c
}

// helmignored drops the files .helmignore excludes, as `helm template`
// does for a chart directory.
func helmignored(files []File) []File {
	i := slices.IndexFunc(files, func(f File) bool { return f.Name == ".helmignore" })
	if i < 0 {
		return files
	}
	rules, err := ignore.Parse(bytes.NewReader(files[i].Data))
	if err != nil {
		return files
	}
	rules.AddDefaults()
	return slices.DeleteFunc(slices.Clone(files), func(f File) bool {
		// Ignore wants a FileInfo only to tell directories apart; match
		// each parent directory too, as the directory walk would.
		parts := strings.Split(f.Name, "/")
		for j := range parts {
			if rules.Ignore(strings.Join(parts[:j+1], "/"), fileInfo{name: parts[j], dir: j < len(parts)-1}) {
				return true
			}
		}
		return false
	})
}

func load(files []File) (*chart.Chart, error) {
	bf := make([]*archive.BufferedFile, len(files))
	for i, f := range files {
		bf[i] = &archive.BufferedFile{Name: f.Name, Data: f.Data}
	}
	return loader.LoadFiles(bf)
}

// missing lists the dependencies not vendored, as `helm template`'s
// dependency check finds them, at their line in Chart.yaml.
func (c *Chart) missing(ch *chart.Chart) []lint.Problem {
	var ps []lint.Problem
	for _, d := range ch.Metadata.Dependencies {
		if d == nil || slices.ContainsFunc(ch.Dependencies(), func(s *chart.Chart) bool { return s.Name() == d.Name }) {
			continue
		}
		line := lineOf(c.Sources["Chart.yaml"], regexp.MustCompile(`(?m)^[ \t]*-?[ \t]*name:[ \t]*["']?`+regexp.QuoteMeta(d.Name)+`["']?[ \t]*$`))
		ps = append(ps, lint.Problem{Pos: c.pos("Chart.yaml", max(line, 1), 0),
			Msg: fmt.Sprintf("dependency %s, which is not vendored under %s (helm dependency build fetches it)",
				d.Name, path.Join(c.Dir, "charts"))})
	}
	return ps
}

// render renders the chart with values.yaml and the environment's values
// file (envFile, "" for none) layered on it, like `helm template -f`.
func (c *Chart) render(files []File, env, envFile string) *Render {
	r := &Render{Environment: env}
	if _, ok := c.Sources["values.yaml"]; ok {
		r.Values = append(r.Values, path.Join(c.Dir, "values.yaml"))
	}
	vals := common.Values{}
	if envFile != "" {
		r.Values = append(r.Values, path.Join(c.Dir, envFile))
		v, err := common.ReadValues(c.Sources[envFile])
		if err != nil {
			r.Err = ptr(c.problem(err, envFile))
			return r
		}
		vals = v
	}
	// Dependency processing edits the chart: load a fresh one for each
	// environment.
	ch, err := load(files)
	if err != nil {
		r.Err = ptr(c.problem(err, "Chart.yaml"))
		return r
	}
	out, err := renderChart(ch, vals)
	if err != nil {
		r.Err = ptr(c.problem(err, "Chart.yaml"))
		return r
	}
	for _, name := range slices.Sorted(maps.Keys(out)) {
		text := out[name]
		if strings.HasSuffix(name, "NOTES.txt") || strings.TrimSpace(text) == "" {
			continue
		}
		// Engine names are <chart name>/<path>: drop the chart's name.
		_, rel, _ := strings.Cut(name, "/")
		file, line := c.source(rel)
		r.Manifests = append(r.Manifests, Manifest{Template: file, Line: line, Text: text})
	}
	return r
}

// source finds the repository file of an engine template path, whose
// subchart segments name charts by name or alias ("charts/sessions/..."
// for a dependency aliased sessions, vendored in charts/cache/). A template
// inside an archive has none: it is placed at the dependency's line in
// the nearest Chart.yaml.
func (c *Chart) source(rel string) (file string, line int) {
	parts := strings.Split(rel, "/")
	dir := "" // the chart-relative directory of the current (sub)chart
	for i := 0; i < len(parts); i++ {
		if parts[i] != "charts" || i+2 >= len(parts) {
			continue
		}
		sub := c.subchartDir(dir, parts[i+1])
		if sub == "" {
			chartFile := path.Join(dir, "Chart.yaml")
			line := lineOf(c.Sources[chartFile], regexp.MustCompile(`(?m)^[ \t]*-?[ \t]*(name|alias):[ \t]*["']?`+regexp.QuoteMeta(parts[i+1])+`["']?[ \t]*$`))
			return chartFile, max(line, 1)
		}
		parts[i+1] = path.Base(sub)
		dir = sub
		i++
	}
	return strings.Join(parts, "/"), 0
}

// subchartDir returns the directory under dir's charts/ holding the
// subchart Helm calls name (its own name or its alias), "" for none.
func (c *Chart) subchartDir(dir, name string) string {
	if _, ok := c.Sources[path.Join(dir, "charts", name, "Chart.yaml")]; ok {
		return path.Join(dir, "charts", name)
	}
	var meta chart.Metadata
	if yaml.Unmarshal(c.Sources[path.Join(dir, "Chart.yaml")], &meta) == nil {
		for _, d := range meta.Dependencies {
			if d != nil && d.Alias == name && d.Name != name {
				return c.subchartDir(dir, d.Name)
			}
		}
	}
	// A directory named otherwise whose Chart.yaml gives the name.
	prefix := path.Join(dir, "charts") + "/"
	for _, f := range slices.Sorted(maps.Keys(c.Sources)) {
		rest, ok := strings.CutPrefix(f, prefix)
		if !ok || strings.Count(rest, "/") != 1 || path.Base(rest) != "Chart.yaml" {
			continue
		}
		var m chart.Metadata
		if yaml.Unmarshal(c.Sources[f], &m) == nil && m.Name == name {
			return path.Dir(f)
		}
	}
	return ""
}

// renderChart is what `helm template` does between loading the chart and
// printing it, without a cluster; it gives up after renderTimeout.
func renderChart(ch *chart.Chart, vals common.Values) (map[string]string, error) {
	type result struct {
		out map[string]string
		err error
	}
	done := make(chan result, 1)
	go func() {
		var res result
		defer func() {
			if r := recover(); r != nil {
				res.err = fmt.Errorf("rendering failed: %v", r)
			}
			done <- res
		}()
		caps := common.DefaultCapabilities.Copy()
		kv, err := common.ParseKubeVersion(KubeVersion)
		if err != nil {
			res.err = err
			return
		}
		caps.KubeVersion = *kv
		if kv := ch.Metadata.KubeVersion; kv != "" && !chartutil.IsCompatibleRange(kv, caps.KubeVersion.String()) {
			res.err = fmt.Errorf("chart requires kubeVersion: %s which is incompatible with Kubernetes %s", kv, caps.KubeVersion.Version)
			return
		}
		if err := chartutil.ProcessDependencies(ch, vals); err != nil {
			res.err = err
			return
		}
		opts := common.ReleaseOptions{Name: ReleaseName, Namespace: Namespace, Revision: 1, IsInstall: true}
		top, err := cutil.ToRenderValuesWithSchemaValidation(ch, vals, opts, caps, true)
		if err != nil {
			res.err = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), renderTimeout)
		defer cancel()
		res.out, res.err = engine.Engine{CustomTemplateFuncs: Fixed}.RenderWithContext(ctx, ch, top)
	}()
	select {
	case res := <-done:
		return res.out, res.err
	case <-time.After(renderTimeout):
		return nil, fmt.Errorf("rendering did not finish within %s", renderTimeout)
	}
}

// Fixed replaces Sprig's random and clock functions with fixed results, so
// that a chart naming a test pod "{{ .Release.Name }}-test-{{ randAlphaNum
// 5 }}" gives the same target names, and envlint the same findings, on
// every run.
var Fixed = template.FuncMap{
	"randAlphaNum": func(n int) string { return strings.Repeat("x", min(max(n, 0), 1<<20)) },
	"randAlpha":    func(n int) string { return strings.Repeat("x", min(max(n, 0), 1<<20)) },
	"randAscii":    func(n int) string { return strings.Repeat("x", min(max(n, 0), 1<<20)) },
	"randNumeric":  func(n int) string { return strings.Repeat("0", min(max(n, 0), 1<<20)) },
	"randBytes": func(n int) (string, error) {
		return base64.StdEncoding.EncodeToString(make([]byte, min(max(n, 0), 1<<20))), nil
	},
	"randInt": func(lo, _ int) int { return lo },
	"uuidv4":  func() string { return "00000000-0000-4000-8000-000000000000" },
	"shuffle": func(s string) string { return s },
	"now":     func() time.Time { return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) },
}

// errPos finds the template position an engine error names:
// "(api/templates/deployment.yaml:12)" or "api/templates/x.yaml:3:10:".
var errPos = regexp.MustCompile(`([A-Za-z0-9_.\-][A-Za-z0-9_.\-/]*):(\d+)(?::(\d+))?`)

// problem positions a Helm error at the chart file it names, else at
// fallback (a chart-relative name) line 1.
func (c *Chart) problem(err error, fallback string) lint.Problem {
	msg := strings.TrimSpace(err.Error())
	for _, m := range errPos.FindAllStringSubmatch(msg, -1) {
		_, rel, ok := strings.Cut(m[1], "/")
		if !ok {
			continue
		}
		if _, known := c.Sources[rel]; !known {
			continue
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return lint.Problem{Pos: c.pos(rel, max(line, 1), col), Msg: "chart " + c.Dir + " does not render: " + oneLine(msg)}
	}
	// The loader names a file it cannot parse, and the YAML error its line.
	if m := loadErr.FindStringSubmatch(msg); m != nil {
		if _, known := c.Sources[m[1]]; known {
			fallback = m[1]
			line, _ := strconv.Atoi(m[2])
			return lint.Problem{Pos: c.pos(fallback, max(line, 1), 0), Msg: "chart " + c.Dir + " does not render: " + oneLine(msg)}
		}
	}
	return lint.Problem{Pos: c.pos(fallback, 1, 0), Msg: "chart " + c.Dir + " does not render: " + oneLine(msg)}
}

var loadErr = regexp.MustCompile(`cannot load ([^\s:]+):(?:.*?\bline (\d+))?`)

// pos positions in a chart file, within its lines: a YAML error at the
// end of the input names the line after the last.
func (c *Chart) pos(rel string, line, col int) lint.Pos {
	if data, ok := c.Sources[rel]; ok {
		if n := bytes.Count(data, []byte("\n")) + 1; line > n {
			line, col = n, 0
		}
	}
	return lint.Pos{File: path.Join(c.Dir, rel), Line: line, Col: col}
}

// oneLine keeps a message on one line, and short.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 400 {
		s = s[:400] + "..."
	}
	return s
}

// lineOf returns the 1-based line of re's first match in data, 0 for none.
func lineOf(data []byte, re *regexp.Regexp) int {
	loc := re.FindIndex(data)
	if loc == nil {
		return 0
	}
	return bytes.Count(data[:loc[0]], []byte("\n")) + 1
}

func ptr[T any](v T) *T { return &v }

// fileInfo is the little of fs.FileInfo that .helmignore matching asks.
type fileInfo struct {
	name string
	dir  bool
}

func (f fileInfo) Name() string { return f.name }
func (f fileInfo) Size() int64  { return 0 }
func (f fileInfo) Mode() fs.FileMode {
	if f.dir {
		return fs.ModeDir
	}
	return 0
}
func (f fileInfo) ModTime() time.Time { return time.Time{} }
func (f fileInfo) IsDir() bool        { return f.dir }
func (f fileInfo) Sys() any           { return nil }
