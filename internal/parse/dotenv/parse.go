package dotenv

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/envlint/envlint/internal/lint"
)

// maxErrors bounds the syntax errors reported for one file, so that a
// binary file yields a readable report rather than one error per line.
const maxErrors = 100

var bom = []byte("\uFEFF")

// Parse reads one example or env file. file is the root-relative slash path
// used in positions. It never fails: syntax errors are returned, positioned,
// in the result's Errors.
func Parse(file string, src []byte) *lint.ExampleFile {
	p := &parser{
		file:   file,
		src:    src,
		vars:   make(map[string]string),
		out:    &lint.ExampleFile{File: file},
		budget: maxExpansion,
	}
	p.lines = lineStarts(src)
	// Pre-size for one statement per line with an `=`; it saves most of the
	// time spent growing slices.
	n := min(bytes.Count(src, []byte("=")), len(p.lines))
	p.out.Entries = make([]lint.ExampleEntry, 0, n)
	p.info = make([]entryInfo, 0, n)
	p.items = make([]item, 0, len(p.lines))
	p.scan()
	p.attach()
	// godotenv would take a NUL as part of a value; a file with one is not
	// an env file (/proc/self/environ separates its entries with NUL).
	if i := bytes.IndexByte(src, 0); i >= 0 {
		pos := p.pos(i)
		if !slices.ContainsFunc(p.out.Errors, func(e lint.Problem) bool { return e.Pos == pos }) {
			p.errorf(i, "a NUL byte: an env file is text, and envlint does not read NUL as a separator")
			slices.SortStableFunc(p.out.Errors, func(a, b lint.Problem) int {
				return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
			})
		}
	}
	return p.out
}

type itemKind uint8

const (
	itemEntry   itemKind = iota // a live entry
	itemComment                 // a whole-line comment, maybe a commented-out entry
	itemError                   // lines skipped after a syntax error
)

// item is one thing that occupies whole lines, in file order. The structure
// pass works on items to find comment blocks, runs and blank lines.
type item struct {
	kind          itemKind
	line, endLine int
	entry         int   // index in out.Entries, or -1
	note          *note // for itemComment
}

// note is a comment: its text after the `#` and the position of the `#`.
type note struct {
	pos  lint.Pos
	text string
	// entry is the index of the entry whose block holds the comment, or -1.
	entry int
}

// entryInfo is what the structure pass needs to know about an entry beyond
// lint.ExampleEntry.
type entryInfo struct {
	item   int   // index in items
	first  bool  // the first statement on its line
	inline *note // the inline comment, if any
	block  []*note
}

type parser struct {
	file     string
	src      []byte
	lines    []int // offsets where lines start
	vars     map[string]string
	out      *lint.ExampleFile
	items    []item
	info     []entryInfo // parallel to out.Entries
	lastLine int         // the line where the last item ended
	nerr     int
	budget   int // what variable references may still add (maxExpansion)
}

func lineStarts(src []byte) []int {
	starts := make([]int, 1, 64)
	for i, c := range src {
		switch c {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 == len(src) || src[i+1] != '\n' {
				starts = append(starts, i+1)
			}
		}
	}
	return starts
}

// lineOf returns the 1-based line holding byte offset off.
func (p *parser) lineOf(off int) int {
	i, found := slices.BinarySearch(p.lines, off)
	if !found {
		i--
	}
	return i + 1
}

func (p *parser) pos(off int) lint.Pos {
	line := p.lineOf(off)
	return lint.Pos{File: p.file, Line: line, Col: off - p.lines[line-1] + 1}
}

// endLineOf returns the line of the last byte of the span [start, end).
func (p *parser) endLineOf(start, end int) int {
	if end > start {
		return p.lineOf(end - 1)
	}
	return p.lineOf(start)
}

func (p *parser) errorf(off int, format string, args ...any) {
	p.nerr++
	switch {
	case p.nerr < maxErrors:
		p.out.Errors = append(p.out.Errors, lint.Problem{Pos: p.pos(off), Msg: fmt.Sprintf(format, args...)})
	case p.nerr == maxErrors:
		p.out.Errors = append(p.out.Errors, lint.Problem{Pos: p.pos(off), Msg: "too many syntax errors; the rest are not reported"})
	}
}

// scan walks the statements as godotenv does and records items.
func (p *parser) scan() {
	i := 0
	if bytes.HasPrefix(p.src, bom) {
		i = len(bom)
	}
	for {
		i = skipSpace(p.src, i)
		if i >= len(p.src) {
			return
		}
		if p.src[i] == '#' {
			i = p.comment(i)
			continue
		}
		i = p.statement(i)
	}
}

