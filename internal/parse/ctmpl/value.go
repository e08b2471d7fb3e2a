package ctmpl

import (
	"fmt"
	"strconv"
	"strings"
	"text/template/parse"
)

// kind says what the walk knows about a value in the template.
type kind int

const (
	kUnknown kind = iota // anything: a function result, an env read, ...
	kConst               // a constant known before rendering
	kList                // a list of constants (split, sprig_list)
	kSecret              // the result of secret "path"
	kData                // .Data of a secret
	kKV                  // .Data.data of a KV v2 secret
	kField               // one Vault field
)

// value is the abstract value of a pipeline.
type value struct {
	kind  kind
	s     string // kConst: the text
	off   int    // kConst: where the constant is written
	truth int    // kConst: 1 truthy, 0 falsy
	items []value
	ref   int      // secret index + 1; 0 for none
	field string   // kField: the field name
	reads []string // Vault fields the value is computed from
	// empty is true when the value renders as "" if a field it reads is
	// absent from the secret (`or .Data.data.X ""`).
	empty bool
	// quoted is true when the value renders as one quoted string (printf
	// "%q", toJSON of a string), so an env reader sees a quoted value.
	quoted bool
	notEnv string // the value renders JSON, YAML, a certificate, ...
	expr   string // how the value is written, for secret paths
	// args are printf's arguments after the format, as written, for
	// secret paths.
	args []string
}

func unknown(args ...value) value {
	v := value{kind: kUnknown}
	for _, a := range args {
		v.reads = appendUnique(v.reads, a.reads...)
		if v.ref == 0 {
			v.ref = a.ref
		}
	}
	return v
}

func appendUnique(dst []string, src ...string) []string {
	for _, s := range src {
		if !contains(dst, s) {
			dst = append(dst, s)
		}
	}
	return dst
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// truthy reports 1 (true), 0 (false) or -1 (cannot tell).
func (v value) truthy() int {
	switch v.kind {
	case kConst:
		return v.truth
	case kList:
		if len(v.items) > 0 {
			return 1
		}
		return 0
	}
	return -1
}

// access reads field name of v, following the shape of consul-template's
// dependency.Secret: .Data holds the fields of a KV v1 secret, and
// .Data.data those of a KV v2 secret.
func access(v value, name string) value {
	switch v.kind {
	case kSecret:
		if name == "Data" {
			return value{kind: kData, ref: v.ref}
		}
		return value{kind: kUnknown, ref: v.ref}
	case kData:
		switch name {
		case "data":
			return value{kind: kKV, ref: v.ref}
		case "metadata":
			return value{kind: kUnknown, ref: v.ref}
		}
		return value{kind: kField, ref: v.ref, field: name, reads: []string{name}}
	case kKV:
		return value{kind: kField, ref: v.ref, field: name, reads: []string{name}}
	}
	u := unknown(v)
	u.notEnv = v.notEnv
	return u
}

// scope is what names mean at one point of the walk.
type scope struct {
	dot  value
	vars []binding
}

type binding struct {
	name string
	val  value
}

func (s *scope) lookup(name string) value {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].val
		}
	}
	return value{kind: kUnknown}
}

func (s *scope) declare(name string, v value) {
	s.vars = append(s.vars, binding{name, v})
}

func (s *scope) assign(name string, v value) {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			s.vars[i].val = v
			return
		}
	}
}

// child returns a scope whose declarations do not leak into s, as in
// text/template, where variables live until the enclosing {{ end }}.
func (s *scope) child(dot value) *scope {
	return &scope{dot: dot, vars: s.vars[:len(s.vars):len(s.vars)]}
}

// evalPipe evaluates a pipeline and binds its variables.
func (w *walker) evalPipe(p *parse.PipeNode, sc *scope) value {
	if p == nil {
		return value{kind: kUnknown}
	}
	var v value
	for i, c := range p.Cmds {
		var piped *value
		if i > 0 {
			piped = &v
		}
		v = w.evalCmd(c, sc, piped)
	}
	if v.expr == "" {
		v.expr = p.String()
		if len(p.Decl) > 0 {
			v.expr = cmdsString(p.Cmds)
		}
	}
	for _, d := range p.Decl {
		if p.IsAssign {
			sc.assign(d.Ident[0], v)
		} else {
			sc.declare(d.Ident[0], v)
		}
	}
	return v
}

func cmdsString(cmds []*parse.CommandNode) string {
	parts := make([]string, len(cmds))
	for i, c := range cmds {
		parts[i] = c.String()
	}
	return strings.Join(parts, " | ")
}

func (w *walker) evalCmd(c *parse.CommandNode, sc *scope, piped *value) value {
	if len(c.Args) == 0 {
		return value{kind: kUnknown}
	}
	id, ok := c.Args[0].(*parse.IdentifierNode)
	if !ok {
		v := w.evalArg(c.Args[0], sc)
		if len(c.Args) > 1 || piped != nil {
			// A method call with arguments: its result is unknown.
			args := w.evalArgs(c.Args[1:], sc, piped)
			return unknown(append([]value{v}, args...)...)
		}
		return v
	}
	args := w.evalArgs(c.Args[1:], sc, piped)
	return w.call(id, args, c)
}

func (w *walker) evalArgs(nodes []parse.Node, sc *scope, piped *value) []value {
	args := make([]value, 0, len(nodes)+1)
	for _, n := range nodes {
		args = append(args, w.evalArg(n, sc))
	}
	if piped != nil {
		args = append(args, *piped)
	}
	return args
}

