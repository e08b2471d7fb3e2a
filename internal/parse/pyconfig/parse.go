package pyconfig

// The parser reads the subset of Python that declares settings: imports,
// class definitions with their bases, class-body assignments (annotated or
// not), module constants, and os.getenv/os.environ reads. Every other
// statement is skipped by its tokens, which the tokenizer has already
// balanced; expressions it does not model become opaque nodes, never a
// guess.

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

type exprKind int

const (
	eOpaque exprKind = iota
	eName
	eAttr
	eCall
	eSubscript
	eString
	eNumber
	eConst // True, False, None, ...
	eTuple
	eList
	eDict
	eSet
	eOr // a | b
	eNeg
)

type kwarg struct {
	name string
	val  *expr
}

type expr struct {
	kind    exprKind
	name    string // eName, eAttr (the attribute), eConst, eNumber (the literal)
	x       *expr  // eAttr, eCall, eSubscript value, eNeg operand; eOr left
	y       *expr  // eOr right
	args    []*expr
	kwargs  []kwarg
	starred bool    // a call with *args or **kwargs, or a starred element
	elts    []*expr // tuples, lists, sets, subscript indexes; dict keys
	vals    []*expr // dict values
	str     string  // eString: the decoded value
	strOK   bool    // eString: constant (not an f-string) and decodable
	bytes   bool    // eString: a bytes literal
	line    int
	col     int
}

// dotted returns a name or attribute chain as "a.b.c", or "".
func (e *expr) dotted() string {
	switch {
	case e == nil:
		return ""
	case e.kind == eName:
		return e.name
	case e.kind == eAttr:
		if d := e.x.dotted(); d != "" {
			return d + "." + e.name
		}
	}
	return ""
}

func (e *expr) kw(name string) *expr {
	for _, k := range e.kwargs {
		if k.name == name {
			return k.val
		}
	}
	return nil
}

// importName is one name an import binds in a module.
type importName struct {
	local  string // the bound name
	module string // the module, with leading dots for relative imports
	name   string // the imported attribute; "" for `import module`
	line   int
}

type field struct {
	name     string
	ann      *expr // nil for a plain assignment
	value    *expr // nil when there is none
	line     int
	col      int
	comments []string
	doc      string // a string statement right after the field
}

type class struct {
	name       string
	bases      []*expr
	kwargs     []kwarg // metaclass=..., and class keyword config (env_prefix=...)
	starred    bool
	line       int
	col        int
	fields     []*field
	classes    []*class // nested classes (class Config:)
	decorators []*expr  // decorators of the methods in the body
	// parent is the enclosing class, nil at module level or in a function.
	inFunc bool
}

type envRead struct {
	fn       string // "getenv", "environ.get", "environ[]"
	key      *expr
	def      *expr // the default argument, nil when there is none
	hasDef   bool
	line     int
	col      int
	function string // the enclosing function or class, "" at module level
}

type module struct {
	imports []importName
	classes []*class // every class, at any depth, in source order
	// consts are module-level names assigned exactly once to an expression.
	consts  map[string]*expr
	assigns map[string]int
	reads   []envRead
	ignores []comment // envlint:ignore comments
	err     *syntaxError
}

// parse reads one file. A syntax error stops the read; what was read
// before it is kept but callers drop it.
func parse(src []byte) *module {
	m := &module{consts: map[string]*expr{}, assigns: map[string]int{}}
	toks, ignores, err := tokenize(src)
	m.ignores = ignores
	if err != nil {
		m.err = err
		return m
	}
	p := &parser{toks: toks, m: m}
	p.file()
	if p.err != nil {
		m.err = p.err
	}
	return m
}

type parser struct {
	toks []token
	pos  int
	m    *module
	err  *syntaxError
}

type blockCtx struct {
	cls  *class // the class whose body this is
	fn   string // the function whose body this is
	name string // for messages: the enclosing def or class
}

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}

func (p *parser) isOp(s string) bool {
	t := p.toks[p.pos]
	return t.kind == tOp && t.text == s
}

func (p *parser) isName(s string) bool {
	t := p.toks[p.pos]
	return t.kind == tName && t.text == s
}

func (p *parser) fail(t token, msg string) {
	if p.err == nil {
		p.err = &syntaxError{line: t.line, col: t.col, msg: msg}
	}
}

var keywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true,
	"await": true, "break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true,
	"else": true, "except": true, "finally": true, "for": true, "from": true, "global": true, "if": true,
	"import": true, "in": true, "is": true, "lambda": true, "nonlocal": true, "not": true, "or": true,
	"pass": true, "raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true,
}

