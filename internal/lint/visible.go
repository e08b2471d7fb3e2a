package lint

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Visible renders text that came from a repository or an environment (a
// path, a key, a message quoting either) so that a terminal or a CI log
// shows it rather than obeys it: C0 and C1 control characters, DEL,
// invalid UTF-8 and the Unicode format characters that reorder or hide
// text (bidi overrides and isolates, zero-width marks, line and paragraph
// separators) become Go-style escapes such as \x1b, \n or \u202e. A
// backslash is written as \\ only when the text needs escaping at all, so
// that ordinary text, Windows paths included, is unchanged.
func Visible(s string) string { return visible(s, false) }

// VisibleBreaks is Visible but leaves CR, LF and tab as they are, for a
// format that has its own escaping of line breaks (GitHub workflow
// commands).
func VisibleBreaks(s string) string { return visible(s, true) }

// VisiblePath is Visible for text that starts a line of output, a path
// most often: one that starts with ':' or '#' gets "./" before it, so that
// no line of envlint's output reads as a GitHub workflow command
// (::stop-commands::, ##[error]) in a CI log.
func VisiblePath(s string) string {
	s = Visible(s)
	if strings.HasPrefix(s, ":") || strings.HasPrefix(s, "#") {
		s = "./" + s
	}
	return s
}

func visible(s string, keepBreaks bool) string {
	if !needsEscape(s, keepBreaks) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepBreaks && (r == '\n' || r == '\r' || r == '\t'):
			b.WriteRune(r)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case hidden(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string, keepBreaks bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 || c == 0x7f) && !(keepBreaks && (c == '\n' || c == '\r' || c == '\t')) {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || hidden(r) {
			return true
		}
		i += size
	}
	return false
}

// hidden reports the runes a terminal or browser does not show as
// themselves: C1 controls and format characters that change the order or
// visibility of the text around them (CVE-2021-42574).
func hidden(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f: // C1, including the 8-bit CSI
		return true
	case r >= 0x200b && r <= 0x200f, // zero-width space/joiners, LRM, RLM
		r >= 0x2028 && r <= 0x202e, // line/paragraph separators, bidi embeddings and overrides
		r >= 0x2060 && r <= 0x2069, // word joiner, invisible operators, bidi isolates
		r == 0x061c, r == 0xfeff, r == 0x180e:
		return true
	}
	return false
}
