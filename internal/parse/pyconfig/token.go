package pyconfig

// The tokenizer follows CPython's (Parser/tokenizer.c, Lib/tokenize.py) for
// what decides structure: indentation (tabs to multiples of 8), implicit
// joining inside brackets, backslash continuations, comments, and strings
// with every prefix (r, b, u, f, t and their combinations, any case), single
// or triple quoted. f-strings are scanned with their replacement fields, so
// that PEP 701 nesting (f"{x["k"]}") does not end the string early. It
// reports the syntax errors the tokenizer can see, positioned as CPython
// positions them as closely as it can.

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind int

const (
	tEOF tokKind = iota
	tName
	tNumber
	tString
	tOp
	tNewline
	tIndent
	tDedent
)

type token struct {
	kind tokKind
	text string // the source text; for strings, with prefix and quotes
	line int    // 1-based
	col  int    // 1-based, in bytes
	// comment is the text of a comment ending the previous physical lines
	// before this token's line (for doc comments above fields).
	comments []string
}

// syntaxError is a positioned error the tokenizer or parser found.
type syntaxError struct {
	line, col int
	msg       string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%d:%d: %s", e.line, e.col, e.msg) }

type tokenizer struct {
	src      []byte
	whole    string // src as a string, converted once: token texts are substrings
	off      int
	line     int
	lineOff  int // offset of the current line's first byte
	indents  []int
	depth    []byte // open brackets
	depthPos [][2]int
	toks     []token
	atBOL    bool // at the beginning of a logical line
	pending  []string
	// ignores are the comments that hold an envlint directive.
	ignores []comment
	err     *syntaxError
}

type comment struct {
	line, col int
	text      string
	own       bool // alone on its line
}

func (t *tokenizer) comment(start int) {
	if text := t.whole[start:t.off]; strings.Contains(text, "envlint:") {
		own := strings.TrimSpace(t.whole[t.lineOff:start]) == ""
		t.ignores = append(t.ignores, comment{t.line, start - t.lineOff + 1, text, own})
	}
}

func tokenize(src []byte) ([]token, []comment, *syntaxError) {
	t := &tokenizer{src: src, whole: string(src), line: 1, indents: []int{0}, atBOL: true}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		t.off = 3
		t.lineOff = 3
	}
	t.run()
	if t.err != nil {
		return t.toks, t.ignores, t.err
	}
	return t.toks, t.ignores, nil
}

func (t *tokenizer) fail(line, col int, format string, args ...any) {
	if t.err == nil {
		t.err = &syntaxError{line: line, col: col, msg: fmt.Sprintf(format, args...)}
	}
}

func (t *tokenizer) col() int { return t.off - t.lineOff + 1 }

func (t *tokenizer) emit(k tokKind, start, line, col int) {
	tok := token{kind: k, text: t.whole[start:t.off], line: line, col: col}
	if len(t.pending) > 0 && k != tNewline {
		tok.comments, t.pending = t.pending, nil
	}
	t.toks = append(t.toks, tok)
}

func (t *tokenizer) newline() {
	t.line++
	t.lineOff = t.off
}

func (t *tokenizer) run() {
	for t.err == nil {
		if t.atBOL && len(t.depth) == 0 {
			if !t.indentation() {
				break
			}
			continue
		}
		if t.off >= len(t.src) {
			break
		}
		c := t.src[t.off]
		switch {
		case c == ' ' || c == '\t' || c == '\f':
			t.off++
		case c == '#':
			start := t.off
			for t.off < len(t.src) && t.src[t.off] != '\n' && t.src[t.off] != '\r' {
				t.off++
			}
			t.comment(start)
		case c == '\\':
			line, col := t.line, t.col()
			t.off++
			if t.off < len(t.src) && t.src[t.off] == '\r' {
				t.off++
			}
			if t.off < len(t.src) && t.src[t.off] == '\n' {
				t.off++
			} else if t.off < len(t.src) {
				t.fail(line, col+1, "unexpected character after line continuation character")
				return
			}
			if t.off >= len(t.src) {
				t.fail(line, col, "unexpected EOF while parsing")
				return
			}
			t.newline()
		case c == '\n' || c == '\r':
			line, col := t.line, t.col()
			start := t.off
			t.off++
			if c == '\r' && t.off < len(t.src) && t.src[t.off] == '\n' {
				t.off++
			}
			if len(t.depth) == 0 {
				t.toks = append(t.toks, token{kind: tNewline, text: t.whole[start:t.off], line: line, col: col})
				t.atBOL = true
			}
			t.newline()
		default:
			t.token()
		}
	}
	if t.err != nil {
		return
	}
	if len(t.depth) > 0 {
		p := t.depthPos[len(t.depth)-1]
		t.fail(p[0], p[1], "'%c' was never closed", t.depth[len(t.depth)-1])
		return
	}
	if n := len(t.toks); n > 0 && t.toks[n-1].kind != tNewline && t.toks[n-1].kind != tDedent {
		t.toks = append(t.toks, token{kind: tNewline, line: t.line, col: t.col()})
	}
	for len(t.indents) > 1 {
		t.indents = t.indents[:len(t.indents)-1]
		t.toks = append(t.toks, token{kind: tDedent, line: t.line, col: 1})
	}
	t.toks = append(t.toks, token{kind: tEOF, line: t.line, col: t.col()})
}