func (p *parser) file() {
	stack := []blockCtx{{}}
	var pendingHeader *blockCtx // the context the next INDENT opens
	for p.err == nil {
		t := p.peek()
		switch t.kind {
		case tEOF:
			return
		case tIndent:
			p.next()
			if pendingHeader == nil {
				p.fail(t, "unexpected indent")
				return
			}
			stack = append(stack, *pendingHeader)
			pendingHeader = nil
			continue
		case tDedent:
			p.next()
			if pendingHeader != nil {
				p.fail(t, "expected an indented block")
				return
			}
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
			continue
		case tNewline:
			p.next()
			continue
		}
		if pendingHeader != nil {
			p.fail(t, "expected an indented block")
			return
		}
		pendingHeader = p.statement(stack[len(stack)-1])
	}
}

// statement reads one logical line. It returns the context of the block
// that the line opens, or nil when it opens none.
func (p *parser) statement(ctx blockCtx) *blockCtx {
	start := p.pos
	end := start
	for p.toks[end].kind != tNewline && p.toks[end].kind != tEOF {
		end++
	}
	line := p.toks[start : end+1]
	p.scanReads(line, ctx)
	first := line[0]
	// A header ends with ':' at depth 0 and opens a block (unless a
	// simple statement follows the colon on the same line).
	colon := headerColon(line)
	if first.kind == tName && (first.text == "class" || first.text == "async" || first.text == "def") ||
		first.kind == tOp && first.text == "@" {
		if first.text == "class" {
			c := p.classHeader(ctx)
			if p.err != nil {
				return nil
			}
			p.pos = start
			if colon >= 0 && colon+1 < len(line)-1 {
				// class A: x: int = 1
				p.pos = start + colon + 1
				p.simpleStatements(blockCtx{cls: c, name: c.name}, start+len(line)-1)
				p.pos = start + len(line)
				return nil
			}
			p.pos = start + len(line)
			if colon < 0 {
				p.fail(first, "expected ':'")
				return nil
			}
			return &blockCtx{cls: c, name: c.name}
		}
		if first.text == "@" {
			if ctx.cls != nil {
				p.pos = start + 1
				ctx.cls.decorators = append(ctx.cls.decorators, p.expr())
			}
			p.pos = start + len(line)
			return nil
		}
		name := ""
		for i, t := range line {
			if t.kind == tName && t.text == "def" && i+1 < len(line) {
				name = line[i+1].text
				break
			}
		}
		p.pos = start + len(line)
		if colon >= 0 && colon+1 < len(line)-1 {
			return nil
		}
		if colon < 0 {
			p.fail(first, "expected ':'")
			return nil
		}
		fn := name
		if ctx.fn != "" {
			fn = ctx.fn + "." + name
		} else if ctx.cls != nil {
			fn = ctx.cls.name + "." + name
		}
		return &blockCtx{fn: fn, name: fn}
	}
	if colon >= 0 && first.kind == tName && isCompound(first.text, line) {
		p.pos = start + len(line)
		if colon+1 < len(line)-1 {
			// if x: y = 1 — the statement after the colon is not read.
			return nil
		}
		return &blockCtx{fn: ctx.fn, name: ctx.name}
	}
	p.simpleStatements(ctx, start+len(line)-1)
	p.pos = start + len(line)
	return nil
}

func isCompound(kw string, line []token) bool {
	switch kw {
	case "if", "elif", "else", "for", "while", "try", "except", "finally", "with":
		return true
	case "match", "case":
		// Soft keywords: `match x:` but not `match: int`.
		return len(line) > 2 && !(line[1].kind == tOp && (line[1].text == ":" || line[1].text == "=" || line[1].text == "."))
	}
	return false
}

// headerColon returns the index of a ':' at bracket depth 0 that ends a
// compound statement's header, or -1. Lambdas' colons are skipped.
func headerColon(line []token) int {
	depth, lambdas := 0, 0
	if line[0].kind == tName && !isHeaderStart(line[0].text, line) {
		return -1
	}
	if line[0].kind == tOp && line[0].text == "@" {
		return -1
	}
	for i, t := range line {
		switch {
		case t.kind == tOp && (t.text == "(" || t.text == "[" || t.text == "{"):
			depth++
		case t.kind == tOp && (t.text == ")" || t.text == "]" || t.text == "}"):
			depth--
		case t.kind == tName && t.text == "lambda" && depth == 0:
			lambdas++
		case t.kind == tOp && t.text == ":" && depth == 0:
			if lambdas > 0 {
				lambdas--
				continue
			}
			return i
		}
	}
	return -1
}

