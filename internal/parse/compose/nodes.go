package compose

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/safefile"
)

// maxFileSize bounds a compose file envlint reads.
const maxFileSize = 16 << 20

// doc is the positions of one compose file, read from its YAML nodes.
type doc struct {
	file     string
	data     []byte
	lines    []int // byte offset of each line start
	services map[string]*service
	roots    []*yaml.Node
	values   []string // every scalar value, to keep out of messages
}

// service is one service's positions in one file.
type service struct {
	pos         lint.Pos
	env         map[string]*entry
	args        map[string]*entry
	envFiles    map[string]*lint.Pos // by path relative to the root
	extends     string               // the service it extends, "" for none
	extendsFile string               // as written, "" for the same file
}

type entry struct {
	pos, valuePos lint.Pos
	raw           string
	hasValue      bool
}

// parse reads a file's YAML nodes, its interpolations and those of the
// files it extends. A file that is not YAML is the project's error.
func (r *reader) parse(file string) *lint.Problem {
	if _, ok := r.docs[file]; ok {
		return nil
	}
	d := &doc{file: file, services: map[string]*service{}}
	r.docs[file] = d
	data, err := safefile.Read(r.root, file, maxFileSize)
	if err != nil {
		return &lint.Problem{Pos: lint.Pos{File: file}, Msg: fmt.Sprintf("cannot read %s: %v", file, unwrap(err))}
	}
	d.data = data
	d.lines = append(d.lines, 0)
	for i, b := range data {
		if b == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	r.order = append(r.order, file)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var extendsFiles []string
	for {
		var root yaml.Node
		if err := dec.Decode(&root); err != nil {
			if err.Error() == "EOF" {
				break
			}
			// compose's loader reports YAML errors with their line; let it.
			return nil
		}
		d.roots = append(d.roots, &root)
		d.collect(&root, r.out)
		extendsFiles = append(extendsFiles, d.read(&root)...)
	}
	for _, ef := range extendsFiles {
		if ef == ".." || strings.HasPrefix(ef, "../") {
			continue // outside the -C directory: not envlint's to read
		}
		if p := r.parse(ef); p != nil {
			return nil // the loader reports it
		}
	}
	return nil
}

// read indexes the services of one YAML document, and returns the files
// its services extend.
func (d *doc) read(root *yaml.Node) []string {
	top := root
	if top.Kind == yaml.DocumentNode && len(top.Content) > 0 {
		top = top.Content[0]
	}
	svcs := get(top, "services")
	if svcs == nil || svcs.Kind != yaml.MappingNode {
		return nil
	}
	var ext []string
	for i := 0; i+1 < len(svcs.Content); i += 2 {
		k, v := svcs.Content[i], svcs.Content[i+1]
		s := &service{pos: d.pos(k), env: map[string]*entry{}, args: map[string]*entry{}, envFiles: map[string]*lint.Pos{}}
		d.services[k.Value] = s
		if v.Kind != yaml.MappingNode {
			continue
		}
		d.entries(get(v, "environment"), s.env)
		if b := get(v, "build"); b != nil && b.Kind == yaml.MappingNode {
			d.entries(get(b, "args"), s.args)
		}
		if ef := get(v, "env_file"); ef != nil {
			items := []*yaml.Node{ef}
			if ef.Kind == yaml.SequenceNode {
				items = ef.Content
			}
			for _, it := range items {
				if it.Kind == yaml.MappingNode {
					it = get(it, "path")
				}
				if it != nil && it.Kind == yaml.ScalarNode {
					p := d.pos(it)
					s.envFiles[path.Join(path.Dir(d.file), it.Value)] = &p
				}
			}
		}
		switch e := get(v, "extends"); {
		case e == nil:
		case e.Kind == yaml.ScalarNode:
			s.extends = e.Value
		case e.Kind == yaml.MappingNode:
			if n := get(e, "service"); n != nil {
				s.extends = n.Value
			}
			if n := get(e, "file"); n != nil && n.Value != "" {
				s.extendsFile = n.Value
				ext = append(ext, path.Join(path.Dir(d.file), n.Value))
			}
		}
	}
	return ext
}

// entries indexes an environment or args block, map or list form.
func (d *doc) entries(n *yaml.Node, into map[string]*entry) {
	if n == nil {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			e := &entry{pos: d.pos(k), valuePos: d.pos(v)}
			if !(v.Kind == yaml.ScalarNode && v.Tag == "!!null") {
				e.hasValue, e.raw = true, v.Value
			}
			into[k.Value] = e
		}
	case yaml.SequenceNode:
		for _, it := range n.Content {
			if it.Kind != yaml.ScalarNode {
				continue
			}
			name, val, ok := strings.Cut(it.Value, "=")
			e := &entry{pos: d.pos(it), valuePos: d.pos(it), hasValue: ok, raw: val}
			if ok {
				e.valuePos.Col += len(name) + 1
			}
			into[name] = e
		}
	}
}

