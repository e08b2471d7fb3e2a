// Package kube reads Kubernetes manifests: multi-document YAML streams of
// Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers,
// Jobs, CronJobs and Pods (each container and init container a deploy
// target), the ConfigMaps they may load with envFrom, and the Vault Agent
// injector templates of their pod annotations.
//
// Objects are decoded the way the API server decodes them: each document is
// cut out of the stream as kubectl does, converted to JSON with
// sigs.k8s.io/yaml and decoded case-sensitively into the k8s.io/api types
// with sigs.k8s.io/json, so a value kubectl rejects (`value: 8080` for a
// string) is rejected here too. Positions come from a separate walk over the
// YAML nodes (go.yaml.in/yaml/v3), lined up with the decoded objects by
// index.
package kube

import (
	"bytes"
	gojson "encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	kjson "sigs.k8s.io/json"
	syaml "sigs.k8s.io/yaml"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/ctmpl"
)

// MaxSize bounds the manifest Parse reads; a larger one is one problem.
const MaxSize = 16 << 20

// maxStrictErrors bounds the unknown or duplicate fields reported per
// object: kubectl names them all, but the first few say what is wrong.
const maxStrictErrors = 10

// Manifest is what Parse reads from one YAML stream.
type Manifest struct {
	File string
	// Targets are the containers (and init containers) of the workloads,
	// in file order. Their envFrom entries are not resolved: see Resolve.
	Targets []Target
	// ConfigMaps are the ConfigMaps the stream defines.
	ConfigMaps []ConfigMap
	// Templates are the Vault Agent injector templates the injector
	// renders (an agent-inject-template-<name> with its
	// agent-inject-secret-<name>, on a pod with agent-inject: "true").
	// Contents.File is "<file>#<Kind>/<name>/agent-inject-template-<name>",
	// distinct per template; the positions inside are in File.
	Templates []lint.AgentTemplate
	// Unrendered are injector templates the injector ignores: no matching
	// agent-inject-secret-<name>, or the pod lacks agent-inject: "true".
	Unrendered []lint.AgentTemplate
	// Errors are documents kubectl would reject: YAML syntax, wrong types,
	// unknown or duplicate fields.
	Errors []lint.Problem
}

// Target is one container of a workload.
type Target struct {
	lint.DeployTarget
	// Kind and Workload name the object ("Deployment", "api"); Container is
	// the container's name.
	Kind, Workload, Container string
	// Namespace is metadata.namespace as written ("" when not written).
	Namespace string
	// Init is true for an init container.
	Init bool
	// EnvFrom are the container's envFrom entries, in order.
	EnvFrom []EnvFrom
}

// EnvFrom is one envFrom entry: every key of a ConfigMap or Secret.
type EnvFrom struct {
	Pos lint.Pos
	// Source is lint.SourceConfigMap or lint.SourceSecret.
	Source   lint.DeploySource
	Name     string
	Prefix   string
	Optional bool
}

// ConfigMap is one ConfigMap object.
type ConfigMap struct {
	Name, Namespace string
	Pos             lint.Pos // its metadata.name
	// Keys are its data keys, in file order.
	Keys []ConfigMapKey
}

// ConfigMapKey is one key of a ConfigMap's data.
type ConfigMapKey struct {
	Name string
	Pos  lint.Pos
	// Value may be a secret: never print it.
	Value    string
	ValuePos lint.Pos
}

// Injector annotations (github.com/hashicorp/vault-k8s, agent/annotations.go).
const (
	annPrefix       = "vault.hashicorp.com/"
	annInject       = annPrefix + "agent-inject"
	annSecret       = annPrefix + "agent-inject-secret-"
	annTemplate     = annPrefix + "agent-inject-template-"
	annTemplateFile = annPrefix + "agent-inject-template-file-"
	annFile         = annPrefix + "agent-inject-file-"
	annContainers   = annPrefix + "agent-inject-containers"
	annVolumePath   = annPrefix + "secret-volume-path"
)

