package ctmpl

import (
	"regexp"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

// keyLineRE matches the start of a `KEY=` statement as godotenv reads it.
var keyLineRE = regexp.MustCompile(`^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=`)

// checkMerged notices text that starts a `KEY=` statement in the source but
// is rendered on the same line as the previous value or comment, because a
// trim marker removed the line break between them. It runs before the text
// is fed, while s still holds the previous statement.
func (w *walker) checkMerged(s *rstate, p piece) {
	if p.fixed {
		return
	}
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
	line, _, _ := strings.Cut(p.text, "\n")
	m := keyLineRE.FindStringSubmatchIndex(line)
	if m == nil || w.mergedSeen[p.off+m[2]] {
		return
	}
	marker, ok := w.trimmedBreak(s.lastEnd, p.off)
	if !ok {
		return
	}
	w.mergedSeen[p.off+m[2]] = true
	w.merged = append(w.merged, lint.MergedLine{
		Pos:    w.pos(marker),
		Key:    line[m[2]:m[3]],
		KeyPos: w.pos(p.off + m[2]),
		Prev:   prev,
	})
}

// trimmedBreak finds, in src[from:to] (the source between two pieces
// rendered next to each other), the first trim marker whose trimmed
// whitespace holds a line break, and returns the marker's offset.
func (w *walker) trimmedBreak(from, to int) (int, bool) {
	if from < 0 || to > len(w.src) || from >= to {
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
