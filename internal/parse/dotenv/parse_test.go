package dotenv

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/envlint/envlint/internal/lint"
)

const file = ".env.example"

func at(line, col int) lint.Pos { return lint.Pos{File: file, Line: line, Col: col} }

// e is a live entry with its key position and its value position.
func e(name string, line, col int, value string, vline, vcol int) lint.ExampleEntry {
	return lint.ExampleEntry{Name: name, Pos: at(line, col), Value: value, ValuePos: at(vline, vcol)}
}

func exported(x lint.ExampleEntry) lint.ExampleEntry { x.Export = true; return x }

func commented(x lint.ExampleEntry) lint.ExampleEntry { x.Commented = true; return x }

func documented(x lint.ExampleEntry, doc string) lint.ExampleEntry { x.Comment = doc; return x }

func marked(x lint.ExampleEntry, line, col int) lint.ExampleEntry {
	x.VaultMarker, x.MarkerPos = true, at(line, col)
	return x
}

func TestParse_Entries(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []lint.ExampleEntry
	}{
		{"plain", "A=1\nBB=two\n", []lint.ExampleEntry{e("A", 1, 1, "1", 1, 3), e("BB", 2, 1, "two", 2, 4)}},
		{"export", "export A=1\nexport\tB=2\nexportC=3\n", []lint.ExampleEntry{
			exported(e("A", 1, 8, "1", 1, 10)), exported(e("B", 2, 8, "2", 2, 10)), e("exportC", 3, 1, "3", 3, 9)}},
		{"spacing", "A = 1\n  B\t=\t2  \n", []lint.ExampleEntry{e("A", 1, 1, "1", 1, 5), e("B", 2, 3, "2", 2, 7)}},
		{"empty", "A=\nB=   \nC=\"\"\n", []lint.ExampleEntry{e("A", 1, 1, "", 1, 3), e("B", 2, 1, "", 2, 3), e("C", 3, 1, "", 3, 3)}},
		{"duplicates are all entries", "A=1\nA=2\n", []lint.ExampleEntry{e("A", 1, 1, "1", 1, 3), e("A", 2, 1, "2", 2, 3)}},
		{"yaml style", "A: 1\n", []lint.ExampleEntry{e("A", 1, 1, "1", 1, 4)}},
		{"blank inside a name is kept", "MY KEY=1\n", []lint.ExampleEntry{e("MY KEY", 1, 1, "1", 1, 8)}},
		{"no final newline", "A=1\nB=end", []lint.ExampleEntry{e("A", 1, 1, "1", 1, 3), e("B", 2, 1, "end", 2, 3)}},
		{"empty at end of file", "A=", []lint.ExampleEntry{e("A", 1, 1, "", 1, 3)}},
		{"crlf", "A=1\r\nB=\"x\r\ny\"\r\nC=3\r\n", []lint.ExampleEntry{
			e("A", 1, 1, "1", 1, 3), e("B", 2, 1, "x\ny", 2, 3), e("C", 4, 1, "3", 4, 3)}},
		{"lone cr", "A=1\rB=2\r", []lint.ExampleEntry{e("A", 1, 1, "1", 1, 3), e("B", 2, 1, "2", 2, 3)}},
		{"bom counts in columns", "\uFEFFA=1\nB=2\n", []lint.ExampleEntry{e("A", 1, 4, "1", 1, 6), e("B", 2, 1, "2", 2, 3)}},
		{"single quotes", `A='x $Y \n'`, []lint.ExampleEntry{e("A", 1, 1, `x $Y \n`, 1, 3)}},
		{"double quotes", `A="a\nb\"c\$d\te"`, []lint.ExampleEntry{e("A", 1, 1, "a\nb\"c$dte", 1, 3)}},
		{"backquotes are literal", "A=`x y`\n", []lint.ExampleEntry{e("A", 1, 1, "`x y`", 1, 3)}},
		{"multi-line", "A=\"one\ntwo\"\nB='three\nfour'\nC=5\n", []lint.ExampleEntry{
			e("A", 1, 1, "one\ntwo", 1, 3), e("B", 3, 1, "three\nfour", 3, 3), e("C", 5, 1, "5", 5, 3)}},
		{"inline comment", "A=x # note\nB=x#y\n", []lint.ExampleEntry{
			documented(e("A", 1, 1, "x", 1, 3), "note"), e("B", 2, 1, "x#y", 2, 3)}},
		{"comment read as value", "A= # note\n", []lint.ExampleEntry{func() lint.ExampleEntry {
			x := documented(e("A", 1, 1, "# note", 1, 4), "note")
			x.ValueIsComment = true
			return x
		}()}},
		{"hash right after = is a value", "COLOR=#fff\n", []lint.ExampleEntry{e("COLOR", 1, 1, "#fff", 1, 7)}},
		{"two statements on a line", "A=\"x\" B=y # c\n", []lint.ExampleEntry{e("A", 1, 1, "x", 1, 3), documented(e("B", 1, 7, "y", 1, 9), "c")}},
		{"comment after quoted value", "A=\"x\" # c\n", []lint.ExampleEntry{documented(e("A", 1, 1, "x", 1, 3), "c")}},
		{"expansion", "A=1\nB=$A-${A}\nC=\"$A\"\nD='$A'\nE=\\$A\n", []lint.ExampleEntry{
			e("A", 1, 1, "1", 1, 3), e("B", 2, 1, "1-1", 2, 3), e("C", 3, 1, "1", 3, 3), e("D", 4, 1, "$A", 4, 3), e("E", 5, 1, "$A", 5, 3)}},
		{"unicode blank before value", "A=\u00a0x\u00a0\n", []lint.ExampleEntry{e("A", 1, 1, "x", 1, 5)}},
		{"invalid utf-8 in an unquoted value", "A=\xffx\n", []lint.ExampleEntry{e("A", 1, 1, "\uFFFDx", 1, 3)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse(file, []byte(tt.src))
			if diff := cmp.Diff(tt.want, got.Entries, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("entries (-want +got):\n%s", diff)
			}
			if len(got.Errors) > 0 {
				t.Errorf("unexpected errors: %v", got.Errors)
			}
		})
	}
}