// Parse reads a multi-document YAML stream of Kubernetes objects: one
// target per container (and init container) of each workload, decoded into
// the real API types, with positions from the YAML nodes; the ConfigMaps it
// defines; the Vault injector templates of its pod annotations; YAML and
// decode errors as positioned problems. It never panics.
func Parse(file string, data []byte) (m *Manifest) {
	m = &Manifest{File: file}
	defer func() {
		if r := recover(); r != nil {
			m = &Manifest{File: file, Errors: []lint.Problem{{Pos: lint.Pos{File: file, Line: 1},
				Msg: fmt.Sprintf("envlint could not read this manifest (internal error: %v); please report it", r)}}}
		}
	}()
	if len(data) > MaxSize {
		m.Errors = append(m.Errors, lint.Problem{Pos: lint.Pos{File: file, Line: 1},
			Msg: fmt.Sprintf("manifest is over %d MiB; envlint does not read it", MaxSize>>20)})
		return m
	}
	r := &reader{m: m, file: file, lines: 1 + bytes.Count(data, []byte("\n"))}
	for _, d := range documents(data) {
		if d.err != "" {
			r.problem(d.line, 1, d.err)
			continue
		}
		r.document(d)
	}
	return m
}

// doc is one document of the stream: its text and the line it starts on.
type doc struct {
	text []byte
	line int // of the document's first line, 1-based
	err  string
}

// documents splits a stream as kubectl's YAMLReader does
// (k8s.io/apimachinery/pkg/util/yaml): a line starting with "---" ends a
// document; only blanks or a comment may follow it.
func documents(data []byte) []doc {
	var docs []doc
	start, startLine, line := 0, 1, 1
	for off := 0; off < len(data); line++ {
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end >= 0 {
			next = off + end + 1
		}
		l := data[off:next]
		if bytes.HasPrefix(l, []byte("---")) {
			rest := strings.TrimSpace(string(l[3:]))
			if rest != "" && rest[0] != '#' {
				docs = append(docs, doc{line: line, err: fmt.Sprintf("invalid YAML document separator %q: kubectl accepts only a comment after ---", trunc(rest))})
			}
			if off > start {
				docs = append(docs, doc{text: data[start:off], line: startLine})
			}
			start, startLine = next, line+1
		}
		off = next
	}
	if start < len(data) {
		docs = append(docs, doc{text: data[start:], line: startLine})
	}
	return docs
}

// reader reads one manifest.
type reader struct {
	m     *Manifest
	file  string
	lines int // in the whole file, to keep positions inside it
}

func (r *reader) pos(line, col int) lint.Pos {
	line = max(1, min(line, r.lines))
	return lint.Pos{File: r.file, Line: line, Col: max(0, col)}
}

func (r *reader) problem(line, col int, msg string) {
	r.m.Errors = append(r.m.Errors, lint.Problem{Pos: r.pos(line, col), Msg: msg})
}

// document reads one document: decoded as kubectl decodes it, positioned
// by its YAML nodes.
func (r *reader) document(d doc) {
	j, err := syaml.YAMLToJSON(d.text)
	if err != nil {
		line, msg := yamlError(err)
		r.problem(d.line+line-1, 0, "YAML: "+msg)
		return
	}
	var root *yaml.Node
	var n yaml.Node
	if yaml.Unmarshal(d.text, &n) == nil && len(n.Content) > 0 {
		root = n.Content[0]
	}
	r.object(j, &node{n: root, line: d.line - 1, fallback: d.line, src: d.text})
}