// indentation measures a line's indentation at the start of a logical
// line. Blank and comment-only lines are skipped; it returns false at EOF.
func (t *tokenizer) indentation() bool {
	for {
		width, start := 0, t.off
		for t.off < len(t.src) {
			switch t.src[t.off] {
			case ' ':
				width++
			case '\t':
				width = (width/8 + 1) * 8
			case '\f':
				width = 0
			default:
				goto measured
			}
			t.off++
		}
	measured:
		if t.off >= len(t.src) {
			return false
		}
		switch c := t.src[t.off]; c {
		case '#':
			cstart := t.off
			for t.off < len(t.src) && t.src[t.off] != '\n' && t.src[t.off] != '\r' {
				t.off++
			}
			t.pending = append(t.pending, strings.TrimSpace(strings.TrimPrefix(string(t.src[cstart:t.off]), "#")))
			t.comment(cstart)
			fallthrough
		case '\n', '\r':
			if t.off >= len(t.src) {
				return false
			}
			if t.src[t.off] == '\r' {
				t.off++
			}
			if t.off < len(t.src) && t.src[t.off] == '\n' {
				t.off++
			}
			if c != '#' {
				t.pending = nil // a blank line ends a comment block
			}
			t.newline()
			continue
		case '\\':
			// A continuation line of whitespace joins the next line; the
			// indentation is that of this line (rare; CPython agrees).
		}
		_ = start
		t.atBOL = false
		cur := t.indents[len(t.indents)-1]
		switch {
		case width > cur:
			t.indents = append(t.indents, width)
			t.toks = append(t.toks, token{kind: tIndent, line: t.line, col: 1})
		case width < cur:
			for width < t.indents[len(t.indents)-1] {
				t.indents = t.indents[:len(t.indents)-1]
				t.toks = append(t.toks, token{kind: tDedent, line: t.line, col: t.col()})
			}
			if width != t.indents[len(t.indents)-1] {
				t.fail(t.line, t.col(), "unindent does not match any outer indentation level")
				return false
			}
		}
		return true
	}
}

func isIdentStart(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80 && (unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_ID_Start, r))
}

func isIdentPart(r rune) bool {
	return isIdentStart(r) || r >= '0' && r <= '9' || r >= 0x80 && (unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc) || unicode.Is(unicode.Other_ID_Continue, r))
}

// three- and two-character operators and delimiters.
var (
	ops3 = map[string]bool{"**=": true, "//=": true, ">>=": true, "<<=": true, "...": true}
	ops2 = map[string]bool{"**": true, "//": true, ">>": true, "<<": true, "<=": true, ">=": true, "==": true, "!=": true,
		"->": true, "+=": true, "-=": true, "*=": true, "/=": true, "%=": true, "&=": true, "|=": true, "^=": true, "@=": true, ":=": true}
)

const ops1 = "+-*/%@&|^~<>()[]{},:;.=!"

