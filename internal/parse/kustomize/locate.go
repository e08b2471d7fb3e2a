package kustomize

import (
	"bytes"
	"errors"
	"io"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/envlint/envlint/internal/lint"
)

// Locator finds where an overlay's source files write what its output
// holds: the resource file an object comes from, the patch that adds a key,
// the generator line or env file line that makes a ConfigMap key.
type Locator struct {
	o    *Overlay
	docs map[string][]*yaml.Node // parsed files and inline patches
	// includes caches which repository files each kustomization builds.
	includes map[string]map[string]bool
}

// NewLocator returns a Locator over an overlay's sources.
func NewLocator(o *Overlay) *Locator {
	return &Locator{o: o, docs: map[string][]*yaml.Node{}, includes: map[string]map[string]bool{}}
}

// source is one place a patch is written: a patch file, or an inline
// patch of a kustomization.
type source struct {
	file   string
	inline *InlinePatch
}

// Container returns the position of the container's name in the object's
// resource file, else in the last patch that adds it.
func (l *Locator) Container(obj Object, container string) (lint.Pos, bool) {
	srcs := l.sources(obj)
	for _, src := range append(srcs[len(srcs)-1:], srcs[:len(srcs)-1]...) {
		for _, d := range l.parsed(src) {
			if n := findContainer(d, container); n != nil {
				return l.pos(src, n), true
			}
		}
	}
	return lint.Pos{}, false
}

// Env returns where the env entry key of the container is written: the
// last patch applied to the object that names it, else the object's
// resource file. pos is the key's name, value its value (or pos).
func (l *Locator) Env(obj Object, container, key string) (pos, value lint.Pos, ok bool) {
	for _, src := range l.sources(obj) {
		docs := l.parsed(src)
		for _, loose := range []bool{false, true} {
			for _, d := range docs {
				if name, val := findEnv(d, container, key, loose); name != nil {
					pos = l.pos(src, name)
					value = pos
					if val != nil {
						value = l.pos(src, val)
					}
					return pos, value, true
				}
			}
		}
	}
	return lint.Pos{}, lint.Pos{}, false
}

// EnvFrom returns where the container's envFrom entry loading the
// ConfigMap or Secret the build names name is written: the entry whose
// written name the built one contains (a prefix, a suffix or a hash is
// added), the longest such, in the last patch that writes one, else the
// resource file.
func (l *Locator) EnvFrom(obj Object, container, name string) (lint.Pos, bool) {
	for _, src := range l.sources(obj) {
		var best *yaml.Node
		for _, d := range l.parsed(src) {
			walk(d, func(m *yaml.Node) bool {
				for _, f := range []string{"containers", "initContainers"} {
					for _, c := range seq(field(m, f)) {
						if cn := field(c, "name"); cn == nil || cn.Value != container {
							continue
						}
						for _, e := range seq(field(c, "envFrom")) {
							for _, ref := range []string{"configMapRef", "secretRef"} {
								n := field(field(e, ref), "name")
								if n != nil && n.Value != "" && strings.Contains(name, n.Value) && (best == nil || len(n.Value) > len(best.Value)) {
									best = n
								}
							}
						}
					}
				}
				return true
			})
		}
		if best != nil {
			return l.pos(src, best), true
		}
	}
	return lint.Pos{}, false
}

// Annotation returns where the object's annotation key is written: the
// last patch that writes it, else its resource file (line 1 when not
// found).
func (l *Locator) Annotation(obj Object, key string) lint.Pos {
	for _, src := range l.sources(obj) {
		for _, d := range l.parsed(src) {
			var found *yaml.Node
			walk(d, func(m *yaml.Node) bool {
				for _, a := range []*yaml.Node{field(m, "annotations")} {
					if a == nil || a.Kind != yaml.MappingNode {
						continue
					}
					for i := 0; i+1 < len(a.Content); i += 2 {
						if a.Content[i].Value == key {
							found = a.Content[i]
							return false
						}
					}
				}
				return true
			})
			if found != nil {
				return l.pos(src, found)
			}
		}
	}
	return lint.Pos{File: obj.Origin, Line: 1}
}