func isHeaderStart(kw string, line []token) bool {
	switch kw {
	case "class", "def", "async":
		return true
	}
	return isCompound(kw, line)
}

// simpleStatements reads `a; b; c` up to the token at end (a NEWLINE).
func (p *parser) simpleStatements(ctx blockCtx, end int) {
	for p.pos < end && p.err == nil {
		s := p.pos
		p.simple(ctx, end)
		// Skip to the next ';' at depth 0.
		depth := 0
		for p.pos < end {
			t := p.toks[p.pos]
			if t.kind == tOp {
				switch t.text {
				case "(", "[", "{":
					depth++
				case ")", "]", "}":
					depth--
				case ";":
					if depth == 0 {
						p.pos++
						goto nextStmt
					}
				}
			}
			p.pos++
		}
	nextStmt:
		if p.pos == s {
			p.pos++
		}
	}
}

func (p *parser) simple(ctx blockCtx, end int) {
	t := p.peek()
	if t.kind != tName {
		return
	}
	switch t.text {
	case "import":
		p.next()
		p.importStmt(t.line)
		return
	case "from":
		p.next()
		p.fromStmt(t.line)
		return
	}
	if keywords[t.text] {
		return
	}
	// NAME ':' annotation ['=' value] | NAME '=' value
	nt := p.toks[p.pos+1]
	if nt.kind != tOp || (nt.text != ":" && nt.text != "=") {
		return
	}
	p.next()
	p.next()
	f := &field{name: t.text, line: t.line, col: t.col, comments: t.comments}
	if nt.text == ":" {
		f.ann = p.expr()
		if p.isOp("=") {
			p.next()
			f.value = p.exprList()
		}
	} else {
		f.value = p.exprList()
		if p.isOp("=") {
			// a = b = c: a chained assignment is not a constant.
			f.value = &expr{kind: eOpaque, line: t.line, col: t.col}
		}
	}
	switch {
	case ctx.cls != nil:
		ctx.cls.fields = append(ctx.cls.fields, f)
		// A docstring right after the field documents it.
		if p.peekAt(end+1).kind == tString && p.peekAt(end+2).kind == tNewline {
			if s := decodeString(p.peekAt(end + 1).text); s.ok {
				f.doc = strings.TrimSpace(s.s)
			}
		}
	case ctx.fn == "" && ctx.name == "":
		p.m.assigns[f.name]++
		if f.value != nil {
			p.m.consts[f.name] = f.value
		}
	}
}

func (p *parser) peekAt(i int) token {
	if i < len(p.toks) {
		return p.toks[i]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) dottedName() string {
	var b strings.Builder
	for p.peek().kind == tName {
		b.WriteString(p.next().text)
		if !p.isOp(".") {
			break
		}
		p.next()
		b.WriteByte('.')
	}
	return b.String()
}

func (p *parser) importStmt(line int) {
	for {
		mod := p.dottedName()
		local := strings.SplitN(mod, ".", 2)[0]
		name := ""
		if p.isName("as") {
			p.next()
			local = p.next().text
			name = ""
		} else {
			// `import a.b` binds a; record the full module under it.
			name = ""
		}
		if mod != "" {
			p.m.imports = append(p.m.imports, importName{local: local, module: mod, name: name, line: line})
		}
		if !p.isOp(",") {
			return
		}
		p.next()
	}
}

func (p *parser) fromStmt(line int) {
	var mod strings.Builder
	for p.isOp(".") || p.isOp("...") {
		mod.WriteString(p.next().text)
	}
	mod.WriteString(p.dottedName())
	if !p.isName("import") {
		return
	}
	p.next()
	paren := p.isOp("(")
	if paren {
		p.next()
	}
	for p.peek().kind == tName || p.isOp("*") {
		name := p.next().text
		local := name
		if p.isName("as") {
			p.next()
			local = p.next().text
		}
		p.m.imports = append(p.m.imports, importName{local: local, module: mod.String(), name: name, line: line})
		if !p.isOp(",") {
			break
		}
		p.next()
	}
}

func (p *parser) classHeader(ctx blockCtx) *class {
	p.next() // class
	nt := p.next()
	if nt.kind != tName {
		p.fail(nt, "invalid syntax")
		return nil
	}
	c := &class{name: nt.text, line: p.toks[p.pos-2].line, col: p.toks[p.pos-2].col, inFunc: ctx.fn != ""}
	if p.isOp("[") { // PEP 695 type parameters
		p.skipBalanced()
	}
	if p.isOp("(") {
		call := p.callArgs(&expr{kind: eName, name: c.name})
		c.bases, c.kwargs, c.starred = call.args, call.kwargs, call.starred
	}
	if ctx.cls != nil {
		ctx.cls.classes = append(ctx.cls.classes, c)
	}
	p.m.classes = append(p.m.classes, c)
	return c
}

// skipBalanced skips an opening bracket and everything up to its match.
func (p *parser) skipBalanced() {
	depth := 0
	for {
		t := p.next()
		if t.kind == tEOF || t.kind == tNewline {
			return
		}
		if t.kind == tOp {
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
				if depth == 0 {
					return
				}
			}
		}
	}
}

