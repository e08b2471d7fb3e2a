package ctmpl

// The reader below follows github.com/joho/godotenv v1.5.1 (parser.go), the
// env-file reader most Go services use, over text whose Vault values are
// still holes:
//   - a statement starts at the first non-space byte; `#` starts a comment
//     line;
//   - the key runs to the first `=` or `:` (YAML style); `export ` before it
//     is dropped; spaces are skipped and letters, digits, `_` and `.` are
//     allowed, judged byte by byte as godotenv does;
//   - an unquoted value runs to the end of the line, minus a ` #` comment;
//   - a quoted value runs to the matching unescaped quote, across lines, and
//     a new statement may follow the closing quote on the same line.
// A byte godotenv rejects in a key makes it reject the whole file; the
// reader skips that line instead, so one odd line does not hide the rest.

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

type mode uint8

const (
	mStart    mode = iota // between statements
	mComment              // in a # comment line
	mKey                  // in a key
	mValStart             // after = or :, before the value
	mUnquoted             // in an unquoted value
	mQuoted               // in a quoted value
	mSkip                 // in a line that is not a statement
)

// rstate is the reader's state on one rendering path.
type rstate struct {
	mode    mode
	started bool // something other than space has been rendered
	key     []byte
	keyOffs []int
	keyArms *arm
	keyDyn  int // 1 + offset of a hole inside the key; 0 for none
	name    string
	nameOff int
	quote   byte
	prev    byte
	val     []byte
	holes   []*hole
	holeAt  []int
	absent  []string // fields assumed absent on this path
	lastEnd int      // source offset after the last node rendered on this path
	facts   []string // what the path assumes: "e:NAME=1", "f:NAME=0", ... sorted
	glue    glue
	emitted *nameList // keys this path has set, newest first
	pending *pendingGlue
	// gapMarker is 1 + the offset of a trim marker that removed a line
	// break before a {{ template }} call, for the define's first text.
	gapMarker int
}

// nameList is an immutable list, so paths share what they set before
// they parted.
type nameList struct {
	name string
	occ  int // index in walker.occs
	next *nameList
}

func (l *nameList) has(name string) bool {
	for ; l != nil; l = l.next {
		if l.name == name {
			return true
		}
	}
	return false
}

func (s *rstate) clone() *rstate {
	c := *s
	c.key = bytes.Clone(s.key)
	c.keyOffs = append([]int(nil), s.keyOffs...)
	c.val = bytes.Clone(s.val)
	c.holes = append([]*hole(nil), s.holes...)
	c.holeAt = append([]int(nil), s.holeAt...)
	c.absent = append([]string(nil), s.absent...)
	c.facts = append([]string(nil), s.facts...)
	c.glue.name = bytes.Clone(s.glue.name)
	return &c
}

// between reports whether no statement is in progress.
func (s *rstate) between() bool {
	return s.mode == mStart || s.mode == mComment || s.mode == mSkip
}

// sig identifies states that will read the rest of the output the same way.
func (s *rstate) sig() string { return s.signature(true) }

// coarseSig leaves out the value's text and holes and the assumptions.
func (s *rstate) coarseSig() string { return s.signature(false) }

func (s *rstate) signature(fine bool) string {
	var b strings.Builder
	b.WriteByte(byte(s.mode) + '0')
	if s.started {
		b.WriteByte('s')
	}
	if !s.between() {
		b.WriteString(strconv.Quote(string(s.key)))
		if len(s.keyOffs) > 0 {
			b.WriteString(strconv.Itoa(s.keyOffs[0]))
		}
		b.WriteString("|" + strconv.Itoa(s.keyDyn) + "|" + s.name + "|" + strconv.Itoa(s.nameOff))
		b.WriteByte(s.quote)
		if fine {
			b.WriteByte(s.prev)
			b.WriteString(strconv.Quote(string(s.val)))
			for i, h := range s.holes {
				b.WriteString("@" + strconv.Itoa(h.off) + ":" + strconv.Itoa(s.holeAt[i]))
			}
		}
	}
	if fine {
		b.WriteString("|" + strings.Join(s.absent, ","))
		b.WriteString("|" + strings.Join(s.facts, ","))
	}
	if s.glue.active {
		b.WriteString("|g" + strconv.Itoa(s.glue.marker) + strconv.Quote(string(s.glue.name)))
	}
	for p := s.pending; p != nil; p = p.next {
		b.WriteString("|p" + strconv.Itoa(p.g.nameOff) + string(p.g.name))
	}
	return b.String()
}