// Data returns where a ConfigMap's data key is written: a generator's
// literal or env file line (one that made the object, or merged into
// it), else the data: entry of its resource file.
// literal is the generator's literal, when the key comes from one.
func (l *Locator) Data(obj Object, key string) (pos, value lint.Pos, literal *Literal, ok bool) {
	if obj.Generator != "" {
		if pos, value, literal, ok = l.generated(obj, key); ok {
			return pos, value, literal, ok
		}
	}
	src := source{file: obj.Origin}
	for _, d := range l.parsed(src) {
		for _, f := range []string{"data", "stringData"} {
			m := field(d, f)
			if m == nil || m.Kind != yaml.MappingNode {
				continue
			}
			for i := 0; i+1 < len(m.Content); i += 2 {
				if m.Content[i].Value == key {
					return l.pos(src, m.Content[i]), l.pos(src, m.Content[i+1]), nil, true
				}
			}
		}
	}
	return lint.Pos{}, lint.Pos{}, nil, false
}

// generated finds a generated object's key among the literals and env
// files of the generators of that name, the overlay's first (a generator
// with behavior: merge or replace in an overlay overrides the base's).
func (l *Locator) generated(obj Object, key string) (pos, value lint.Pos, literal *Literal, ok bool) {
	for _, k := range l.o.Kustomizations {
		for i := len(k.Literals) - 1; i >= 0; i-- {
			lit := &k.Literals[i]
			if lit.Generator == obj.Generator && lit.Name == obj.GeneratorName && lit.Key == key {
				return lit.Pos, lit.ValuePos, lit, true
			}
		}
		for _, g := range k.Generators {
			if g.Field != obj.Generator || g.Name != obj.GeneratorName {
				continue
			}
			for _, r := range slices.Backward(g.Envs) {
				f, _ := Resolve(path.Dir(k.File), r.Value)
				if p, v, text, ok := envFileKey(f, l.o.Files[f], key); ok {
					return p, v, &Literal{Generator: g.Field, Name: g.Name, Key: key, Value: text, Pos: p, ValuePos: v}, true
				}
			}
		}
	}
	return lint.Pos{}, lint.Pos{}, nil, false
}

// envFileKey finds key in a generator env file, which kustomize reads as
// KEY=value lines with # comments; the last line setting it wins.
func envFileKey(file string, data []byte, key string) (pos, value lint.Pos, text string, ok bool) {
	for i, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimLeft(line, " \t")
		k, v, found := strings.Cut(trimmed, "=")
		if !found || strings.HasPrefix(trimmed, "#") || strings.TrimSpace(k) != key {
			continue
		}
		col := len(line) - len(trimmed) + 1
		pos, value = lint.Pos{File: file, Line: i + 1, Col: col}, lint.Pos{File: file, Line: i + 1, Col: col + len(k) + 1}
		text, ok = strings.TrimRight(v, "\r"), true
	}
	return pos, value, text, ok
}

// sources returns where the object's keys may be written, most recent
// first: the patches of every kustomization that builds the object's
// resource file (the overlay's, applied last, first; within one, the last
// listed first), then the resource file itself.
func (l *Locator) sources(obj Object) []source {
	var srcs []source
	for _, k := range l.o.Kustomizations {
		if !l.builds(k, obj.Origin) {
			continue
		}
		srcs = append(srcs, l.patches(k, map[string]bool{})...)
	}
	return append(srcs, source{file: obj.Origin})
}

// patches returns the patches kustomization k applies, the last first:
// its own, then its components' (kustomize runs a kustomization's
// components on its resources before its own transformers), the last
// component's first.
func (l *Locator) patches(k *Kustomization, seen map[string]bool) []source {
	if seen[k.File] {
		return nil
	}
	seen[k.File] = true
	var srcs []source
	dir := path.Dir(k.File)
	for i := len(k.Inline) - 1; i >= 0; i-- {
		srcs = append(srcs, source{file: k.File, inline: &k.Inline[i]})
	}
	for _, r := range slices.Backward(k.Refs) {
		if r.Patch {
			if f, ok := Resolve(dir, r.Value); ok {
				srcs = append(srcs, source{file: f})
			}
		}
	}
	for _, r := range slices.Backward(k.Refs) {
		if r.Field != "components" || r.Remote {
			continue
		}
		p, _ := Resolve(dir, r.Value)
		for _, c := range l.o.Kustomizations {
			if path.Dir(c.File) == p {
				srcs = append(srcs, l.patches(c, seen)...)
			}
		}
	}
	return srcs
}