// object reads one decoded object (a document, or an item of a List).
func (r *reader) object(j []byte, at *node) {
	var tm struct {
		APIVersion string              `json:"apiVersion"`
		Kind       string              `json:"kind"`
		Items      []gojson.RawMessage `json:"items"`
	}
	if kjson.UnmarshalCaseSensitivePreserveInts(j, &tm) != nil {
		return // not an object: no Kubernetes kind
	}
	switch tm.Kind {
	case "List":
		items := at.get("items").items()
		for i, it := range tm.Items {
			r.object(it, items.at(i, at))
		}
		return
	case "ConfigMap":
		var cm corev1.ConfigMap
		if r.decode(j, &cm, at) {
			r.configMap(&cm, at)
		}
		return
	}
	spec := []string{"spec", "template"} // where the pod template is
	var meta metav1.ObjectMeta
	var tmpl *corev1.PodTemplateSpec
	switch tm.Kind {
	case "Deployment":
		meta, tmpl = decodeAs(r, j, at, func(o *appsv1.Deployment) (metav1.ObjectMeta, *corev1.PodTemplateSpec) {
			return o.ObjectMeta, &o.Spec.Template
		})
	case "StatefulSet":
		meta, tmpl = decodeAs(r, j, at, func(o *appsv1.StatefulSet) (metav1.ObjectMeta, *corev1.PodTemplateSpec) {
			return o.ObjectMeta, &o.Spec.Template
		})
	case "DaemonSet":
		meta, tmpl = decodeAs(r, j, at, func(o *appsv1.DaemonSet) (metav1.ObjectMeta, *corev1.PodTemplateSpec) {
			return o.ObjectMeta, &o.Spec.Template
		})
	case "ReplicaSet":
		meta, tmpl = decodeAs(r, j, at, func(o *appsv1.ReplicaSet) (metav1.ObjectMeta, *corev1.PodTemplateSpec) {
			return o.ObjectMeta, &o.Spec.Template
		})
	case "ReplicationController":
		meta, tmpl = decodeAs(r, j, at, func(o *corev1.ReplicationController) (metav1.ObjectMeta, *corev1.PodTemplateSpec) {
			return o.ObjectMeta, o.Spec.Template
		})
	case "Job":
		meta, tmpl = decodeAs(r, j, at, func(o *batchv1.Job) (metav1.ObjectMeta, *corev1.PodTemplateSpec) {
			return o.ObjectMeta, &o.Spec.Template
		})
	case "CronJob":
		meta, tmpl = decodeAs(r, j, at, func(o *batchv1.CronJob) (metav1.ObjectMeta, *corev1.PodTemplateSpec) {
			return o.ObjectMeta, &o.Spec.JobTemplate.Spec.Template
		})
		spec = []string{"spec", "jobTemplate", "spec", "template"}
	case "Pod":
		meta, tmpl = decodeAs(r, j, at, func(o *corev1.Pod) (metav1.ObjectMeta, *corev1.PodTemplateSpec) {
			return o.ObjectMeta, &corev1.PodTemplateSpec{ObjectMeta: o.ObjectMeta, Spec: o.Spec}
		})
		spec = nil // the pod is its own template
	}
	if tmpl != nil {
		r.workload(tm.Kind, meta.Name, meta.Namespace, tmpl, at.get(spec...))
	}
}

// decodeAs decodes an object of type T and returns its metadata and pod
// template; a nil template when it does not decode or has none.
func decodeAs[T any](r *reader, j []byte, at *node, pod func(*T) (metav1.ObjectMeta, *corev1.PodTemplateSpec)) (metav1.ObjectMeta, *corev1.PodTemplateSpec) {
	var o T
	if !r.decode(j, &o, at) {
		return metav1.ObjectMeta{}, nil
	}
	return pod(&o)
}

// decode decodes an object as the API server does: case-sensitively, a
// wrong type failing the object, unknown and duplicate fields reported
// (kubectl's default --validate=strict rejects them) without failing it.
func (r *reader) decode(j []byte, obj any, at *node) bool {
	strict, err := kjson.UnmarshalStrict(j, obj)
	if err != nil {
		r.decodeError(err.Error(), at)
		return false
	}
	for _, e := range strict[:min(len(strict), maxStrictErrors)] {
		r.decodeError(e.Error(), at)
	}
	return true
}

// decodeError positions a decoding error at the node its field path names.
func (r *reader) decodeError(msg string, at *node) {
	field, jsonKind := errorField(msg)
	n := at.locate(field, jsonKind)
	line, col := n.position()
	r.problem(line, col, "kubectl rejects this object: "+strings.TrimPrefix(msg, "json: "))
}

// workload reads the containers of one pod template.
func (r *reader) workload(kind, name, ns string, tmpl *corev1.PodTemplateSpec, at *node) {
	specAt := at.get("spec")
	anns := r.injector(kind, name, tmpl.Annotations, at.get("metadata", "annotations"))
	groups := []struct {
		cs   []corev1.Container
		at   *node
		init bool
	}{
		{tmpl.Spec.InitContainers, specAt.get("initContainers"), true},
		{tmpl.Spec.Containers, specAt.get("containers"), false},
	}
	for _, g := range groups {
		items := g.at.items()
		for i := range g.cs {
			c := &g.cs[i]
			t := r.container(kind, name, c, items.at(i, g.at))
			t.Namespace, t.Init = ns, g.init
			if anns.injects(c.Name) {
				t.Templates = append(t.Templates, anns.rendered...)
				t.Incomplete = t.Incomplete || anns.unknown
			}
			r.m.Targets = append(r.m.Targets, t)
		}
	}
}

