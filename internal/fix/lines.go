package fix

import (
	"bytes"

	"github.com/envlint/envlint/internal/lint"
)

var bom = []byte("\uFEFF")

// line is one line of a file: its text is src[start:end] and its line end
// (LF, CRLF, a lone CR, or nothing on a last line) is src[end:next]. Lines
// end where the example parser says they do, so parser line N is lines[N-1].
type line struct{ start, end, next int }

// text is a file split into lines, with the offsets edits need.
type text struct {
	src   []byte
	lines []line
	bom   int // length of the byte order mark, if any
	eol   string
}

func newText(src []byte) *text {
	t := &text{src: src, eol: "\n"}
	if bytes.HasPrefix(src, bom) {
		t.bom = len(bom)
	}
	eolSeen := false
	start := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c != '\n' && c != '\r' {
			continue
		}
		next := i + 1
		if c == '\r' && next < len(src) && src[next] == '\n' {
			next++
		}
		if !eolSeen {
			t.eol, eolSeen = string(src[i:next]), true
		}
		t.lines = append(t.lines, line{start, i, next})
		start = next
		i = next - 1
	}
	if start < len(src) && !(start == 0 && len(src) == t.bom) {
		t.lines = append(t.lines, line{start, len(src), len(src)})
	}
	return t
}

// offset returns the byte offset of a 1-based position, or -1.
func (t *text) offset(p lint.Pos) int {
	if p.Line < 1 || p.Line > len(t.lines) || p.Col < 1 {
		return -1
	}
	off := t.lines[p.Line-1].start + p.Col - 1
	if off > len(t.src) {
		return -1
	}
	return off
}

// lineAt returns the 0-based index of the line holding offset off.
func (t *text) lineAt(off int) int {
	for i, l := range t.lines {
		if off < l.next {
			return i
		}
	}
	return len(t.lines) - 1
}

// body returns line i's text, without a byte order mark.
func (t *text) body(i int) []byte {
	l := t.lines[i]
	s := l.start
	if i == 0 {
		s = t.bom
	}
	return t.src[min(s, l.end):l.end]
}

func (t *text) blank(i int) bool {
	return len(bytes.Trim(t.body(i), " \t")) == 0
}

// isComment reports whether line i is a whole-line comment.
func (t *text) isComment(i int) bool {
	b := bytes.TrimLeft(t.body(i), " \t")
	return len(b) > 0 && b[0] == '#'
}

// splice returns a copy of the source with src[from:to] replaced by s.
func (t *text) splice(from, to int, s string) []byte {
	// The byte order mark always stays first.
	from, to = max(from, t.bom), max(to, t.bom)
	out := make([]byte, 0, len(t.src)-(to-from)+len(s))
	out = append(out, t.src[:from]...)
	out = append(out, s...)
	return append(out, t.src[to:]...)
}

// insertLines inserts whole lines after line i (-1: at the start), each
// ending with the file's line end. After a last line that has no line end,
// the inserted lines take its place as the last one: the file still ends
// without a line end.
func (t *text) insertLines(i int, ls []string) []byte {
	var b bytes.Buffer
	if i >= 0 && i == len(t.lines)-1 && t.lines[i].end == t.lines[i].next {
		for _, l := range ls {
			b.WriteString(t.eol)
			b.WriteString(l)
		}
		return t.splice(t.lines[i].end, t.lines[i].end, b.String())
	}
	for _, l := range ls {
		b.WriteString(l)
		b.WriteString(t.eol)
	}
	at := 0
	if i >= 0 {
		at = t.lines[i].next
	}
	return t.splice(at, at, b.String())
}

// deleteLines removes lines a through b (0-based, inclusive). When b is a
// last line without a line end, the line end before a goes too, so the
// file still ends without one.
func (t *text) deleteLines(a, b int) []byte {
	if b == len(t.lines)-1 && t.lines[b].end == t.lines[b].next && a > 0 {
		return t.splice(t.lines[a-1].end, len(t.src), "")
	}
	return t.splice(t.lines[a].start, t.lines[b].next, "")
}

// span is where an entry is written.
type span struct {
	first, last int // 0-based lines
	value       int // offset of the value (its quote, if quoted)
	valueEnd    int // offset after the value
	comment     int // offset of the `#` opening the inline comment, or -1
	contentEnd  int // offset of the end of the last line's text
}

// entrySpan locates an entry in the text, following the parser's reading
// of values (see package dotenv): quoted values run to the first closing
// quote not preceded by a backslash, unquoted ones to the line end, and an
// inline comment starts at a `#` after a blank (or, after a quoted value,
// at any later `#` on the line).
func (t *text) entrySpan(e *lint.ExampleEntry) (span, bool) {
	v := t.offset(e.ValuePos)
	if v < 0 || t.offset(e.Pos) < 0 {
		return span{}, false
	}
	first := e.Pos.Line - 1
	sp := span{first: first, value: v, comment: -1}
	lineEnd := func(i int) int {
		for ; i < len(t.src); i++ {
			if t.src[i] == '\n' || t.src[i] == '\r' {
				return i
			}
		}
		return len(t.src)
	}
	eol := lineEnd(v)
	scanFrom := v
	if v < len(t.src) && (t.src[v] == '"' || t.src[v] == '\'') {
		q := t.src[v]
		closing := -1
		limit := len(t.src)
		if e.Commented {
			limit = eol
		}
		for i := v + 1; i < limit; i++ {
			if t.src[i] == q && t.src[i-1] != '\\' {
				closing = i
				break
			}
		}
		if closing < 0 {
			sp.valueEnd = eol
			sp.last, sp.contentEnd = t.lineAt(v), eol
			return sp, true
		}
		sp.valueEnd = closing + 1
		eol = lineEnd(closing)
		if k := bytes.IndexByte(t.src[closing+1:eol], '#'); k >= 0 {
			sp.comment = closing + 1 + k
		}
		sp.last, sp.contentEnd = t.lineAt(closing), eol
		return sp, true
	}
	sp.valueEnd = eol
	afterBlank := v > 0 && (t.src[v-1] == ' ' || t.src[v-1] == '\t')
	for j := scanFrom; j < eol; j++ {
		if t.src[j] != '#' {
			continue
		}
		if j == v && afterBlank || j > v && (t.src[j-1] == ' ' || t.src[j-1] == '\t') {
			sp.comment = j
			sp.valueEnd = j
			break
		}
	}
	for sp.valueEnd > v && (t.src[sp.valueEnd-1] == ' ' || t.src[sp.valueEnd-1] == '\t') {
		sp.valueEnd--
	}
	sp.last, sp.contentEnd = first, eol
	return sp, true
}