// collect records the interpolations of every scalar value in the tree,
// and the values themselves for scrubbing messages.
func (d *doc) collect(n *yaml.Node, out *lint.DeployFile) {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			d.collect(c, out)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			d.collect(n.Content[i+1], out)
		}
	case yaml.ScalarNode:
		if len(n.Value) >= 4 {
			d.values = append(d.values, n.Value)
		}
		vars := Variables(n.Value)
		if len(vars) == 0 {
			return
		}
		from := d.offset(d.pos(n))
		for _, v := range vars {
			// The raw text holds the reference as written, in order; a
			// quoted scalar with escapes in front may shift it, in which
			// case the scalar's own position stands.
			pos := d.pos(n)
			if from >= 0 && from <= len(d.data) {
				if i := bytes.Index(d.data[from:], []byte(v.text)); i >= 0 {
					pos = d.at(from + i)
					from += i + len(v.text)
				}
			}
			out.Interpolations = append(out.Interpolations, lint.Interpolation{Name: v.Name, Pos: pos, Default: v.Default, Required: v.Required})
		}
	}
}

// scrub removes from a message every value written in the file.
func (d *doc) scrub(msg string) string {
	for _, v := range d.values {
		if strings.Contains(msg, v) {
			msg = strings.ReplaceAll(msg, v, "…")
		}
	}
	return msg
}

func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// pos converts a node's line and (rune) column into a byte position.
func (d *doc) pos(n *yaml.Node) lint.Pos {
	p := lint.Pos{File: d.file, Line: n.Line, Col: n.Column}
	if n.Line >= 1 && n.Line <= len(d.lines) {
		start := d.lines[n.Line-1]
		col, off := 1, start
		for col < n.Column && off < len(d.data) && d.data[off] != '\n' {
			_, size := utf8.DecodeRune(d.data[off:])
			off += size
			col++
		}
		p.Col = off - start + 1
	}
	return p
}

// offset is the byte offset of a position, -1 when unknown.
func (d *doc) offset(p lint.Pos) int {
	if p.Line < 1 || p.Line > len(d.lines) {
		return -1
	}
	return d.lines[p.Line-1] + p.Col - 1
}

// at is the position of a byte offset.
func (d *doc) at(off int) lint.Pos {
	line := sort.Search(len(d.lines), func(i int) bool { return d.lines[i] > off })
	return lint.Pos{File: d.file, Line: line, Col: off - d.lines[line-1] + 1}
}

// find returns the position of the deepest node a dotted path from
// compose's messages (services.api.ports) reaches in the file.
func (d *doc) find(path []string) (lint.Pos, bool) {
	for _, root := range d.roots {
		n := root
		if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
			n = n.Content[0]
		}
		var at *yaml.Node
		for _, seg := range path {
			if n.Kind != yaml.MappingNode {
				break
			}
			var next *yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == seg {
					at, next = n.Content[i], n.Content[i+1]
				}
			}
			if next == nil {
				break
			}
			n = next
		}
		if at != nil {
			return d.pos(at), true
		}
	}
	return lint.Pos{}, false
}