// container reads one container's env and envFrom.
func (r *reader) container(kind, workload string, c *corev1.Container, at *node) Target {
	t := Target{Kind: kind, Workload: workload, Container: c.Name}
	t.DeployTarget = lint.DeployTarget{
		Name:  fmt.Sprintf("%s#%s/%s/%s", r.file, kind, workload, c.Name),
		Kind:  lint.DeployKubernetes,
		Pos:   r.nodePos(at.get("name")),
		Image: c.Image,
	}
	envAt := at.get("env").items()
	defined := map[string]bool{}
	for i, e := range c.Env {
		eAt := envAt.at(i, at.get("env"))
		k := lint.DeployKey{Name: e.Name, Pos: r.nodePos(eAt.get("name"))}
		switch vf := e.ValueFrom; {
		case vf == nil:
			k.Source, k.Value = lint.SourceLiteral, e.Value
			k.ValuePos = k.Pos
			if v := eAt.get("value"); v.n != nil {
				k.ValuePos = r.valuePos(v)
			}
			for _, ref := range references(e.Value) {
				for j := range t.Keys {
					if t.Keys[j].Name == ref {
						t.Keys[j].Referenced = true
					}
				}
			}
			if refersTo(e.Value, defined, len(c.EnvFrom) > 0) {
				// The kubelet substitutes $(VAR) when the container starts.
				k.Source, k.Value, k.ValuePos = lint.SourceInterpolation, "", lint.Pos{}
			}
		case vf.SecretKeyRef != nil:
			k.Source = lint.SourceSecret
		case vf.ConfigMapKeyRef != nil:
			k.Source = lint.SourceConfigMap
		default:
			// fieldRef, resourceFieldRef, fileKeyRef: the cluster sets the
			// value when the container starts.
			k.Source = lint.SourceInterpolation
		}
		defined[e.Name] = true
		t.Keys = append(t.Keys, k)
	}
	fromAt := at.get("envFrom").items()
	for i, ef := range c.EnvFrom {
		efAt := fromAt.at(i, at.get("envFrom"))
		f := EnvFrom{Prefix: ef.Prefix}
		switch {
		case ef.ConfigMapRef != nil:
			f.Source, f.Name = lint.SourceConfigMap, ef.ConfigMapRef.Name
			f.Optional = ef.ConfigMapRef.Optional != nil && *ef.ConfigMapRef.Optional
			f.Pos = r.nodePos(efAt.get("configMapRef", "name"))
		case ef.SecretRef != nil:
			f.Source, f.Name = lint.SourceSecret, ef.SecretRef.Name
			f.Optional = ef.SecretRef.Optional != nil && *ef.SecretRef.Optional
			f.Pos = r.nodePos(efAt.get("secretRef", "name"))
		default:
			continue
		}
		t.EnvFrom = append(t.EnvFrom, f)
	}
	return t
}

// refersTo reports whether a value holds a $(VAR) reference the kubelet
// expands: one to a variable defined before it, or (when the container
// has envFrom) to any variable. A reference to nothing stays as written.
func refersTo(v string, defined map[string]bool, envFrom bool) bool {
	for _, name := range references(v) {
		if defined[name] || envFrom {
			return true
		}
	}
	return false
}

// references returns the names a value's $(VAR) references name, as the
// kubelet reads them ($$ is a literal $).
func references(v string) []string {
	var names []string
	for i := 0; i < len(v)-1; i++ {
		if v[i] != '$' {
			continue
		}
		switch v[i+1] {
		case '$':
			i++
		case '(':
			end := strings.IndexByte(v[i+2:], ')')
			if end < 0 {
				return names
			}
			if name := v[i+2 : i+2+end]; name != "" {
				names = append(names, name)
			}
			i += 2 + end
		}
	}
	return names
}

// configMap records a ConfigMap's data keys.
func (r *reader) configMap(cm *corev1.ConfigMap, at *node) {
	c := ConfigMap{Name: cm.Name, Namespace: cm.Namespace, Pos: r.nodePos(at.get("metadata", "name"))}
	dataAt := at.get("data")
	for _, name := range slices.Sorted(maps.Keys(cm.Data)) {
		k := ConfigMapKey{Name: name, Value: cm.Data[name], Pos: r.nodePos(dataAt.key(name))}
		k.ValuePos = k.Pos
		if v := dataAt.get(name); v.n != nil {
			k.ValuePos = r.valuePos(v)
		}
		c.Keys = append(c.Keys, k)
	}
	slices.SortStableFunc(c.Keys, func(a, b ConfigMapKey) int {
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line - b.Pos.Line
		}
		return a.Pos.Col - b.Pos.Col
	})
	r.m.ConfigMaps = append(r.m.ConfigMaps, c)
}