func (t *tokenizer) token() {
	start, line, col := t.off, t.line, t.col()
	c := t.src[t.off]
	r, size := rune(c), 1
	if c >= 0x80 {
		r, size = utf8.DecodeRune(t.src[t.off:])
	}
	switch {
	case isIdentStart(r):
		t.off += size
		for t.off < len(t.src) {
			r, size := utf8.DecodeRune(t.src[t.off:])
			if !isIdentPart(r) {
				break
			}
			t.off += size
		}
		if t.off < len(t.src) && (t.src[t.off] == '\'' || t.src[t.off] == '"') && isStringPrefix(string(t.src[start:t.off])) {
			t.str(start, line, col, strings.ToLower(string(t.src[start:t.off])))
			return
		}
		t.emit(tName, start, line, col)
	case c >= '0' && c <= '9' || c == '.' && t.off+1 < len(t.src) && t.src[t.off+1] >= '0' && t.src[t.off+1] <= '9':
		t.number()
		t.emit(tNumber, start, line, col)
	case c == '\'' || c == '"':
		t.str(start, line, col, "")
	default:
		if t.off+3 <= len(t.src) && ops3[string(t.src[t.off:t.off+3])] {
			t.off += 3
			t.emit(tOp, start, line, col)
			return
		}
		if t.off+2 <= len(t.src) && ops2[string(t.src[t.off:t.off+2])] {
			t.off += 2
			t.emit(tOp, start, line, col)
			return
		}
		if strings.IndexByte(ops1, c) < 0 {
			if r == utf8.RuneError && size == 1 {
				t.fail(line, col, "invalid UTF-8 in source")
			} else {
				t.fail(line, col, "invalid character %q", r)
			}
			return
		}
		t.off++
		switch c {
		case '(', '[', '{':
			t.depth = append(t.depth, c)
			t.depthPos = append(t.depthPos, [2]int{line, col})
		case ')', ']', '}':
			open := map[byte]byte{')': '(', ']': '[', '}': '{'}[c]
			if len(t.depth) == 0 {
				t.fail(line, col, "unmatched '%c'", c)
				return
			}
			if top := t.depth[len(t.depth)-1]; top != open {
				t.fail(line, col, "closing parenthesis '%c' does not match opening parenthesis '%c'", c, top)
				return
			}
			t.depth = t.depth[:len(t.depth)-1]
			t.depthPos = t.depthPos[:len(t.depthPos)-1]
		}
		t.emit(tOp, start, line, col)
	}
}

func isStringPrefix(p string) bool {
	switch strings.ToLower(p) {
	case "r", "u", "b", "br", "rb", "f", "fr", "rf", "t", "tr", "rt":
		return true
	}
	return false
}

func (t *tokenizer) number() {
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' || c == '_' }
	if t.src[t.off] == '0' && t.off+1 < len(t.src) && strings.IndexByte("xXoObB", t.src[t.off+1]) >= 0 {
		t.off += 2
		for t.off < len(t.src) && (isDigit(t.src[t.off]) || strings.IndexByte("abcdefABCDEF", t.src[t.off]) >= 0) {
			t.off++
		}
		return
	}
	for t.off < len(t.src) && isDigit(t.src[t.off]) {
		t.off++
	}
	if t.off < len(t.src) && t.src[t.off] == '.' {
		t.off++
		for t.off < len(t.src) && isDigit(t.src[t.off]) {
			t.off++
		}
	}
	if t.off < len(t.src) && (t.src[t.off] == 'e' || t.src[t.off] == 'E') {
		save := t.off
		t.off++
		if t.off < len(t.src) && (t.src[t.off] == '+' || t.src[t.off] == '-') {
			t.off++
		}
		if t.off < len(t.src) && t.src[t.off] >= '0' && t.src[t.off] <= '9' {
			for t.off < len(t.src) && isDigit(t.src[t.off]) {
				t.off++
			}
		} else {
			t.off = save
		}
	}
	if t.off < len(t.src) && (t.src[t.off] == 'j' || t.src[t.off] == 'J') {
		t.off++
	}
}

// str scans a string literal whose prefix (lower-cased) starts at start;
// t.off is at the opening quote.
func (t *tokenizer) str(start, line, col int, prefix string) {
	t.scanString(line, col, prefix)
	if t.err == nil {
		t.emit(tString, start, line, col)
	}
}