// exprList reads `a` or `a, b` (a tuple).
func (p *parser) exprList() *expr {
	t := p.peek()
	e := p.expr()
	if !p.isOp(",") {
		return e
	}
	tup := &expr{kind: eTuple, elts: []*expr{e}, line: t.line, col: t.col}
	for p.isOp(",") {
		p.next()
		if p.atDelim() {
			break
		}
		tup.elts = append(tup.elts, p.expr())
	}
	return tup
}

func (p *parser) atDelim() bool {
	t := p.peek()
	if t.kind == tNewline || t.kind == tEOF {
		return true
	}
	if t.kind == tOp {
		switch t.text {
		case ")", "]", "}", ",", ";", "=", ":":
			return true
		}
	}
	return false
}

// expr reads one expression. Anything outside the modelled subset is
// consumed up to the next delimiter at depth 0 and returned opaque.
func (p *parser) expr() *expr {
	t := p.peek()
	if t.kind == tName && (t.text == "lambda" || t.text == "not" || t.text == "await" || t.text == "yield") {
		return p.opaque(t)
	}
	e := p.unary()
	for p.isOp("|") {
		p.next()
		r := p.unary()
		e = &expr{kind: eOr, x: e, y: r, line: t.line, col: t.col}
	}
	if !p.atDelim() {
		return p.opaque(t)
	}
	return e
}

// opaque consumes the rest of an expression: up to a delimiter at depth 0
// (a lambda's colon is part of it).
func (p *parser) opaque(start token) *expr {
	depth, lambdas := 0, 0
	for {
		t := p.peek()
		if t.kind == tNewline || t.kind == tEOF {
			break
		}
		if t.kind == tName && t.text == "lambda" && depth == 0 {
			lambdas++
		}
		if t.kind == tOp {
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				if depth == 0 {
					return &expr{kind: eOpaque, line: start.line, col: start.col}
				}
				depth--
			case ",", ";", "=":
				if depth == 0 && (lambdas == 0 || t.text == ";") {
					return &expr{kind: eOpaque, line: start.line, col: start.col}
				}
			case ":":
				if depth == 0 {
					if lambdas == 0 {
						return &expr{kind: eOpaque, line: start.line, col: start.col}
					}
					lambdas--
				}
			}
		}
		p.next()
	}
	return &expr{kind: eOpaque, line: start.line, col: start.col}
}

func (p *parser) unary() *expr {
	t := p.peek()
	if t.kind == tOp && (t.text == "-" || t.text == "+") {
		p.next()
		x := p.unary()
		if t.text == "+" {
			return x
		}
		return &expr{kind: eNeg, x: x, line: t.line, col: t.col}
	}
	return p.primary()
}

