package gostruct

import (
	"regexp"
	"strings"
)

// goLiteral matches what go/parser and go/scanner quote from the source in
// their messages: a string literal, raw or interpreted, or a number after
// "found". Their own words quote tokens in single quotes ('IDENT', ';').
var goLiteral = regexp.MustCompile("\"(?:[^\"\\\\\\n]|\\\\.)*\"|`[^`]*`|found [0-9][0-9A-Za-z_.+-]*")

// withoutLiterals rewrites a Go syntax error so that it names the kind of
// token it found, never its text: `expected ';', found "s3cr3t"` becomes
// `expected ';', found a string literal` (#15).
func withoutLiterals(msg string) string {
	return goLiteral.ReplaceAllStringFunc(msg, func(m string) string {
		if strings.HasPrefix(m, "found ") {
			return "found a number"
		}
		return "a string literal"
	})
}

// optionName is a tag option as a message may show it: its name, and "…"
// for a value, which may be a secret default (`defualt=s3cr3t`).
func optionName(opt string) string {
	if i := strings.IndexByte(opt, '='); i >= 0 {
		return opt[:i+1] + "…"
	}
	return opt
}
