package helm

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/kube"
)

// Manifests reads the environment's rendered templates with the
// Kubernetes reader and moves every position from the rendered text to the
// chart's files: a key to the template line that writes its name
// literally, else the values file line that sets it (the environment's
// file before values.yaml), else the template's env: line; a literal value
// to the values file line that holds it, else the template line that
// writes it. Targets are named "<chart dir>#<Kind>/<name>/<container>",
// kind helm, with the environment set.
func (c *Chart) Manifests(r *Render) []*kube.Manifest {
	vals := c.valuesDocs(r)
	var ms []*kube.Manifest
	for _, rm := range r.Manifests {
		file := path.Join(c.Dir, rm.Template)
		km := kube.Parse(file, []byte(rm.Text))
		mp := &mapper{c: c, tmpl: rm.Template, src: c.Sources[rm.Template], out: strings.Split(rm.Text, "\n"), vals: vals}
		if rm.Line > 0 {
			// A template inside an archive: everything at the dependency.
			mp.fixed = ptr(c.pos(rm.Template, rm.Line, 0))
		}
		mp.partials = c.partials(rm.Template)
		mp.move(km)
		for i := range km.Targets {
			t := &km.Targets[i]
			t.DeployTarget.Kind = lint.DeployHelm
			t.Environment = r.Environment
			if len(c.Renders) == 1 {
				t.Environment = "" // values.yaml alone: nothing to tell apart
			}
			t.Name = c.Dir + "#" + t.DeployTarget.Name[strings.IndexByte(t.DeployTarget.Name, '#')+1:]
		}
		ms = append(ms, km)
	}
	return ms
}

// partials are the chart's files that define named templates a template
// may include: its own chart's and its parents' (defines are global).
func (c *Chart) partials(tmpl string) []string {
	var ps []string
	for name := range c.Sources {
		dir := path.Dir(path.Dir(name)) // the chart of templates/_x.tpl
		if path.Base(path.Dir(name)) != "templates" || !strings.HasPrefix(path.Base(name), "_") {
			continue
		}
		if dir == "." || strings.HasPrefix(tmpl, dir+"/") {
			ps = append(ps, name)
		}
	}
	slices.Sort(ps)
	return ps
}

// valuesDoc is one values file, parsed for positions.
type valuesDoc struct {
	file string // chart-relative
	root *yaml.Node
}

// valuesDocs returns the values files that set the environment's values,
// most specific first: the environment's file, values.yaml, then the
// subcharts' values.yaml files.
func (c *Chart) valuesDocs(r *Render) []valuesDoc {
	var names []string
	for _, v := range slices.Backward(r.Values) {
		rel := strings.TrimPrefix(v, c.Dir+"/")
		if c.Dir == "." {
			rel = v
		}
		names = append(names, rel)
	}
	var subs []string
	for name := range c.Sources {
		if strings.HasPrefix(name, "charts/") && path.Base(name) == "values.yaml" {
			subs = append(subs, name)
		}
	}
	slices.Sort(subs)
	var docs []valuesDoc
	for _, n := range append(names, subs...) {
		var root yaml.Node
		if yaml.Unmarshal(c.Sources[n], &root) == nil {
			docs = append(docs, valuesDoc{n, &root})
		}
	}
	return docs
}

// mapper moves positions in one rendered template to the chart's files.
type mapper struct {
	c        *Chart
	tmpl     string   // the template, chart-relative
	src      []byte   // its text
	out      []string // the rendered lines
	partials []string
	vals     []valuesDoc
	fixed    *lint.Pos // where every position goes, when set
}

func (m *mapper) move(km *kube.Manifest) {
	for i := range km.Targets {
		t := &km.Targets[i]
		t.Pos = m.container(t.Pos, t.Container)
		for j := range t.Keys {
			k := &t.Keys[j]
			namePos := m.name(k.Pos, k.Name)
			if k.ValuePos != (lint.Pos{}) {
				k.ValuePos = m.value(k.ValuePos, k.Value, namePos)
			}
			k.Pos = namePos
		}
		for j := range t.EnvFrom {
			t.EnvFrom[j].Pos = m.name(t.EnvFrom[j].Pos, t.EnvFrom[j].Name)
		}
	}
	for i := range km.ConfigMaps {
		cm := &km.ConfigMaps[i]
		cm.Pos = m.line(cm.Pos)
		for j := range cm.Keys {
			k := &cm.Keys[j]
			namePos := m.name(k.Pos, k.Name)
			k.ValuePos = m.value(k.ValuePos, k.Value, namePos)
			k.Pos = namePos
		}
	}
	for _, ts := range [][]lint.AgentTemplate{km.Templates, km.Unrendered} {
		for i := range ts {
			ts[i].Pos = m.line(ts[i].Pos)
			if ct := ts[i].Contents; ct != nil {
				for _, p := range ct.Positions() {
					if p.Line > 0 {
						*p = m.line(*p)
					}
				}
			}
		}
	}
	for i := range km.Errors {
		km.Errors[i].Pos = m.line(km.Errors[i].Pos)
		km.Errors[i].Msg = "rendered " + path.Join(m.c.Dir, m.tmpl) + ": " + km.Errors[i].Msg
	}
}

