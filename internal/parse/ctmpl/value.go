package ctmpl

import (
	"fmt"
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
	// readRefs holds, for each of reads, the secret index + 1 it is read
	// from.
	readRefs []int
	// empty is true when the value renders as "" if a field it reads is
	// absent from the secret (`or .Data.data.X ""`).
	empty bool
	// blank is true when the value renders only blanks if a field it
	// reads is absent (`or .Data.data.X " "`): empty once godotenv trims
	// an unquoted value.
	blank bool
	// quoted is true when the value renders as one quoted string (printf
	// "%q", toJSON of a string), so an env reader sees a quoted value.
	quoted bool
	notEnv string // the value renders JSON, YAML, a certificate, ...
	expr   string // how the value is written, for secret paths
	// lit is a kConst's Go value as text/template holds it (string, int,
	// float64, bool), when hasLit.
	lit    any
	hasLit bool
	// truthKnown is true when the truth of a value that is not a constant
	// is known all the same (`or (env "X") true` is truthy).
	truthKnown bool
	// cond is the value's truth as a function of env variables and
	// fields, when it is one.
	cond *condition
	// alts are the constants a variable may hold after branches that
	// assigned it differently.
	alts []value
	// args are the arguments of printf (print) whose verbs a secret path
	// keeps, as written.
	args []string
}

func unknown(args ...value) value {
	v := value{kind: kUnknown}
	for _, a := range args {
		v.addReads(a)
		if v.ref == 0 {
			v.ref = a.ref
		}
	}
	return v
}