func (s *rstate) resetStatement() {
	s.key, s.keyOffs, s.keyArms, s.keyDyn = nil, nil, nil, 0
	s.name, s.nameOff = "", 0
	s.quote, s.prev = 0, 0
	s.val, s.holes, s.holeAt = nil, nil, nil
}

// isSpace is godotenv's isSpace applied to a byte, as godotenv does.
func isSpace(c byte) bool {
	switch c {
	case '\t', '\v', '\f', '\r', ' ', 0x85, 0xA0:
		return true
	}
	return false
}

func isKeyByte(c byte) bool {
	r := rune(c)
	return c == '_' || c == '.' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

func (w *walker) feedText(s *rstate, p piece) {
	text := p.text
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			continue // godotenv turns CRLF into LF first
		}
		if c >= 0x80 && s.mode == mStart {
			// godotenv finds a statement's start by Unicode space
			// (unicode.IsSpace), so a leading NBSP is not in the key.
			if r, n := utf8.DecodeRuneInString(text[i:]); unicode.IsSpace(r) {
				i += n - 1
				continue
			}
		}
		off := p.off + i
		if p.fixed {
			off = p.off
		}
		w.step(s, c, off, text[i:], p.arms)
	}
}

func (w *walker) step(s *rstate, c byte, off int, rest string, arms *arm) {
	if s.glue.active {
		w.glueByte(s, c, off)
	}
	switch s.mode {
	case mStart:
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			return
		}
		if !s.started {
			s.started = true
			w.firstContent(rest)
		}
		if c == '#' {
			s.mode = mComment
			return
		}
		if c == '[' && sectionRE.MatchString(firstLine(rest)) {
			w.setNotEnv("INI or TOML")
		}
		s.resetStatement()
		s.keyArms = arms
		s.mode = mKey
		w.keyByte(s, c, off, rest)
	case mKey:
		w.keyByte(s, c, off, rest)
	case mValStart:
		switch {
		case c == '\n':
			w.emit(s, false)
			s.mode = mStart
		case isSpace(c):
		case c == '"' || c == '\'':
			s.mode, s.quote, s.prev = mQuoted, c, 0
		default:
			s.mode = mUnquoted
			s.val = append(s.val, c)
		}
	case mUnquoted:
		if c == '\n' || c == '\r' {
			w.emit(s, false)
			s.mode = mStart
			return
		}
		s.val = append(s.val, c)
	case mQuoted:
		if c == s.quote && s.prev != '\\' {
			w.emit(s, true)
			s.mode = mStart
			return
		}
		s.val = append(s.val, c)
		s.prev = c
	case mComment, mSkip:
		if c == '\n' {
			s.mode = mStart
		}
	}
}

func (w *walker) keyByte(s *rstate, c byte, off int, rest string) {
	switch {
	case c == '=' || c == ':':
		w.finishKey(s, c)
	case isSpace(c) || isKeyByte(c):
		s.key = append(s.key, c)
		s.keyOffs = append(s.keyOffs, off)
	default:
		key := bytes.TrimSpace(s.key)
		if len(key) > 0 && (c == '{' || c == '"' && hclLabelsRE.MatchString(firstLine(rest))) {
			w.setNotEnv("HCL")
		}
		if s.keyDyn == 0 && (w.badOff < 0 || off < w.badOff) {
			// godotenv rejects the whole file at this byte.
			w.badOff, w.badChar = off, c
		}
		s.resetStatement()
		s.mode = mSkip
		if c == '\n' {
			s.mode = mStart
		}
	}
}

func (w *walker) finishKey(s *rstate, sep byte) {
	key := s.key
	start := 0
	if bytes.HasPrefix(key, []byte("export")) && len(key) > 6 && isSpace(key[6]) {
		start = 6
		for start < len(key) && isSpace(key[start]) {
			start++
		}
	}
	name := strings.TrimRightFunc(string(key[start:]), unicode.IsSpace)
	s.mode = mValStart
	if sep == ':' {
		w.colons++
	} else {
		w.equals++
	}
	if s.keyDyn != 0 {
		w.addDynamic(s.keyDyn-1, "key name is computed when the template renders")
		return
	}
	if name == "" {
		return
	}
	s.name, s.nameOff = name, s.keyOffs[start]
}