// name is where the chart writes a name: the template (or a partial it
// may include) writing it literally, else a values file, else the line the
// rendered text came from.
func (m *mapper) name(p lint.Pos, name string) lint.Pos {
	if m.fixed != nil {
		return *m.fixed
	}
	if name == "" {
		return m.line(p)
	}
	// An env entry's `name: X` first: a script may use ${X} above it.
	entry := regexp.MustCompile(`(?m)name:[ \t]*["']?` + regexp.QuoteMeta(name) + `["']?[ \t]*(#.*)?$`)
	word := regexp.MustCompile(`(^|[^A-Za-z0-9_.-])` + regexp.QuoteMeta(name) + `($|[^A-Za-z0-9_-])`)
	for _, re := range []*regexp.Regexp{entry, word} {
		for _, f := range append([]string{m.tmpl}, m.partials...) {
			if pos, ok := m.find(f, re); ok {
				if re == entry {
					pos = m.after(f, pos, name)
				}
				return pos
			}
		}
	}
	for _, v := range m.vals {
		if n := findNode(v.root, name, true); n != nil {
			return m.c.pos(v.file, n.Line, n.Column)
		}
	}
	return m.line(p)
}

// container is where the template names a container: its `- name:` line
// (a list item, not the workload's metadata), else the line the rendered
// text came from.
func (m *mapper) container(p lint.Pos, name string) lint.Pos {
	if m.fixed != nil {
		return *m.fixed
	}
	if name != "" {
		re := regexp.MustCompile(`(?m)^[ \t]*-[ \t]*name:[ \t]*["']?` + regexp.QuoteMeta(name) + `["']?[ \t]*$`)
		if pos, ok := m.find(m.tmpl, re); ok {
			pos.Col = 0
			return pos
		}
	}
	return m.line(p)
}

// after moves a position from the start of `name: X` to X.
func (m *mapper) after(f string, p lint.Pos, name string) lint.Pos {
	lines := strings.Split(string(m.c.Sources[f]), "\n")
	if p.Line-1 < len(lines) {
		l := lines[p.Line-1]
		if i := strings.Index(l[min(p.Col-1, len(l)):], name); i >= 0 {
			p.Col += i
		}
	}
	return p
}

// value is where the chart writes a literal value: a values file scalar,
// else the template writing it literally; else the key's place.
func (m *mapper) value(p lint.Pos, value string, key lint.Pos) lint.Pos {
	if m.fixed != nil {
		return *m.fixed
	}
	if strings.TrimSpace(value) == "" {
		return key
	}
	for _, v := range m.vals {
		if n := findNode(v.root, value, false); n != nil {
			col := n.Column
			if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
				col++
			}
			return m.c.pos(v.file, n.Line, col)
		}
	}
	if !strings.Contains(value, "\n") {
		if pos, ok := m.find(m.tmpl, regexp.MustCompile(regexp.QuoteMeta(value))); ok {
			return pos
		}
	}
	return key
}

// line maps a position in the rendered text to the template line that
// reads the same (a line without actions renders as written, and one
// whose actions only escape text, {{`{{ x }}`}}, renders unescaped), else
// the template's env: line, else its first line.
func (m *mapper) line(p lint.Pos) lint.Pos {
	if m.fixed != nil {
		return *m.fixed
	}
	if p.Line >= 1 && p.Line <= len(m.out) {
		out := m.out[p.Line-1]
		if text := strings.TrimSpace(out); text != "" {
			for i, l := range strings.Split(string(m.src), "\n") {
				src := strings.TrimSpace(l)
				switch {
				case src == text:
					col := 0
					if p.Col > 0 {
						// The same text, perhaps indented differently.
						col = max(p.Col-(len(out)-len(strings.TrimLeft(out, " \t")))+strings.Index(l, text), 0)
					}
					return m.c.pos(m.tmpl, i+1, col)
				case strings.Contains(src, "{{`") && unescape.Replace(src) == text:
					return m.c.pos(m.tmpl, i+1, 0)
				}
			}
		}
	}
	if pos, ok := m.find(m.tmpl, envLine); ok {
		return pos
	}
	return m.c.pos(m.tmpl, 1, 0)
}

// unescape undoes the raw strings charts write template text in.
var unescape = strings.NewReplacer("{{`", "", "`}}", "")

var envLine = regexp.MustCompile(`(?m)^[ \t]*-?[ \t]*env(From)?:`)

// find returns the first match of re in the chart file f, positioned at
// the first non-space byte of the match.
func (m *mapper) find(f string, re *regexp.Regexp) (lint.Pos, bool) {
	data := m.c.Sources[f]
	loc := re.FindIndex(data)
	if loc == nil {
		return lint.Pos{}, false
	}
	start := loc[0]
	for start < loc[1] && !isNameByte(data[start]) {
		start++
	}
	if start == loc[1] {
		start = loc[0]
	}
	lineStart := bytes.LastIndexByte(data[:start], '\n') + 1
	return m.c.pos(f, bytes.Count(data[:start], []byte("\n"))+1, start-lineStart+1), true
}

func isNameByte(b byte) bool {
	return b == '_' || b == '-' || b == '.' || b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z'
}

// findNode returns the first node of a values document whose text is s: a
// mapping key or a scalar value when keys is true, a scalar value only
// otherwise.
func findNode(n *yaml.Node, s string, keys bool) *yaml.Node {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			if f := findNode(c, s, keys); f != nil {
				return f
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if keys && k.Value == s {
				return k
			}
			if f := findNode(v, s, keys); f != nil {
				return f
			}
		}
	case yaml.ScalarNode:
		if n.Value == s && n.Tag != "!!null" {
			return n
		}
	}
	return nil
}