func (p *parser) primary() *expr {
	t := p.peek()
	var e *expr
	switch {
	case t.kind == tName && (t.text == "True" || t.text == "False" || t.text == "None"):
		p.next()
		e = &expr{kind: eConst, name: t.text, line: t.line, col: t.col}
	case t.kind == tName && !keywords[t.text]:
		p.next()
		e = &expr{kind: eName, name: t.text, line: t.line, col: t.col}
	case t.kind == tNumber:
		p.next()
		e = &expr{kind: eNumber, name: t.text, line: t.line, col: t.col}
	case t.kind == tString:
		e = &expr{kind: eString, strOK: true, line: t.line, col: t.col}
		var b strings.Builder
		for p.peek().kind == tString {
			s := decodeString(p.next().text)
			b.WriteString(s.s)
			e.strOK = e.strOK && s.ok
			e.bytes = s.bytes
		}
		e.str = b.String()
	case t.kind == tOp && t.text == "...":
		p.next()
		e = &expr{kind: eConst, name: "...", line: t.line, col: t.col}
	case t.kind == tOp && (t.text == "(" || t.text == "[" || t.text == "{"):
		e = p.display()
	default:
		return p.opaque(t)
	}
	for {
		switch {
		case p.isOp("."):
			p.next()
			n := p.next()
			if n.kind != tName {
				return p.opaque(t)
			}
			e = &expr{kind: eAttr, x: e, name: n.text, line: t.line, col: t.col}
		case p.isOp("("):
			e = p.callArgs(e)
		case p.isOp("["):
			p.next()
			sub := &expr{kind: eSubscript, x: e, line: t.line, col: t.col}
			for !p.isOp("]") && p.err == nil && p.peek().kind != tEOF {
				sub.elts = append(sub.elts, p.expr())
				if p.isOp(":") { // a slice
					p.next()
					sub.elts[len(sub.elts)-1] = &expr{kind: eOpaque}
					continue
				}
				if p.isOp(",") {
					p.next()
					continue
				}
				if !p.isOp("]") {
					p.opaque(t)
					if !p.isOp("]") {
						break
					}
				}
			}
			if p.isOp("]") {
				p.next()
			}
			e = sub
		default:
			return e
		}
	}
}

// display reads a parenthesised expression, tuple, list, set or dict.
// Comprehensions are opaque.
func (p *parser) display() *expr {
	open := p.next()
	closer := map[string]string{"(": ")", "[": "]", "{": "}"}[open.text]
	e := &expr{kind: eList, line: open.line, col: open.col}
	switch open.text {
	case "(":
		e.kind = eTuple
	case "{":
		e.kind = eSet
	}
	comma, opaque := false, false
	for !p.isOp(closer) && p.peek().kind != tEOF && p.peek().kind != tNewline {
		if p.isOp("*") || p.isOp("**") {
			p.next()
			e.starred = true
		}
		x := p.expr()
		if p.isOp(":") && open.text == "{" {
			p.next()
			e.kind = eDict
			e.vals = append(e.vals, p.expr())
		}
		e.elts = append(e.elts, x)
		if p.isName("for") || p.isName("async") || p.isName("if") {
			opaque = true
		}
		if p.isOp(",") {
			comma = true
			p.next()
			continue
		}
		if !p.isOp(closer) {
			opaque = true
			p.opaque(open)
			if !p.isOp(closer) {
				p.next()
			}
		}
	}
	if p.isOp(closer) {
		p.next()
	}
	if opaque {
		return &expr{kind: eOpaque, line: open.line, col: open.col}
	}
	if open.text == "(" && !comma && len(e.elts) == 1 {
		return e.elts[0]
	}
	if open.text == "{" && len(e.elts) == 0 {
		e.kind = eDict
	}
	return e
}

// callArgs reads a call's arguments after fn.
func (p *parser) callArgs(fn *expr) *expr {
	open := p.next()
	call := &expr{kind: eCall, x: fn, line: fn.line, col: fn.col}
	if fn.line == 0 {
		call.line, call.col = open.line, open.col
	}
	for !p.isOp(")") && p.peek().kind != tEOF && p.peek().kind != tNewline && p.err == nil {
		if p.isOp("*") || p.isOp("**") {
			star := p.next()
			call.starred = true
			p.expr()
			if star.text == "*" { // a starred base or argument: computed
				call.args = append(call.args, &expr{kind: eOpaque, line: star.line, col: star.col})
			}
		} else if p.peek().kind == tName && p.toks[p.pos+1].kind == tOp && p.toks[p.pos+1].text == "=" {
			name := p.next().text
			p.next()
			call.kwargs = append(call.kwargs, kwarg{name: name, val: p.expr()})
		} else {
			call.args = append(call.args, p.expr())
		}
		if p.isName("for") || p.isName("async") {
			p.opaque(open)
		}
		if p.isOp(",") {
			p.next()
			continue
		}
		if !p.isOp(")") {
			p.opaque(open)
			if !p.isOp(")") {
				p.next()
			}
		}
	}
	if p.isOp(")") {
		p.next()
	}
	return call
}

