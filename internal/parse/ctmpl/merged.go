package ctmpl

import (
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

// glue follows, on one path, text that a trim marker joined onto an open
// value or comment line, to see whether it spells `KEY=`: a key the author
// wrote on its own line that the rendered file never sets.
type glue struct {
	active  bool
	ended   bool // blanks followed the name
	marker  int  // the trim marker that removed the line break
	prev    string
	name    []byte
	nameOff int
}

// checkMerged starts following a piece of text when a trim marker removed
// the line break between it and the previous value or comment that is
// still open on this path. It runs before the piece is fed.
func (w *walker) checkMerged(s *rstate, p piece) {
	s.glue = glue{}
	var prev string
	switch s.mode {
	case mValStart, mUnquoted:
		prev = s.name
		if prev == "" {
			return
		}
	case mComment:
	default:
		return
	}
	marker, ok := w.trimmedBreak(s.lastEnd, p.off)
	if !ok && s.gapMarker > 0 {
		marker, ok = s.gapMarker-1, true
	}
	if !ok {
		return
	}
	s.glue = glue{active: true, marker: marker, prev: prev}
}

// glueByte reads one byte of followed text.
func (w *walker) glueByte(s *rstate, c byte, off int) {
	g := &s.glue
	switch {
	case c == '=' && len(g.name) > 0 && string(g.name) != "export":
		// Decided when the path ends: a key the path sets on a line of
		// its own (another iteration of a range) is not lost, only the
		// previous value is corrupted.
		if name := string(g.name); name != g.prev {
			s.pending = &pendingGlue{*g, s.pending}
		}
		*g = glue{}
	case c == ' ' || c == '\t':
		if len(g.name) > 0 {
			g.ended = true
		}
	case c == '_' || c == '.' || c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'):
		if g.ended {
			if string(g.name) != "export" {
				*g = glue{}
				return
			}
			g.name, g.ended = nil, false
		}
		if len(g.name) == 0 {
			g.nameOff = off
		}
		g.name = append(g.name, c)
	default:
		*g = glue{}
	}
}

// mergedAt identifies a joined key: one place can build several names
// (K_{{ $i }} in a range).
type mergedAt struct {
	off  int
	name string
}

// pendingGlue is an immutable list of joined keys a path has seen.
type pendingGlue struct {
	g    glue
	next *pendingGlue
}

// settleGlue reports, at the end of a path, each joined key the path
// never set.
func (w *walker) settleGlue(s *rstate) {
	var list []glue
	for p := s.pending; p != nil; p = p.next {
		list = append(list, p.g)
	}
	for i := len(list) - 1; i >= 0; i-- { // oldest first
		if !s.emitted.has(string(list[i].name)) {
			w.addMerged(list[i])
		}
	}
}

func (w *walker) addMerged(g glue) {
	k := mergedAt{g.nameOff, string(g.name)}
	if w.mergedSeen[k] {
		return
	}
	w.mergedSeen[k] = true
	w.merged = append(w.merged, lint.MergedLine{
		Pos: w.pos(g.marker), Key: string(g.name), KeyPos: w.pos(g.nameOff), Prev: g.prev,
	})
}

// trimmedBreak finds, in src[from:to] (the source between two pieces
// rendered next to each other), the first trim marker whose trimmed
// whitespace holds a line break, and returns the marker's offset.
func (w *walker) trimmedBreak(from, to int) (int, bool) {
	// The previous action's own `-}}` ends just before from.
	from = max(0, from-len(w.right)-2)
	if to > len(w.src) || from >= to {
		return 0, false
	}
	region := w.src[from:to]
	for i := 0; i < len(region); i++ {
		switch {
		case strings.HasPrefix(region[i:], w.left+"-") && i+len(w.left)+1 < len(region) && isTrimSpace(region[i+len(w.left)+1]):
			j := i
			for j > 0 && isTrimSpace(region[j-1]) {
				j--
			}
			if strings.Contains(region[j:i], "\n") {
				return from + i, true
			}
		case i > 0 && isTrimSpace(region[i-1]) && strings.HasPrefix(region[i:], "-"+w.right):
			k := i + 1 + len(w.right)
			j := k
			for j < len(region) && isTrimSpace(region[j]) {
				j++
			}
			if strings.Contains(region[k:j], "\n") {
				return from + i, true
			}
		}
	}
	return 0, false
}

// isTrimSpace is the white space text/template trims: space, tab, CR, LF.
func isTrimSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
