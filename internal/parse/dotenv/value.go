package dotenv

// This file reproduces how godotenv v1.5.1 turns the text of a value into
// the value (see the package doc). Its regular expressions are rewritten as
// loops so that the reader stays linear and allocation-light; FuzzParse and
// TestGodotenvAgreement check that the results agree.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// isBlank reports the characters godotenv treats as blanks inside a line:
// the ASCII blanks, CR, NEL and NO-BREAK SPACE, but not LF.
func isBlank(r rune) bool {
	switch r {
	case '\t', '\v', '\f', '\r', ' ', 0x85, 0xA0:
		return true
	}
	return false
}

// skipBlanks returns the offset of the first rune at or after i that is not
// a blank.
func skipBlanks(src []byte, i int) int {
	for i < len(src) {
		r, size := utf8.DecodeRune(src[i:])
		if !isBlank(r) {
			break
		}
		i += size
	}
	return i
}

// skipSpace returns the offset of the first rune at or after i that is not
// Unicode white space (line breaks included).
func skipSpace(src []byte, i int) int {
	for i < len(src) {
		if c := src[i]; c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// blankBefore reports whether the rune just before line[j] is a blank.
func blankBefore(line []byte, j int) bool {
	if j == 0 {
		return false
	}
	if c := line[j-1]; c < utf8.RuneSelf {
		return isBlank(rune(c))
	}
	r, _ := utf8.DecodeLastRune(line[:j])
	return isBlank(r)
}

// unquoted is godotenv's value of an unquoted value whose line (without the
// line break) is line.
func unquoted(line []byte, vars map[string]string, budget *int) (string, bool) {
	end := len(line)
	for j := len(line) - 1; j > 0; j-- {
		if line[j] == '#' && blankBefore(line, j) {
			end = j
			break
		}
	}
	s := strings.TrimFunc(validUTF8(line[:end]), isBlank)
	return expand(s, vars, budget)
}

// validUTF8 converts b to a string, replacing each byte that is not part of
// valid UTF-8 by U+FFFD, as a conversion through []rune does.
func validUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + 8)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			sb.WriteRune(utf8.RuneError)
		} else {
			sb.Write(b[:size])
		}
		b = b[size:]
	}
	return sb.String()
}

// unescape applies godotenv's two escape passes to the text of a
// double-quoted value. First `\n` and `\r` become LF and CR while other
// pairs stay (a backslash before LF is not a pair); then a backslash before
// any byte but `$` is dropped.
func unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) || s[i+1] == '\n' {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	t := b.String()
	b.Reset()
	b.Grow(len(t))
	for i := 0; i < len(t); i++ {
		if t[i] == '\\' && i+1 < len(t) && t[i+1] != '$' {
			i++
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

func isVarByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// maxExpansion bounds the bytes that variable references add to the values
// of one file. References can double a value per line (A2=${A1}${A1}), so
// without a bound 30 lines would ask for gigabytes; godotenv has no bound.
const maxExpansion = 1 << 20

// expand replaces godotenv's variable references: `$NAME`, `${NAME}` and
// the odd forms its pattern also accepts (`$(NAME`, `${NAME`), with NAME in
// [A-Z0-9_]. A reference preceded by a backslash loses the backslash and
// stays literal; a `$` without a name stays as written.
//
// budget is what references may still add in this file; expand charges it
// and, when a reference would overdraw it, stops expanding and reports
// over. The work is linear in the value it returns.
func expand(s string, vars map[string]string, budget *int) (out string, over bool) {
	if strings.IndexByte(s, '$') < 0 {
		return s, false
	}
	var b strings.Builder
	b.Grow(len(s))
	i := 0
	for i < len(s) {
		j := strings.IndexByte(s[i:], '$')
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		j += i
		start, escaped := j, j > i && s[j-1] == '\\'
		if escaped {
			start--
		}
		k := j + 1
		if k < len(s) && s[k] == '(' {
			k++
		}
		if k < len(s) && s[k] == '{' {
			k++
		}
		nameStart := k
		for k < len(s) && isVarByte(s[k]) {
			k++
		}
		name := s[nameStart:k]
		if k < len(s) && s[k] == '}' {
			k++
		}
		b.WriteString(s[i:start])
		switch {
		case escaped:
			b.WriteString(s[start+1 : k])
		case name != "":
			v := vars[name]
			if len(v) > *budget {
				*budget = 0
				return b.String(), true
			}
			*budget -= len(v)
			b.WriteString(v)
		default:
			b.WriteString(s[start:k])
		}
		i = k
	}
	return b.String(), false
}