// comment records the comment starting at the `#` at offset i and returns
// the offset of its end. Like godotenv, only LF ends it.
func (p *parser) comment(i int) int {
	end := len(p.src)
	if k := bytes.IndexByte(p.src[i:], '\n'); k >= 0 {
		end = i + k
	}
	text := p.src[i+1 : end]
	text = bytes.TrimSuffix(text, []byte("\r"))
	if cr := bytes.IndexByte(text, '\r'); cr >= 0 {
		if k := skipSpace(text, cr); k < len(text) {
			p.errorf(i+1+k, "this text is part of the comment on line %d for godotenv, which ends comments only at LF: use LF or CRLF line ends", p.lineOf(i))
		}
		text = text[:cr]
	}
	n := &note{pos: p.pos(i), text: string(text), entry: -1}
	line, endLine := p.lineOf(i), p.endLineOf(i, end)
	full := line > p.lastLine
	p.lastLine = endLine
	if !full {
		// Only text after a quoted value can share a line with an entry.
		if k := len(p.info) - 1; k >= 0 && p.info[k].inline == nil {
			p.info[k].inline = n
		}
		return end
	}
	it := item{kind: itemComment, line: line, endLine: endLine, entry: -1, note: n}
	if e, inline, ok := p.commented(i, end); ok {
		it.entry = len(p.out.Entries)
		p.addEntry(e, true, len(p.items))
		p.info[it.entry].inline = inline
	}
	p.items = append(p.items, it)
	return end
}

// statement reads the statement starting at offset start and returns the
// offset where the next one may start.
func (p *parser) statement(start int) int {
	src := p.src
	q, export := start, false
	if bytes.HasPrefix(src[start:], []byte("export")) {
		t := start + len("export")
		if r, _ := utf8.DecodeRune(src[t:]); t < len(src) && isBlank(r) {
			q, export = skipBlanks(src, t), true
		}
	}
	if q == len(src) {
		p.errorf(start, "export is not followed by a variable name")
		return p.skipLine(start, q)
	}
	sep := -1
	for i := q; i < len(src) && sep < 0; i++ {
		c := src[i]
		r := rune(c)
		switch {
		case c == '=' || c == ':':
			sep = i
		case isBlank(r), c == '_', c == '.', unicode.IsLetter(r), unicode.IsNumber(r):
			// godotenv judges names byte by byte, blanks included.
		case c == '\n':
			p.errorf(start, `missing "=" after the variable name`)
			return p.skipLine(start, i)
		default:
			p.errorf(i, "unexpected character %q in variable name", src[i:i+1])
			return p.skipLine(start, i)
		}
	}
	if sep < 0 {
		p.errorf(start, `missing "=" after the variable name`)
		return p.skipLine(start, len(src))
	}
	name := strings.TrimRightFunc(string(src[q:sep]), unicode.IsSpace)
	v := skipBlanks(src, sep+1)
	val := p.value(sep+1, v, len(src))
	if !val.closed {
		p.errorf(v, "unterminated quoted value")
	}
	if val.over {
		p.errorf(v, "variable references expand the values of this file past envlint's %d KiB limit; the value is cut here", maxExpansion>>10)
	}
	line := p.lineOf(start)
	if name == "" {
		p.errorf(start, `missing variable name before "%c"`, src[sep])
	} else {
		e := lint.ExampleEntry{
			Name:           name,
			Pos:            p.pos(q),
			Value:          val.value,
			ValuePos:       p.pos(val.start),
			Export:         export,
			ValueIsComment: val.isComment,
		}
		p.vars[name] = val.value
		p.addEntry(e, line > p.lastLine, len(p.items))
		if val.comment != nil {
			p.info[len(p.info)-1].inline = val.comment
		}
		p.items = append(p.items, item{kind: itemEntry, line: line, endLine: p.endLineOf(start, val.end), entry: len(p.out.Entries) - 1})
	}
	if !val.closed {
		return p.skipLine(start, v)
	}
	p.lastLine = p.endLineOf(start, val.end)
	return val.end
}

func (p *parser) addEntry(e lint.ExampleEntry, first bool, itemIdx int) {
	p.out.Entries = append(p.out.Entries, e)
	p.info = append(p.info, entryInfo{item: itemIdx, first: first})
}

// skipLine recovers from an error at offset at in the statement that
// started at start: it skips to the next LF and records the skipped lines.
func (p *parser) skipLine(start, at int) int {
	end := len(p.src)
	if k := bytes.IndexByte(p.src[at:], '\n'); k >= 0 {
		end = at + k
	}
	endLine := p.endLineOf(start, end)
	// The failed statement may have been recorded as an entry already.
	if k := len(p.items) - 1; k >= 0 && p.items[k].kind == itemEntry && p.items[k].line == p.lineOf(start) {
		p.items[k].endLine = endLine
	} else {
		p.items = append(p.items, item{kind: itemError, line: p.lineOf(start), endLine: endLine, entry: -1})
	}
	p.lastLine = endLine
	return end
}