func (w *walker) feedHole(s *rstate, p piece) {
	s.glue = glue{}
	h := p.hole
	switch s.mode {
	case mStart:
		if !s.started {
			s.started = true
			if h.val.notEnv != "" {
				w.setNotEnv(h.val.notEnv)
			} else if h.val.kind == kField && isCertField(h.val.field) {
				w.setNotEnv("certificate")
			}
		}
		if w.notEnv == "" {
			w.addDynamic(h.off, "the template renders text whose keys are known only when it renders")
		}
		s.resetStatement()
		s.mode = mSkip
	case mKey:
		if s.keyDyn == 0 {
			s.keyDyn = h.off + 1
		}
	case mValStart:
		s.holes = append(s.holes, h)
		s.holeAt = append(s.holeAt, len(s.val))
		if h.val.quoted {
			// The hole renders a whole quoted value; godotenv ends the
			// value at its closing quote.
			w.emit(s, true)
			s.mode = mStart
			return
		}
		s.mode = mUnquoted
	case mUnquoted, mQuoted:
		s.holes = append(s.holes, h)
		s.holeAt = append(s.holeAt, len(s.val))
		s.prev = 0
	}
}

// eof ends the output on one path.
func (w *walker) eof(s *rstate) {
	switch s.mode {
	case mValStart, mUnquoted, mQuoted:
		w.emit(s, s.mode == mQuoted)
	}
	// The newest value of each key is what this path leaves set.
	seen := map[string]bool{}
	for l := s.emitted; l != nil; l = l.next {
		if !seen[l.name] {
			seen[l.name] = true
			w.occs[l.occ].final = true
		}
	}
	w.settleGlue(s)
}

func (w *walker) emit(s *rstate, quoted bool) {
	if s.name != "" {
		// A key rendered again at the same place on this path (a range
		// iterating) overwrites what it rendered before: godotenv keeps
		// the last value.
		for l := s.emitted; l != nil; l = l.next {
			if l.name == s.name {
				if w.occs[l.occ].off == s.nameOff {
					w.occs[l.occ].overwritten = true
				}
				break
			}
		}
		s.emitted = &nameList{s.name, len(w.occs), s.emitted}
		w.occs = append(w.occs, occ{
			name: s.name, off: s.nameOff, arms: s.keyArms,
			val: bytes.Clone(s.val), holes: append([]*hole(nil), s.holes...),
			holeAt: append([]int(nil), s.holeAt...), quoted: quoted,
			absent:  withAbsent(s.absent, s.facts),
			present: present(s.facts),
			facts:   append([]string(nil), s.facts...),
		})
	}
	absent := s.absent
	s.resetStatement()
	s.absent = absent
}

// firstContent recognises formats other than env files by how the output
// starts.
func (w *walker) firstContent(rest string) {
	switch {
	case strings.HasPrefix(rest, "{"):
		w.setNotEnv("JSON")
	case strings.HasPrefix(rest, "["):
		if len(rest) > 1 && (unicode.IsLetter(rune(rest[1])) || rest[1] == '[') {
			w.setNotEnv("TOML")
		} else {
			w.setNotEnv("JSON")
		}
	case strings.HasPrefix(rest, "<"):
		w.setNotEnv("XML")
	case strings.HasPrefix(rest, "-----BEGIN"):
		w.setNotEnv("certificate")
	case strings.HasPrefix(rest, "---"):
		w.setNotEnv("YAML")
	}
}

var (
	sectionRE   = regexp.MustCompile(`^\[[^\[\]]+\][ \t]*(#.*)?$`)
	hclLabelsRE = regexp.MustCompile(`^"[^"]*"([ \t]+"[^"]*")*[ \t]*\{[ \t]*$`)
)

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimSuffix(line, "\r")
}

func isCertField(name string) bool {
	n := strings.ToLower(name)
	for _, s := range []string{"cert", "private_key", "ca_chain", "issuing_ca", "pem", "crt"} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}