// injection is what the injector annotations of one pod do to its
// containers.
type injection struct {
	rendered   []string // the templates rendered into the pod
	unknown    bool     // a template from a file inside the image
	containers []string // agent-inject-containers; nil for all
}

func (in *injection) injects(container string) bool {
	return in.containers == nil || slices.Contains(in.containers, container)
}

// injector reads the Vault Agent injector annotations of a pod template
// as vault-k8s does: each agent-inject-secret-<name> renders
// agent-inject-template-<name> (or a template file inside the image, or
// the default, which is not an env file) to /vault/secrets/<name>.
func (r *reader) injector(kind, workload string, anns map[string]string, at *node) *injection {
	in := &injection{}
	on, _ := strconv.ParseBool(anns[annInject])
	if s, ok := anns[annContainers]; ok && on {
		in.containers = []string{}
		for c := range strings.SplitSeq(s, ",") {
			in.containers = append(in.containers, strings.TrimSpace(c))
		}
	}
	dir := "/vault/secrets"
	if v := anns[annVolumePath]; v != "" {
		dir = v
	}
	for _, key := range slices.Sorted(maps.Keys(anns)) {
		raw, ok := strings.CutPrefix(key, annTemplate)
		if !ok || strings.HasPrefix(key, annTemplateFile) {
			continue
		}
		tm := lint.AgentTemplate{Pos: r.nodePos(at.key(key))}
		dest := raw
		if f := anns[annFile+raw]; f != "" {
			dest = f
		}
		tm.Destination = dir + "/" + dest
		if d := anns[annVolumePath+"-"+raw]; d != "" {
			tm.Destination = d + "/" + dest
		}
		tm.Contents = ctmpl.Parse(r.file, []byte(anns[key]), ctmpl.Options{})
		tm.Contents.File = fmt.Sprintf("%s#%s/%s/%s", r.file, kind, workload, strings.TrimPrefix(key, annPrefix))
		tm.Contents.Pos = tm.Pos
		r.shift(tm.Contents, at.get(key))
		if _, ok := anns[annSecret+raw]; !ok || !on {
			r.m.Unrendered = append(r.m.Unrendered, tm)
			continue
		}
		r.m.Templates = append(r.m.Templates, tm)
		in.rendered = append(in.rendered, tm.Contents.File)
	}
	if on {
		for key := range anns {
			raw, ok := strings.CutPrefix(key, annSecret)
			if ok && anns[annTemplate+raw] == "" && anns[annTemplateFile+raw] != "" {
				in.unknown = true
			}
		}
	}
	return in
}

// shift moves the positions of a template parsed from an annotation's
// value to where the value is written: a literal block scalar line by
// line, a one-line scalar by its column; where the text differs from what
// is written (escapes in quotes, folded lines), at the line only.
func (r *reader) shift(t *lint.Template, v *node) {
	if v.n == nil {
		for _, p := range t.Positions() {
			if p.Line > 0 {
				*p = r.pos(v.fallback, 0)
			}
		}
		return
	}
	line, col := v.position()
	indent := 0
	block := v.n.Style&yaml.LiteralStyle != 0
	folded := v.n.Style&yaml.FoldedStyle != 0
	escaped := false // the text differs from what is written: columns drift
	switch {
	case block || folded:
		indent = v.blockIndent()
	case v.n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		col++
		escaped = v.escapes()
	}
	for _, p := range t.Positions() {
		if p.Line <= 0 {
			continue
		}
		switch {
		case block || (folded && p.Line == 1):
			p.Line, p.Col = line+p.Line, p.Col+indent
			if p.Col == indent {
				p.Col = 0
			}
		case folded:
			p.Line, p.Col = line+1, 0 // folding joined the lines
		case p.Line == 1 && escaped:
			p.Line, p.Col = line, 0
		case p.Line == 1:
			p.Line, p.Col = line, p.Col+col-1
			if p.Col == col-1 {
				p.Col = 0
			}
		default:
			p.Line, p.Col = line+p.Line-1, 0
		}
		*p = r.pos(p.Line, p.Col)
	}
}

func (r *reader) nodePos(n *node) lint.Pos {
	line, col := n.position()
	return r.pos(line, col)
}

// valuePos is where a scalar's text starts, inside its quotes.
func (r *reader) valuePos(n *node) lint.Pos {
	line, col := n.position()
	if n.n != nil && n.n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		col++
	}
	return r.pos(line, col)
}

func trunc(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
