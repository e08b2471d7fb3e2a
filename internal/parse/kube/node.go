package kube

import (
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// node is a YAML node of one document, or the absence of one (n nil):
// lookups on a missing node stay missing and position at the nearest
// node found, so a document whose nodes cannot be read still has lines.
type node struct {
	n        *yaml.Node
	line     int // added to the node's line: the document's offset in the file
	fallback int // the line to use when n is nil
	src      []byte
}

func (x *node) child(n *yaml.Node) *node {
	line, _ := x.position()
	return &node{n: resolve(n), line: x.line, fallback: line, src: x.src}
}

func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// position is the node's line and column in the file.
func (x *node) position() (int, int) {
	if x == nil {
		return 1, 0
	}
	if x.n == nil {
		return x.fallback, 0
	}
	return x.n.Line + x.line, x.n.Column
}

// pair returns the key and value nodes of a mapping's key, looking through
// merge keys (<<) as YAML 1.1 does; the last of duplicate keys wins, as in
// the JSON the object is decoded from.
func pair(m *yaml.Node, key string, depth int) (k, v *yaml.Node) {
	m = resolve(m)
	if m == nil || m.Kind != yaml.MappingNode || depth > 10 {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key && m.Content[i].Tag != "!!merge" {
			k, v = m.Content[i], m.Content[i+1]
		}
	}
	if k != nil {
		return k, v
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Tag != "!!merge" {
			continue
		}
		src := resolve(m.Content[i+1])
		merged := []*yaml.Node{src}
		if src != nil && src.Kind == yaml.SequenceNode {
			merged = src.Content
		}
		for _, s := range merged {
			if k, v := pair(s, key, depth+1); k != nil {
				return k, v
			}
		}
	}
	return nil, nil
}

// get follows a path of mapping keys.
func (x *node) get(keys ...string) *node {
	for _, key := range keys {
		_, v := pair(x.n, key, 0)
		x = x.child(v)
	}
	return x
}

// key returns the key node of a mapping's key.
func (x *node) key(key string) *node {
	k, _ := pair(x.n, key, 0)
	return x.child(k)
}

// seq is a sequence's items.
type seq []*yaml.Node

func (x *node) items() seq {
	if x.n == nil || x.n.Kind != yaml.SequenceNode {
		return nil
	}
	return x.n.Content
}

// at returns item i, or a missing node positioned at parent.
func (s seq) at(i int, parent *node) *node {
	if i < len(s) {
		return parent.child(s[i])
	}
	return parent.child(nil)
}

// blockIndent is the indentation of a block scalar's content: that of its
// first line that is not blank, in the document's text.
func (x *node) blockIndent() int {
	lines := strings.Split(string(x.src), "\n")
	for i := x.n.Line; i < len(lines); i++ { // x.n.Line is 1-based: lines[x.n.Line] is the next line
		l := strings.TrimRight(lines[i], "\r")
		if strings.TrimSpace(l) == "" {
			continue
		}
		return len(l) - len(strings.TrimLeft(l, " "))
	}
	return 0
}

// escapes reports whether a quoted scalar's source line holds an escape
// (a backslash, or a doubled single quote) from the scalar on.
func (x *node) escapes() bool {
	lines := strings.Split(string(x.src), "\n")
	if x.n.Line < 1 || x.n.Line > len(lines) {
		return true
	}
	l := lines[x.n.Line-1]
	if x.n.Column-1 < len(l) {
		l = l[x.n.Column-1:]
	}
	if x.n.Style&yaml.SingleQuotedStyle != 0 {
		return strings.Contains(l[min(1, len(l)):], "''")
	}
	return strings.Contains(l, "\\")
}

// locate finds the node a decoding error's field path names
// ("spec.template.spec.containers[0].env[1].value", or without indices):
// where an index is missing every item is searched, for a node of the
// JSON kind the error names ("" for any: then the field's key). It returns
// the deepest node it reaches.
func (x *node) locate(field, jsonKind string) *node {
	if field == "" {
		return x
	}
	segs := strings.Split(field, ".")
	var best *node
	var walk func(at *node, segs []string) *node
	walk = func(at *node, segs []string) *node {
		if best == nil || depthOf(at) > depthOf(best) {
			best = at
		}
		if len(segs) == 0 {
			if jsonKind == "" || kindOf(at.n) == jsonKind {
				return at
			}
			return nil
		}
		name, idx := splitIndex(segs[0])
		next := at.get(name)
		if next.n == nil {
			return nil
		}
		if len(segs) == 1 && idx < 0 && jsonKind == "" {
			return at.key(name) // an unknown or duplicate field: its key
		}
		items := next.items()
		switch {
		case idx >= 0 && idx < len(items):
			return walk(next.child(items[idx]), segs[1:])
		case idx < 0 && items != nil:
			for i := range items {
				if found := walk(next.child(items[i]), segs[1:]); found != nil {
					return found
				}
			}
			return nil
		}
		return walk(next, segs[1:])
	}
	if found := walk(x, segs); found != nil {
		return found
	}
	return best
}

// depthOf orders candidates: the later a node's line, the deeper it is in
// the path followed so far.
func depthOf(x *node) int {
	l, c := x.position()
	return l*10000 + c
}

func splitIndex(seg string) (string, int) {
	i := strings.IndexByte(seg, '[')
	if i < 0 || !strings.HasSuffix(seg, "]") {
		return seg, -1
	}
	n, err := strconv.Atoi(seg[i+1 : len(seg)-1])
	if err != nil {
		return seg[:i], -1
	}
	return seg[:i], n
}

// kindOf is the JSON kind of a node's value, as encoding/json names it.
func kindOf(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "object"
	case yaml.SequenceNode:
		return "array"
	}
	switch n.ShortTag() {
	case "!!int", "!!float":
		return "number"
	case "!!bool":
		return "bool"
	case "!!null":
		return "null"
	}
	return "string"
}

var (
	typeErrRe  = regexp.MustCompile(`cannot unmarshal (\w+) into Go (?:struct field \w+\.(\S+)|value) of type`)
	fieldErrRe = regexp.MustCompile(`(?:unknown|duplicate) field "([^"]*)"`)
	yamlLineRe = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)
)

// errorField reads the field path and JSON kind out of a decoding error.
func errorField(msg string) (field, jsonKind string) {
	if m := typeErrRe.FindStringSubmatch(msg); m != nil {
		return m[2], m[1]
	}
	if m := fieldErrRe.FindStringSubmatch(msg); m != nil {
		return m[1], ""
	}
	return "", ""
}

// yamlError splits a YAML error into its line (1 when it names none) and
// message.
func yamlError(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "error converting YAML to JSON: ")
	msg = strings.TrimPrefix(msg, "yaml: ")
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return max(1, n), msg[len(m[0]):]
	}
	return 1, msg
}