// addReads adds the fields a reads, each with its secret.
func (v *value) addReads(a value) {
	for i, r := range a.reads {
		if contains(v.reads, r) {
			continue
		}
		v.reads = append(v.reads, r)
		ref := a.ref
		if i < len(a.readRefs) {
			ref = a.readRefs[i]
		}
		v.readRefs = append(v.readRefs, ref)
	}
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
	if v.truthKnown {
		return v.truth
	}
	if v.cond != nil {
		return v.cond.truth()
	}
	switch v.kind {
	case kConst:
		return v.truth
	case kSecret:
		// consul-template renders only once every secret is read: a
		// missing secret fails the render, it does not take an else arm.
		return 1
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
		return value{kind: kField, ref: v.ref, field: name, reads: []string{name}, readRefs: []int{v.ref}, cond: atomCond("f:" + name)}
	case kKV:
		return value{kind: kField, ref: v.ref, field: name, reads: []string{name}, readRefs: []int{v.ref}, cond: atomCond("f:" + name)}
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
	if ch, ok := c.Args[0].(*parse.ChainNode); ok && isScratchSetter(ch) {
		// scratch.Set and friends render "".
		return constValue("", int(ch.Pos))
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
		return constValue(n.Text, int(n.Pos))
	case *parse.NumberNode:
		if lit, ok := numberLit(n); ok {
			return constValue(lit, int(n.Pos))
		}
		return value{kind: kUnknown}
	case *parse.BoolNode:
		return constValue(n.True, int(n.Pos))
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
	if v, ok := w.foldBuiltin(id.Ident, args, int(id.Pos)); ok {
		return v
	}
	if v, ok := w.foldChoices(id.Ident, args, int(id.Pos)); ok {
		return v
	}
	if v, ok, failed := w.foldEngine(id.Ident, args, int(id.Pos)); ok {
		return v
	} else if failed {
		w.addExecFail(int(id.Pos), fmt.Sprintf("consul-template fails to render the template here: %s returns an error for these arguments", id.Ident))
	}
	switch id.Ident {
	case "and", "or":
		if v, ok := foldLogic(id.Ident, args); ok {
			return v
		}
	case "not":
		if len(args) == 1 {
			if t := args[0].truthy(); t >= 0 {
				return value{kind: kUnknown, truthKnown: true, truth: 1 - t}
			}
			if c := condOf(args[0]); c != nil {
				return value{kind: kUnknown, cond: combine("not", []*condition{c})}
			}
		}
	case "env":
		if len(args) == 1 && args[0].kind == kConst {
			return value{kind: kUnknown, cond: atomCond("e:" + args[0].s)}
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
		v := unknown(args...)
		v.quoted = args[0].kind == kConst && args[0].s == "%q"
		if args[0].kind == kConst {
			v.expr = printfExpr(args[0].s, args[1:])
			if len(args) == 2 && (args[0].s == "%s" || args[0].s == "%v") {
				v.empty, v.blank = args[1].empty, args[1].blank
			}
			v.args = unfoldedArgs(args[1:], c, 2)
		}
		return v
	case "print":
		v := unknown(args...)
		v.expr = printExpr(args)
		v.args = unfoldedArgs(args, c, 1)
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
	case "and":
		return logicTruth("and", args)
	case "or":
		v := logicTruth("or", args)
		if !v.truthKnown {
			v.cond = logicCond("or", args)
		}
		if n := len(args); n > 1 && args[n-1].kind == kConst {
			v.empty = args[n-1].s == ""
			v.blank = strings.Trim(args[n-1].s, " \t") == ""
		}
		return v
	case "trimSpace", "sprig_trim":
		// "" and blanks trim to "".
		v := unknown(args...)
		if n := len(args); n > 0 {
			v.empty = args[n-1].empty || args[n-1].blank
		}
		return v
	case "toLower", "toUpper", "toTitle", "sprig_lower", "sprig_upper", "sprig_title":
		v := unknown(args...)
		if n := len(args); n > 0 {
			v.empty, v.blank = args[n-1].empty, args[n-1].blank
		}
		return v
	case "sprig_default":
		v := unknown(args...)
		if len(args) == 2 && args[0].kind == kConst {
			v.empty = args[0].s == ""
			v.blank = strings.Trim(args[0].s, " \t") == ""
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
	case "writeToFile":
		// It renders "" when it writes, and fails the render otherwise.
		return constValue("", int(id.Pos))
	case "pkiCert", "caLeaf", "caRoots":
		v := unknown(args...)
		v.notEnv = "certificate"
		return v
	}
	return unknown(args...)
}

// foldLogic folds and/or whose leading arguments are constants: and
// returns its first falsy argument, or its last; or its first truthy one,
// or its last. Arguments after the deciding constant are never evaluated.
func foldLogic(name string, args []value) (value, bool) {
	want := 0 // and stops at a falsy argument
	if name == "or" {
		want = 1
	}
	for i, a := range args {
		if a.kind != kConst {
			if i == len(args)-1 {
				// Every earlier argument let evaluation go on: the result
				// is this one.
				return a, true
			}
			return value{}, false
		}
		if a.truth == want || i == len(args)-1 {
			return a, true
		}
	}
	return value{}, false
}

// logicTruth is the result of and/or when only the truth of some
// arguments is known: or is truthy when any argument is, and falsy when
// every one is; and the other way round.
func logicTruth(name string, args []value) value {
	v := unknown(args...)
	want := 1 // or: one truthy argument decides
	if name == "and" {
		want = 0
	}
	all := len(args) > 0
	for _, a := range args {
		t := a.truthy()
		if t == want {
			v.truthKnown, v.truth = true, want
			return v
		}
		all = all && t == 1-want
	}
	if all {
		v.truthKnown, v.truth = true, 1-want
		return v
	}
	v.cond = logicCond(name, args)
	return v
}

func logicCond(name string, args []value) *condition {
	cs := make([]*condition, len(args))
	for i, a := range args {
		cs[i] = condOf(a)
	}
	return combine(name, cs)
}

// unfoldedArgs lists, as written, the arguments a path expression keeps a
// verb for (those that are not constants); first is the index in c.Args of
// args[0].
func unfoldedArgs(args []value, c *parse.CommandNode, first int) []string {
	var out []string
	for i, a := range args {
		if a.kind == kConst && a.hasLit {
			continue
		}
		if c != nil && first+i < len(c.Args) {
			out = append(out, c.Args[first+i].String())
		} else {
			out = append(out, "") // the piped value
		}
	}
	return out
}

// printfExpr writes a printf call as a path: constant arguments are
// formatted in, and each unknown one keeps its verb.
func printfExpr(format string, args []value) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			b.WriteString(format[i:])
			break
		}
		verb := format[i : j+1]
		i = j
		if format[j] == '%' {
			b.WriteByte('%')
			continue
		}
		if n < len(args) && args[n].kind == kConst && args[n].hasLit {
			fmt.Fprintf(&b, verb, args[n].lit)
		} else {
			b.WriteString(verb)
		}
		n++
	}
	return b.String()
}

// printExpr writes a print call as a path, "%v" for each unknown operand
// (print puts a space between two operands when neither is a string).
func printExpr(args []value) string {
	var b strings.Builder
	for i, a := range args {
		isStr := func(v value) bool { _, ok := v.lit.(string); return v.kind == kConst && ok }
		if i > 0 && !isStr(a) && !isStr(args[i-1]) {
			b.WriteByte(' ')
		}
		if a.kind == kConst && a.hasLit {
			fmt.Fprint(&b, a.lit)
		} else {
			b.WriteString("%v")
		}
	}
	return b.String()
}

func isScratchSetter(ch *parse.ChainNode) bool {
	id, ok := ch.Node.(*parse.IdentifierNode)
	if !ok || id.Ident != "scratch" || len(ch.Field) != 1 {
		return false
	}
	switch ch.Field[0] {
	case "Set", "SetX", "MapSet", "MapSetX":
		return true
	}
	return false
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
		items[i] = constValue(p, off)
		at += len(p) + len(sep)
	}
	return value{kind: kList, items: items, truth: boolInt(len(items) > 0)}
}
