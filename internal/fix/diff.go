package fix

import (
	"strings"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/dotenv"
	"github.com/envlint/envlint/internal/secret"
)

// Diff returns a unified diff from old to new, both versions of the
// example file named file, or nil when they are equal. The value of every
// entry that is [VAULT]-marked or for which hide reports true is replaced
// by a redaction in every line it shows, context lines included. Lines are
// shown without their line ends.
func Diff(file string, old, new []byte, hide func(*lint.ExampleEntry) bool) []byte {
	if string(old) == string(new) {
		return nil
	}
	a, b := dotenv.Parse(file, old), dotenv.Parse(file, new)
	// A key hidden on either side is hidden on both: the value of a key
	// that the edit marks [VAULT] is a secret in the old lines too.
	hidden := map[string]bool{}
	for _, ef := range []*lint.ExampleFile{a, b} {
		for i := range ef.Entries {
			if e := &ef.Entries[i]; e.VaultMarker || hide != nil && hide(e) {
				hidden[e.Name] = true
			}
		}
	}
	return diff.Diff("a/"+file, []byte(redacted(old, a, hidden)), "b/"+file, []byte(redacted(new, b, hidden)))
}

// redacted returns src with LF line ends and the values of hidden keys
// replaced; a value spanning several lines leaves one placeholder per
// further line, so that line numbers still match the file.
func redacted(src []byte, ef *lint.ExampleFile, hidden map[string]bool) string {
	t := newText(src)
	shown := make([]string, len(t.lines))
	done := make([]bool, len(t.lines))
	for i := range t.lines {
		shown[i] = string(t.body(i))
	}
	for j := range ef.Entries {
		e := &ef.Entries[j]
		if !hidden[e.Name] {
			continue
		}
		sp, ok := t.entrySpan(e)
		if !ok || sp.valueEnd <= sp.value || e.ValueIsComment {
			continue
		}
		head := string(t.src[t.lines[sp.first].start:sp.value])
		if sp.first == 0 {
			head = string(t.src[t.bom:max(sp.value, t.bom)])
		}
		shown[sp.first] = head + secret.Redact(e.Value) + string(t.src[sp.valueEnd:t.lines[sp.last].end])
		for k := sp.first + 1; k <= sp.last; k++ {
			shown[k] = "<redacted>"
		}
		for k := sp.first; k <= sp.last; k++ {
			done[k] = true
		}
	}
	for i := range shown {
		if !done[i] {
			shown[i] = redactLoose(shown[i], hidden)
		}
		shown[i] = lint.Visible(shown[i])
	}
	s := strings.Join(shown, "\n")
	if n := len(t.lines); n > 0 && t.lines[n-1].end != t.lines[n-1].next {
		s += "\n"
	}
	return s
}

// redactLoose hides the text after the first '=' of a line that no entry
// accounts for (a commented block being removed, "## DB_PASSWORD = x",
// "# db_password=x") when the name before it looks secret or is a hidden
// key in any case: the parser's idea of an entry must not decide what a
// diff prints.
func redactLoose(line string, hidden map[string]bool) string {
	eq := strings.IndexByte(line, '=')
	if eq < 0 {
		return line
	}
	name := strings.TrimSpace(strings.TrimLeft(line[:eq], "#; \t"))
	name = strings.TrimSpace(strings.TrimPrefix(name, "export "))
	rest := strings.TrimSpace(line[eq+1:])
	if name == "" || rest == "" || strings.HasPrefix(rest, "#") {
		return line // no value, or only a comment
	}
	if !hidden[name] && !hidden[strings.ToUpper(name)] && !secret.LooksSecretName(name, lint.Type{Kind: lint.KindString}) {
		return line
	}
	ws := len(line[eq+1:]) - len(strings.TrimLeft(line[eq+1:], " \t"))
	return line[:eq+1+ws] + secret.Redact(rest)
}