// valueResult is a value read by parser.value.
type valueResult struct {
	value     string
	start     int  // offset of the value's first byte (its quote, if quoted)
	end       int  // offset after the last byte read
	closed    bool // false for an unterminated quote
	isComment bool // see lint.ExampleEntry.ValueIsComment
	comment   *note
	over      bool // variable expansion stopped at maxExpansion
}

// value reads the value that starts at offset v within src[:limit]; only
// blanks stand between the separator, which ends at offset afterSep, and v.
func (p *parser) value(afterSep, v, limit int) valueResult {
	src := p.src
	res := valueResult{start: v, end: v, closed: true}
	if v < limit && (src[v] == '"' || src[v] == '\'') {
		q := src[v]
		c := p.closingQuote(q, v, limit)
		if c < 0 {
			res.closed = false
			eol := lineEnd(src, v, limit)
			res.value = validUTF8(src[v+1 : eol])
			res.end = eol
			return res
		}
		raw := src[v:c]
		if bytes.IndexByte(raw, '\r') >= 0 {
			raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
		}
		s := string(bytes.TrimLeft(bytes.TrimRight(raw, string(q)), string(q)))
		if q == '"' {
			s, res.over = expand(unescape(s), p.vars, &p.budget)
		}
		res.value, res.end = s, c+1
		return res
	}
	eol := lineEnd(src, v, limit)
	res.value, res.over = unquoted(src[v:eol], p.vars, &p.budget)
	res.end = eol
	if v == eol {
		// An empty value starts where the separator ends.
		res.start = afterSep
	}
	for j := v; j < eol; j++ {
		if src[j] != '#' {
			continue
		}
		if j == v && v > afterSep || j > v && blankBefore(src[:eol], j) {
			res.isComment = j == v
			res.comment = &note{pos: p.pos(j), text: string(src[j+1 : eol]), entry: -1}
			break
		}
	}
	return res
}

// lineEnd returns the offset of the first CR or LF at or after i, or limit.
func lineEnd(src []byte, i, limit int) int {
	if k := bytes.IndexAny(src[i:limit], "\r\n"); k >= 0 {
		return i + k
	}
	return limit
}

// closingQuote returns the offset of the quote q that closes the value
// opened at offset open, or -1. A failed search runs to limit, but it
// happens at most once per kind of quote in a file: any later opening quote
// would have closed this one.
func (p *parser) closingQuote(q byte, open, limit int) int {
	for i := open + 1; i < limit; {
		k := bytes.IndexByte(p.src[i:limit], q)
		if k < 0 {
			break
		}
		i += k
		if p.src[i-1] != '\\' {
			return i
		}
		i++
	}
	return -1
}

// commented reports whether the whole-line comment from the `#` at offset
// hash to offset end is a commented-out entry, and reads it.
func (p *parser) commented(hash, end int) (lint.ExampleEntry, *note, bool) {
	src := p.src
	if k := bytes.IndexByte(src[hash:end], '\r'); k >= 0 {
		end = hash + k
	}
	i := hash + 1
	if i < end && src[i] == '#' {
		return lint.ExampleEntry{}, nil, false
	}
	for i < end && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	export := false
	if rest := src[i:end]; bytes.HasPrefix(rest, []byte("export")) && len(rest) > 6 && (rest[6] == ' ' || rest[6] == '\t') {
		export = true
		i += 6
		for i < end && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
	}
	nameStart, letter := i, false
	for ; i < end; i++ {
		c := src[i]
		if c >= 'A' && c <= 'Z' {
			letter = true
		} else if !(c == '_' || c >= '0' && c <= '9' && i > nameStart) {
			break
		}
	}
	if !letter || i == end || src[i] != '=' {
		return lint.ExampleEntry{}, nil, false
	}
	sep := i
	v := skipBlanks(src[:end], sep+1)
	val := p.value(sep+1, v, end)
	e := lint.ExampleEntry{
		Name:           string(src[nameStart:sep]),
		Pos:            p.pos(nameStart),
		Value:          val.value,
		ValuePos:       p.pos(val.start),
		Commented:      true,
		Export:         export,
		ValueIsComment: val.isComment,
	}
	inline := val.comment
	if inline == nil && val.closed && val.end < end {
		if k := bytes.IndexByte(src[val.end:end], '#'); k >= 0 {
			at := val.end + k
			inline = &note{pos: p.pos(at), text: string(src[at+1 : end]), entry: -1}
		}
	}
	return e, inline, true
}