func TestParse_Commented(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []lint.ExampleEntry
	}{
		{"space after hash", "# DEBUG=true\n", []lint.ExampleEntry{commented(e("DEBUG", 1, 3, "true", 1, 9))}},
		{"no space after hash", "#DEBUG=true\n", []lint.ExampleEntry{commented(e("DEBUG", 1, 2, "true", 1, 8))}},
		{"export", "# export OTEL=x\n", []lint.ExampleEntry{exported(commented(e("OTEL", 1, 10, "x", 1, 15)))}},
		{"empty value", "# SECRET=\n", []lint.ExampleEntry{commented(e("SECRET", 1, 3, "", 1, 10))}},
		{"quoted value and comment", "# A=\"x y\" # doc\n", []lint.ExampleEntry{documented(commented(e("A", 1, 3, "x y", 1, 5)), "doc")}},
		{"unterminated quote stays in the line", "# A=\"x\nB=1\n", []lint.ExampleEntry{commented(e("A", 1, 3, "x", 1, 5)), e("B", 2, 1, "1", 2, 3)}},
		{"indented", "   #  A_1=v\n", []lint.ExampleEntry{commented(e("A_1", 1, 7, "v", 1, 11))}},
		{"prose with an assignment", "# Set the value to x=y for the legacy mode\n", nil},
		{"url", "# https://example.com/?a=b\n", nil},
		{"lower-case name", "# key=value pairs\n# a=1,b=2\n", nil},
		{"mixed-case name", "# MyVar=1\n", nil},
		{"blank before =", "# A =1\n", nil},
		{"section", "# ---- section ----\n# ==== A=B ====\n", nil},
		{"double hash", "## A=1\n", nil},
		{"digits only", "# 123=4\n", nil},
		{"leading digit", "# 1A=4\n", nil},
		{"inline comment of a live entry", "A=1 # B=2\n", []lint.ExampleEntry{documented(e("A", 1, 1, "1", 1, 3), "B=2")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse(file, []byte(tt.src))
			if diff := cmp.Diff(tt.want, got.Entries, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("entries (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParse_Markers(t *testing.T) {
	type want struct {
		Entries   []lint.ExampleEntry
		Ambiguous []lint.Problem
	}
	amb := func(line, col int, msg string) lint.Problem { return lint.Problem{Pos: at(line, col), Msg: msg} }
	tests := []struct {
		name string
		src  string
		want want
	}{
		{"inline after a value", "REDIS_URL=redis:// # [VAULT]\n", want{Entries: []lint.ExampleEntry{
			marked(e("REDIS_URL", 1, 1, "redis://", 1, 11), 1, 22)}}},
		{"inline on an empty value", "DATABASE_URL= # [VAULT] PostgreSQL DSN\n", want{Entries: []lint.ExampleEntry{func() lint.ExampleEntry {
			x := documented(marked(e("DATABASE_URL", 1, 1, "# [VAULT] PostgreSQL DSN", 1, 15), 1, 17), "PostgreSQL DSN")
			x.ValueIsComment = true
			return x
		}()}}},
		{"inline after a quoted value", "A=\"x\" # [VAULT]\n", want{Entries: []lint.ExampleEntry{marked(e("A", 1, 1, "x", 1, 3), 1, 9)}}},
		{"block directly above", "# PostgreSQL DSN\n# [VAULT]\nDATABASE_URL=\n\nPORT=1\n", want{Entries: []lint.ExampleEntry{
			documented(marked(e("DATABASE_URL", 3, 1, "", 3, 14), 2, 3), "PostgreSQL DSN"), e("PORT", 5, 1, "1", 5, 6)}}},
		{"a blank line detaches the block", "# [VAULT]\n\nA=1\n", want{
			Entries:   []lint.ExampleEntry{e("A", 3, 1, "1", 3, 3)},
			Ambiguous: []lint.Problem{amb(1, 3, "[VAULT] comment marks no key: a blank line or a bad line follows it; write the marker on the key's line (KEY= # [VAULT]) or directly above the key")}}},
		{"block with following unmarked keys is ambiguous", "# [VAULT] the following are managed by Vault\nA=\nB=\n", want{
			Entries: []lint.ExampleEntry{
				documented(marked(e("A", 2, 1, "", 2, 3), 1, 3), "the following are managed by Vault"), e("B", 3, 1, "", 3, 3)},
			Ambiguous: []lint.Problem{amb(1, 3, "[VAULT] comment above A may also be meant for B on line 3: write the marker on each key's line (KEY= # [VAULT]) or name a glob (# [VAULT] PREFIX_*)")}}},
		{"block followed by marked keys is not ambiguous", "# [VAULT]\nA=\nB= # [VAULT]\n", want{Entries: []lint.ExampleEntry{
			marked(e("A", 2, 1, "", 2, 3), 1, 3), func() lint.ExampleEntry {
				x := marked(e("B", 3, 1, "# [VAULT]", 3, 4), 3, 6)
				x.ValueIsComment = true
				return x
			}()}}},
		{"a commented key below is in the run", "# [VAULT]\nA=\n# B=\n", want{
			Entries:   []lint.ExampleEntry{marked(e("A", 2, 1, "", 2, 3), 1, 3), commented(e("B", 3, 3, "", 3, 5))},
			Ambiguous: []lint.Problem{amb(1, 3, "[VAULT] comment above A may also be meant for B on line 3: write the marker on each key's line (KEY= # [VAULT]) or name a glob (# [VAULT] PREFIX_*)")}}},
		{"a key with its own comment ends the run", "# [VAULT] DSN\nA=\n# Port\nB=1\n", want{Entries: []lint.ExampleEntry{
			documented(marked(e("A", 2, 1, "", 2, 3), 1, 3), "DSN"), documented(e("B", 4, 1, "1", 4, 3), "Port")}}},
		{"group marker with a glob", "# [VAULT] All S3_* variables are managed by Vault\nS3_BUCKET=b\n# Region\nS3_REGION=r\nAWS=x\n\nS3_OTHER=o\n", want{Entries: []lint.ExampleEntry{
			documented(marked(e("S3_BUCKET", 2, 1, "b", 2, 11), 1, 3), "All S3_* variables are managed by Vault"),
			documented(marked(e("S3_REGION", 4, 1, "r", 4, 11), 1, 3), "Region"),
			e("AWS", 5, 1, "x", 5, 5),
			e("S3_OTHER", 7, 1, "o", 7, 10)}}},
		{"group marker matching nothing", "# [VAULT] every DB_* key\nA=1\n", want{
			Entries:   []lint.ExampleEntry{documented(e("A", 2, 1, "1", 2, 3), "every DB_* key")},
			Ambiguous: []lint.Problem{amb(1, 3, "[VAULT] comment names DB_* but no key below it matches before the next blank line")}}},
		{"lower-case glob-like words are prose", "# [VAULT] *required* in production\nA=\n", want{Entries: []lint.ExampleEntry{
			documented(marked(e("A", 2, 1, "", 2, 3), 1, 3), "*required* in production")}}},
		{"block marker on a commented entry", "# [VAULT]\n# API key\n# PAYMENT_KEY=\n", want{Entries: []lint.ExampleEntry{
			documented(marked(commented(e("PAYMENT_KEY", 3, 3, "", 3, 15)), 1, 3), "API key")}}},
		{"inline marker on a commented entry", "# TOKEN= # [VAULT]\n", want{Entries: []lint.ExampleEntry{func() lint.ExampleEntry {
			x := marked(commented(e("TOKEN", 1, 3, "# [VAULT]", 1, 10)), 1, 12)
			x.ValueIsComment = true
			return x
		}()}}},
		{"a commented entry ends the block", "# [VAULT]\n# OLD=\nNEW=\n", want{Entries: []lint.ExampleEntry{
			marked(commented(e("OLD", 2, 3, "", 2, 7)), 1, 3), e("NEW", 3, 1, "", 3, 5)},
			Ambiguous: []lint.Problem{amb(1, 3, "[VAULT] comment above OLD may also be meant for NEW on line 3: write the marker on each key's line (KEY= # [VAULT]) or name a glob (# [VAULT] PREFIX_*)")}}},
		{"lower case is not a marker", "# [Vault]\nVAULT_ADDR=x # [vault]\n", want{Entries: []lint.ExampleEntry{
			documented(e("VAULT_ADDR", 2, 1, "x", 2, 12), "[Vault]\n[vault]")}}},
		{"inline wins over block", "# [VAULT]\nA=1 # [VAULT]\n", want{Entries: []lint.ExampleEntry{marked(e("A", 2, 1, "1", 2, 3), 2, 7)}}},
		{"crlf", "# [VAULT] DSN\r\nA=x # note\r\n# B=1 # [VAULT]\r\n", want{Entries: []lint.ExampleEntry{
			documented(marked(e("A", 2, 1, "x", 2, 3), 1, 3), "DSN\nnote"),
			marked(commented(e("B", 3, 3, "1", 3, 5)), 3, 9)}}},
		{"byte order mark", "\uFEFF# [VAULT]\nA=\n", want{Entries: []lint.ExampleEntry{marked(e("A", 2, 1, "", 2, 3), 1, 6)}}},
		{"marker in a value is not a marker", "A=\"[VAULT]\"\n", want{Entries: []lint.ExampleEntry{e("A", 1, 1, "[VAULT]", 1, 3)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse(file, []byte(tt.src))
			got := want{Entries: f.Entries, Ambiguous: f.Ambiguous}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParse_Comment(t *testing.T) {
	src := "# ==== Database ====\n#\n# PostgreSQL DSN, [VAULT] managed\n# envlint:ignore secret-in-example dev only\n## Format: postgres://\nDB=x # pool of 5\n\n# detached\n\nB=1 # envlint:ignore type-mismatch\n"
	want := []string{"==== Database ====\nPostgreSQL DSN, managed\nFormat: postgres://\npool of 5", ""}
	f := Parse(file, []byte(src))
	var got []string
	for _, x := range f.Entries {
		got = append(got, x.Comment)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("comments (-want +got):\n%s", diff)
	}
}

func TestParse_Directives(t *testing.T) {
	src := `# envlint:ignore example-key-orphaned legacy, kept for v1 clients
LEGACY=1
SECRET=abc # envlint:ignore secret-in-example,type-mismatch  fake value
# envlint:ignore vault-marker-missing

ORPHAN=1
# envlint:ignore
# envlint:ignored is not a directive
# envlint:ignore a,,b

# OLD_KEY=1 # envlint:ignore example-key-orphaned
`
	want := []lint.Directive{
		{Pos: at(1, 1), Rules: []string{"example-key-orphaned"}, Reason: "legacy, kept for v1 clients", Key: "LEGACY"},
		{Pos: at(3, 12), Rules: []string{"secret-in-example", "type-mismatch"}, Reason: "fake value", Key: "SECRET"},
		{Pos: at(4, 1), Rules: []string{"vault-marker-missing"}},
		{Pos: at(7, 1)},
		{Pos: at(9, 1), Rules: []string{"a", "b"}},
		{Pos: at(11, 13), Rules: []string{"example-key-orphaned"}, Key: "OLD_KEY"},
	}
	f := Parse(file, []byte(src))
	if diff := cmp.Diff(want, f.Directives, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("directives (-want +got):\n%s", diff)
	}
	for _, x := range f.Entries {
		if strings.Contains(x.Comment, "envlint:ignore ") {
			t.Errorf("%s: directive kept in Comment %q", x.Name, x.Comment)
		}
	}
}

func TestParse_Errors(t *testing.T) {
	type want struct {
		Errors []lint.Problem
		Names  []string
	}
	p := func(line, col int, msg string) lint.Problem { return lint.Problem{Pos: at(line, col), Msg: msg} }
	tests := []struct {
		name string
		src  string
		want want
	}{
		{"bad character, keep going", "A=1\nFOO-BAR=2\nC=3\n", want{[]lint.Problem{p(2, 4, `unexpected character "-" in variable name`)}, []string{"A", "C"}}},
		{"one error per bad line", "A-1=1\nB=2\nC D-E=3\n\"quoted\"=4\nE=5\n", want{[]lint.Problem{
			p(1, 2, `unexpected character "-" in variable name`),
			p(3, 4, `unexpected character "-" in variable name`),
			p(4, 1, `unexpected character "\"" in variable name`)}, []string{"B", "E"}}},
		{"missing =", "A=1\nJUST_A_NAME\nC=3\n", want{[]lint.Problem{p(2, 1, `missing "=" after the variable name`)}, []string{"A", "C"}}},
		{"missing = at end of file", "A=1\nLAST", want{[]lint.Problem{p(2, 1, `missing "=" after the variable name`)}, []string{"A"}}},
		{"empty name", "=x\nexport =y\nB=2\n", want{[]lint.Problem{
			p(1, 1, `missing variable name before "="`), p(2, 1, `missing variable name before "="`)}, []string{"B"}}},
		{"export alone at end of file", "A=1\nexport ", want{[]lint.Problem{p(2, 1, "export is not followed by a variable name")}, []string{"A"}}},
		{"unterminated double quote", "A=\"open\nB=2\n", want{[]lint.Problem{p(1, 3, "unterminated quoted value")}, []string{"A", "B"}}},
		{"unterminated quote at end of file", "A=1\nB='open", want{[]lint.Problem{p(2, 3, "unterminated quoted value")}, []string{"A", "B"}}},
		{"escaped closing quote", "A=\"x\\\"\nB=2\n", want{[]lint.Problem{p(1, 3, "unterminated quoted value")}, []string{"A", "B"}}},
		{"text after a quoted value", "A=\"x\" junk\nB=2\n", want{[]lint.Problem{p(1, 7, `missing "=" after the variable name`)}, []string{"A", "B"}}},
		{"byte order mark inside", "A=1\n\uFEFFB=2\n", want{[]lint.Problem{p(2, 2, `unexpected character "\xbb" in variable name`)}, []string{"A"}}},
		{"lone cr inside a comment", "# title\rHIDDEN=1\rSHOWN=2\nB=3\n", want{[]lint.Problem{
			p(2, 1, "this text is part of the comment on line 1 for godotenv, which ends comments only at LF: use LF or CRLF line ends")}, []string{"B"}}},
		{"nul byte", "A=1\n\x00\nB=2\n", want{[]lint.Problem{p(2, 1, `unexpected character "\x00" in variable name`)}, []string{"A", "B"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse(file, []byte(tt.src))
			got := want{Errors: f.Errors}
			for _, x := range f.Entries {
				got.Names = append(got.Names, x.Name)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