func (w *walker) evalArg(n parse.Node, sc *scope) value {
	switch n := n.(type) {
	case *parse.StringNode:
		t := 0
		if n.Text != "" {
			t = 1
		}
		return value{kind: kConst, s: n.Text, off: int(n.Pos), truth: t, expr: n.Text}
	case *parse.NumberNode:
		t := 1
		if (n.IsInt && n.Int64 == 0) || (n.IsUint && n.Uint64 == 0) || (n.IsFloat && n.Float64 == 0) {
			t = 0
		}
		return value{kind: kConst, s: n.Text, off: int(n.Pos), truth: t, expr: n.Text}
	case *parse.BoolNode:
		t := 0
		if n.True {
			t = 1
		}
		return value{kind: kConst, s: strconv.FormatBool(n.True), off: int(n.Pos), truth: t, expr: n.String()}
	case *parse.DotNode:
		return sc.dot
	case *parse.FieldNode:
		v := sc.dot
		for _, f := range n.Ident {
			v = access(v, f)
		}
		return v
	case *parse.VariableNode:
		v := sc.lookup(n.Ident[0])
		for _, f := range n.Ident[1:] {
			v = access(v, f)
		}
		return v
	case *parse.ChainNode:
		v := w.evalArg(n.Node, sc)
		for _, f := range n.Field {
			v = access(v, f)
		}
		return v
	case *parse.PipeNode:
		return w.evalPipe(n, sc.child(sc.dot))
	case *parse.IdentifierNode:
		return w.call(n, nil, nil)
	}
	return value{kind: kUnknown}
}

// call evaluates a function call. Only the functions that decide key names,
// secret paths or what a missing field renders are modelled; any other
// function returns an unknown value that remembers the fields it read.
func (w *walker) call(id *parse.IdentifierNode, args []value, c *parse.CommandNode) value {
	allConst := true
	for _, a := range args {
		if a.kind != kConst {
			allConst = false
		}
	}
	switch id.Ident {
	case "secret":
		path := ""
		var pathArgs []string
		if len(args) > 0 {
			path, pathArgs = args[0].expr, args[0].args
		}
		return value{kind: kSecret, ref: w.addSecret(int(id.Pos), path, pathArgs)}
	case "printf":
		if len(args) == 0 {
			return value{kind: kUnknown}
		}
		if allConst {
			as := make([]any, len(args)-1)
			for i, a := range args[1:] {
				as[i] = a.s
			}
			s := fmt.Sprintf(args[0].s, as...)
			return value{kind: kConst, s: s, off: int(id.Pos), truth: boolInt(s != ""), expr: args[0].s}
		}
		v := unknown(args...)
		v.quoted = args[0].kind == kConst && args[0].s == "%q"
		if args[0].kind == kConst {
			v.expr = args[0].s
			if c != nil && len(c.Args) > 2 {
				for _, a := range c.Args[2:] {
					v.args = append(v.args, a.String())
				}
			}
		}
		return v
	case "index":
		if len(args) == 0 {
			return value{kind: kUnknown}
		}
		v := args[0]
		for _, k := range args[1:] {
			if k.kind != kConst {
				return unknown(args...)
			}
			v = access(v, k.s)
		}
		return v
	case "or":
		if allConst && len(args) > 0 {
			for _, a := range args {
				if a.truth == 1 {
					return a
				}
			}
			return args[len(args)-1]
		}
		v := unknown(args...)
		if n := len(args); n > 1 && args[n-1].kind == kConst && args[n-1].s == "" {
			v.empty = true
		}
		return v
	case "sprig_default":
		v := unknown(args...)
		if len(args) == 2 && args[0].kind == kConst && args[0].s == "" {
			v.empty = true
		}
		return v
	case "split", "sprig_splitList":
		if len(args) == 2 && allConst {
			// consul-template's split trims the string first; sprig's does not.
			return w.splitList(args[0].s, args[1], id.Ident == "split")
		}
		return unknown(args...)
	case "sprig_list":
		if allConst {
			return value{kind: kList, items: args, truth: boolInt(len(args) > 0)}
		}
		return unknown(args...)
	case "toJSON", "toJSONPretty", "toUnescapedJSON", "toUnescapedJSONPretty", "sprig_toJson", "sprig_toPrettyJson":
		return structured(args, "JSON")
	case "toYAML", "sprig_toYaml":
		return structured(args, "YAML")
	case "toTOML", "sprig_toToml":
		return structured(args, "TOML")
	case "pkiCert", "caLeaf", "caRoots":
		v := unknown(args...)
		v.notEnv = "certificate"
		return v
	}
	return unknown(args...)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// structured models toJSON and friends: a whole secret rendered this way
// is a JSON (YAML, TOML) document, and a single string is quoted.
func structured(args []value, format string) value {
	v := unknown(args...)
	if len(args) == 0 {
		return v
	}
	switch args[len(args)-1].kind {
	case kSecret, kData, kKV:
		v.notEnv = format
	case kField:
		v.quoted = format == "JSON"
	}
	return v
}

// splitList evaluates split of two constants. Each item keeps the offset
// where it is written when the string literal has no escapes.
func (w *walker) splitList(sep string, s value, trim bool) value {
	if sep == "" {
		return unknown()
	}
	text, lead := s.s, 0
	if trim {
		trimmed := strings.TrimLeft(text, " \t\r\n")
		lead = len(text) - len(trimmed)
		text = strings.TrimSpace(trimmed)
		if text == "" {
			return value{kind: kList}
		}
	}
	start := s.off + 1
	exact := start+len(s.s) <= len(w.src) && w.src[start:start+len(s.s)] == s.s
	parts := strings.Split(text, sep)
	items := make([]value, len(parts))
	at := lead
	for i, p := range parts {
		off := s.off
		if exact {
			off = start + at
		}
		items[i] = value{kind: kConst, s: p, off: off, truth: boolInt(p != ""), expr: p}
		at += len(p) + len(sep)
	}
	return value{kind: kList, items: items, truth: boolInt(len(items) > 0)}
}