// scanReads finds os.getenv / os.environ reads in one logical line.
func (p *parser) scanReads(line []token, ctx blockCtx) {
	for i := 0; i < len(line); i++ {
		t := line[i]
		if t.kind != tName || (t.text != "getenv" && t.text != "environ") {
			continue
		}
		// The receiver: os.getenv, os.environ, or a bare imported name.
		recv := ""
		if i >= 2 && line[i-1].kind == tOp && line[i-1].text == "." && line[i-2].kind == tName {
			if i >= 3 && line[i-3].kind == tOp && line[i-3].text == "." {
				continue
			}
			recv = line[i-2].text
		} else if i >= 1 && line[i-1].kind == tOp && line[i-1].text == "." {
			continue
		}
		startTok := t
		if recv != "" {
			startTok = line[i-2]
		}
		j := i + 1
		fn := ""
		switch {
		case t.text == "getenv" && j < len(line) && line[j].text == "(":
			fn = "getenv"
		case t.text == "environ" && j+2 < len(line) && line[j].text == "." && line[j+1].text == "get" && line[j+2].text == "(":
			fn = "environ.get"
			j += 2
		case t.text == "environ" && j < len(line) && line[j].text == "[":
			fn = "environ[]"
		default:
			continue
		}
		r := envRead{fn: fn, line: startTok.line, col: startTok.col, function: ctx.name}
		if recv != "" {
			r.fn = recv + "." + fn
		}
		sub := &parser{toks: append(append([]token(nil), line[j:]...), token{kind: tEOF}), m: &module{consts: map[string]*expr{}, assigns: map[string]int{}}}
		if fn == "environ[]" {
			sub.next()
			r.key = sub.expr()
			if !sub.isOp("]") {
				continue
			}
			sub.next()
			if sub.isOp("=") || (i > 0 && line[0].kind == tName && line[0].text == "del") {
				continue // an assignment or deletion, not a read
			}
		} else {
			call := sub.callArgs(&expr{kind: eName, name: fn})
			if len(call.args) == 0 {
				if k := call.kw("key"); k != nil {
					r.key = k
				} else {
					continue
				}
			} else {
				r.key = call.args[0]
			}
			if len(call.args) > 1 {
				r.def, r.hasDef = call.args[1], true
			} else if d := call.kw("default"); d != nil {
				r.def, r.hasDef = d, true
			}
		}
		p.m.reads = append(p.m.reads, r)
	}
}

type decoded struct {
	s     string
	ok    bool
	bytes bool
}

// decodeString returns the value of a string token, if it is constant.
func decodeString(tok string) decoded {
	i := 0
	for i < len(tok) && tok[i] != '\'' && tok[i] != '"' {
		i++
	}
	prefix := strings.ToLower(tok[:i])
	body := tok[i:]
	q := 1
	if len(body) >= 6 && (strings.HasPrefix(body, `"""`) || strings.HasPrefix(body, `'''`)) {
		q = 3
	}
	if len(body) < 2*q {
		return decoded{}
	}
	body = body[q : len(body)-q]
	d := decoded{ok: !strings.ContainsAny(prefix, "ft"), bytes: strings.Contains(prefix, "b")}
	if strings.Contains(prefix, "r") {
		d.s = body
		return d
	}
	var b strings.Builder
	for k := 0; k < len(body); k++ {
		c := body[k]
		if c != '\\' || k+1 >= len(body) {
			b.WriteByte(c)
			continue
		}
		k++
		switch e := body[k]; e {
		case '\n':
		case '\\', '\'', '"':
			b.WriteByte(e)
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case 'x', 'u', 'U':
			n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			if e != 'x' && d.bytes {
				b.WriteByte('\\') // \u is no escape in bytes
				b.WriteByte(e)
				continue
			}
			if k+1+n > len(body) {
				d.ok = false // a truncated escape: Python rejects the literal
				return d
			}
			v, err := strconv.ParseUint(body[k+1:k+1+n], 16, 32)
			if err != nil {
				d.ok = false
				return d
			}
			if d.bytes || e == 'x' && v < 0x80 {
				b.WriteByte(byte(v))
			} else {
				b.WriteRune(rune(v))
			}
			k += n
		case 'N':
			d.ok = false // named unicode escapes are not resolved
			return d
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := k
			for j < len(body) && j < k+3 && body[j] >= '0' && body[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(body[k:j], 8, 32)
			if d.bytes {
				b.WriteByte(byte(v))
			} else {
				b.WriteRune(rune(v))
			}
			k = j - 1
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	d.s = b.String()
	if !d.bytes && !utf8.ValidString(d.s) {
		d.ok = false
	}
	return d
}