func (t *tokenizer) scanString(line, col int, prefix string) {
	q := t.src[t.off]
	triple := t.off+2 < len(t.src) && t.src[t.off+1] == q && t.src[t.off+2] == q
	if triple {
		t.off += 3
	} else {
		t.off++
	}
	fmtStr := strings.ContainsAny(prefix, "ft")
	for {
		if t.off >= len(t.src) {
			if triple {
				t.fail(line, col, "unterminated triple-quoted string literal (detected at line %d)", t.line)
			} else {
				t.fail(line, col, "unterminated string literal (detected at line %d)", line)
			}
			return
		}
		c := t.src[t.off]
		switch {
		case c == '\\':
			t.off++
			if t.off < len(t.src) {
				if t.src[t.off] == '\r' {
					t.off++
					if t.off < len(t.src) && t.src[t.off] == '\n' {
						t.off++
					}
					t.newline()
					continue
				}
				if t.src[t.off] == '\n' {
					t.off++
					t.newline()
					continue
				}
				if fmtStr && (t.src[t.off] == '{' || t.src[t.off] == '}') {
					continue // "\{" is a backslash then a brace
				}
				t.off++
			}
		case c == '\n' || c == '\r':
			if !triple {
				t.fail(line, col, "unterminated string literal (detected at line %d)", line)
				return
			}
			t.off++
			if c == '\r' && t.off < len(t.src) && t.src[t.off] == '\n' {
				t.off++
			}
			t.newline()
		case c == q:
			if !triple {
				t.off++
				return
			}
			if t.off+2 < len(t.src) && t.src[t.off+1] == q && t.src[t.off+2] == q {
				t.off += 3
				return
			}
			t.off++
		case fmtStr && c == '{':
			if t.off+1 < len(t.src) && t.src[t.off+1] == '{' {
				t.off += 2
				continue
			}
			t.off++
			t.field(triple)
			if t.err != nil {
				return
			}
		case fmtStr && c == '}':
			if t.off+1 < len(t.src) && t.src[t.off+1] == '}' {
				t.off += 2
				continue
			}
			t.fail(t.line, t.col(), "f-string: single '}' is not allowed")
			return
		default:
			t.off++
		}
	}
}

// field scans an f-string replacement field after its '{': an expression
// (with nested brackets and strings), an optional !conversion and an
// optional :format spec that may hold nested fields, up to the '}'.
func (t *tokenizer) field(triple bool) {
	line, col := t.line, t.col()-1
	depth := 0
	inSpec := false
	for t.off < len(t.src) && t.err == nil {
		c := t.src[t.off]
		if inSpec {
			switch c {
			case '{':
				t.off++
				t.field(triple)
				continue
			case '}':
				t.off++
				return
			case '\n', '\r':
				if !triple {
					t.fail(line, col, "f-string: expecting '}'")
					return
				}
				t.off++
				t.newline()
				continue
			}
			t.off++
			continue
		}
		switch {
		case c == '\'' || c == '"':
			t.scanString(t.line, t.col(), "")
		case c == '#':
			t.fail(t.line, t.col(), "f-string expression part cannot include '#'")
			return
		case isIdentStart(rune(c)) && c < 0x80:
			s := t.off
			for t.off < len(t.src) && t.src[t.off] < 0x80 && isIdentPart(rune(t.src[t.off])) {
				t.off++
			}
			if t.off < len(t.src) && (t.src[t.off] == '\'' || t.src[t.off] == '"') && isStringPrefix(string(t.src[s:t.off])) {
				t.scanString(t.line, t.col(), strings.ToLower(string(t.src[s:t.off])))
			}
		case c == '(' || c == '[' || c == '{':
			depth++
			t.off++
		case c == ')' || c == ']':
			depth--
			t.off++
		case c == '}':
			if depth == 0 {
				t.off++
				return
			}
			depth--
			t.off++
		case c == ':' && depth == 0:
			t.off++
			inSpec = true
		case c == '!' && depth == 0 && t.off+1 < len(t.src) && t.src[t.off+1] != '=':
			t.off++
		case c == '\n' || c == '\r':
			t.off++
			if c == '\r' && t.off < len(t.src) && t.src[t.off] == '\n' {
				t.off++
			}
			t.newline()
		default:
			t.off++
		}
	}
	if t.err == nil {
		t.fail(line, col, "f-string: expecting '}'")
	}
}
