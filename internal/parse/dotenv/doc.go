// Package dotenv reads example files (.env.example and the like) and real env
// files into a [lint.ExampleFile]: every key with its position, its value,
// its [VAULT] marker, its documentation comment and its ignore directives.
//
// # Values and statements: what godotenv reads
//
// Which text is a statement and what value it has follow
// github.com/joho/godotenv v1.5.1, the loader most Go services use, quirks
// included, so that a value envlint checks is the value the program gets:
//
//   - A statement is `[export ]NAME=value` or `NAME: value`. Blanks may
//     stand anywhere in the name and are kept inside it (`MY KEY=1` names
//     "MY KEY"); `.` and non-ASCII letters are allowed byte by byte.
//   - Single quotes keep text verbatim; double quotes turn `\n` and `\r`
//     into line breaks, drop the backslash before any other character but
//     `$`, and expand variables. Quoted values may span lines; CRLF inside
//     them becomes LF. A quote preceded by a backslash never closes a value.
//     Backquotes are not quotes: A=`x` keeps them in the value.
//   - Unquoted values end at the line end, are trimmed, and lose the text
//     from the last ` #` on. A value that starts with `#` keeps it, so
//     `KEY= # doc` has the value "# doc" (see [lint.ExampleEntry]
//     ValueIsComment).
//   - `$NAME` and `${NAME}` (NAME in [A-Z0-9_]) expand to the value an
//     earlier statement of the same file gave NAME, else to "".
//   - Text after a closing quote on the same line is a new statement, or a
//     comment if it starts with `#`.
//
// Deliberate differences, each of which produces an Error where godotenv
// would accept the file or stop: a statement with an empty name (`=v`,
// `export =v`, a last line without `=`) is an Error, not an entry; a comment
// that contains a lone CR followed by text is an Error, because godotenv
// ends comments only at LF and silently drops the text after the CR; and the
// reader keeps going after each bad line where godotenv stops at the first.
// A UTF-8 byte order mark at the start is skipped (godotenv rejects it).
// An entry whose quote never closes is kept, with the rest of its line as
// its value, and reading goes on with the next line. At most 100 Errors are
// returned; the last one then says that more were left out.
//
// Positions are 1-based lines and byte columns of the file as given: lines
// end at LF, CRLF or a lone CR, and a byte order mark counts in the columns
// of line 1, as in go/token.
//
// # Commented-out entries
//
// A whole-line comment `# NAME=value` or `# export NAME=value` documents
// NAME (Commented is true). To keep prose out, exactly one `#` opens the
// line, blanks may follow it, NAME has upper-case letters, digits and
// underscores only, contains a letter, does not start with a digit, and is
// followed directly by `=`. So `#DEBUG=true` is an entry, while
// `# key=value pairs`, `# Set x=y to ...`, `# https://a/?b=c` and
// `## TITLE=x` are not. The value is what godotenv would read if the `#`
// were removed, limited to that line.
//
// # Comments, [VAULT] markers and directives
//
// An entry's comment block is the run of whole-line comments directly above
// its line, with no blank line between, stopping at a commented-out entry.
// Only the first statement on a line has a block. An entry's inline comment
// starts at the first `#` after a blank in its unquoted value (or, after a
// quoted value, at a `#` later on the line). Comment joins the block and the
// inline comment, one line each, without `#`, without `[VAULT]` tokens,
// without directives, dropping lines left with no letter or digit.
//
// The marker is the exact text `[VAULT]`. Lower-case `[vault]` or `[Vault]`
// is not a marker: in real files those head sections about the Vault client
// itself (VAULT_ADDR, VAULT_TOKEN). A marker applies to an entry when it is
// written:
//
//   - in the entry's inline comment;
//   - in a whole-line comment that names a glob, a word such as `S3_*` or
//     `*_SECRET` made of name characters with `*` or `?`: it marks every
//     entry matching the glob from that line to the next blank line (a group
//     marker); one that matches nothing there is reported as Ambiguous;
//   - in the entry's comment block, without a glob. It marks only that
//     entry. When further entries (live or commented-out) follow on the
//     next lines with no blank or comment line between and one of them has
//     no marker of its own (inline or group), the scope cannot be told and
//     the marker is also reported as Ambiguous, with a message suggesting a
//     per-key marker or a glob.
//
// A whole-line marker without a glob that is in no entry's block (a blank
// line or a bad line follows it) marks nothing and is Ambiguous. MarkerPos
// is the `[` of the nearest marker: inline, then block, then group.
//
// A directive is a comment whose text starts with `envlint:ignore`,
// followed by a comma-separated rule list (no blanks inside) and an optional
// reason. Inline, it applies to the entry of its line; in a comment block,
// to that block's entry; anywhere else its Key is "".
package dotenv