// builds reports whether kustomization k builds the repository file f.
func (l *Locator) builds(k *Kustomization, f string) bool {
	if f == k.File {
		return true
	}
	set, ok := l.includes[k.File]
	if !ok {
		set = map[string]bool{}
		l.includes[k.File] = set // cycles stop here
		dir := path.Dir(k.File)
		for _, r := range k.Refs {
			p, ok := Resolve(dir, r.Value)
			if r.Kind != RefBase || r.Remote || !ok {
				continue
			}
			set[p] = true
			for _, sub := range l.o.Kustomizations {
				if path.Dir(sub.File) == p {
					for x := range l.closure(sub) {
						set[x] = true
					}
				}
			}
		}
	}
	return set[f]
}

func (l *Locator) closure(k *Kustomization) map[string]bool {
	l.builds(k, "")
	return l.includes[k.File]
}

// parsed returns the YAML documents of a source.
func (l *Locator) parsed(src source) []*yaml.Node {
	id := src.file
	text := l.o.Files[src.file]
	if src.inline != nil {
		id = src.file + "#" + src.inline.Pos.String()
		text = []byte(src.inline.Text)
	}
	if docs, ok := l.docs[id]; ok {
		return docs
	}
	var docs []*yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(text))
	for {
		var d yaml.Node
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) || err != nil {
			break
		}
		if len(d.Content) > 0 {
			docs = append(docs, d.Content[0])
		}
	}
	l.docs[id] = docs
	return docs
}

// pos converts a node's position in a source to one in its file: an
// inline patch's text starts on its own line of the kustomization.
func (l *Locator) pos(src source, n *yaml.Node) lint.Pos {
	p := lint.Pos{File: src.file, Line: n.Line, Col: n.Column}
	in := src.inline
	if in == nil {
		return p
	}
	if in.Line == 0 {
		return in.Pos
	}
	lines := strings.Split(string(l.o.Files[src.file]), "\n")
	at := in.Line - 1 + n.Line - 1
	if in.Line-1 >= len(lines) || at >= len(lines) {
		return in.Pos
	}
	first := lines[in.Line-1]
	indent := len(first) - len(strings.TrimLeft(first, " "))
	return lint.Pos{File: src.file, Line: at + 1, Col: indent + n.Column}
}

// findContainer returns the name node of the container (or init
// container) named name anywhere under n.
func findContainer(n *yaml.Node, name string) *yaml.Node {
	var found *yaml.Node
	walk(n, func(m *yaml.Node) bool {
		for _, f := range []string{"containers", "initContainers"} {
			for _, c := range seq(field(m, f)) {
				if cn := field(c, "name"); cn != nil && cn.Value == name {
					found = cn
					return false
				}
			}
		}
		return true
	})
	return found
}

// findEnv returns the name and value nodes of the env entry key: in the
// container named container, or (loose) in any mapping that looks like an
// env entry (a JSON 6902 patch's value).
func findEnv(n *yaml.Node, container, key string, loose bool) (name, value *yaml.Node) {
	entry := func(e *yaml.Node) bool {
		if nn := field(e, "name"); nn != nil && nn.Kind == yaml.ScalarNode && nn.Value == key {
			name, value = nn, field(e, "value")
			return true
		}
		return false
	}
	walk(n, func(m *yaml.Node) bool {
		if loose {
			if field(m, "value") != nil || field(m, "valueFrom") != nil {
				return !entry(m)
			}
			return true
		}
		for _, f := range []string{"containers", "initContainers"} {
			for _, c := range seq(field(m, f)) {
				if cn := field(c, "name"); cn == nil || cn.Value != container {
					continue
				}
				for _, e := range seq(field(c, "env")) {
					if entry(e) {
						return false
					}
				}
			}
		}
		return true
	})
	return name, value
}

// walk calls f on every mapping under n, depth first, until f returns
// false.
func walk(n *yaml.Node, f func(*yaml.Node) bool) bool {
	if n == nil {
		return true
	}
	if n.Kind == yaml.MappingNode && !f(n) {
		return false
	}
	if n.Kind == yaml.AliasNode {
		return true // an alias's target is walked where it is defined
	}
	for _, c := range n.Content {
		if !walk(c, f) {
			return false
		}
	}
	return true
}
