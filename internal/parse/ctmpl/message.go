package ctmpl

import "regexp"

// quotedLiteral matches what text/template's errors print for a string
// literal token: the token %q-quoted, so it starts with \" or a backquote.
var quotedLiteral = regexp.MustCompile("\"(?:\\\\\"|`)(?:[^\"\\\\]|\\\\.)*\"")

// withoutLiterals cuts the string literals a template engine's message
// quotes from the source (`unexpected "\"s3cr3t\"" in end`): a message
// names positions and kinds, never values (#15). Names it quotes
// (`function "foo" not defined`) stay.
func withoutLiterals(msg string) string {
	return quotedLiteral.ReplaceAllString(msg, "a string literal")
}
