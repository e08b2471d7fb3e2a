package compose

import (
	"strings"

	"github.com/compose-spec/compose-go/v2/template"
)

// Variable is one variable reference in a compose value.
type Variable struct {
	Name string
	// Default is true when the reference may be left unset: `${V:-d}`,
	// `${V-d}`, `${V:+x}`, `${V+x}`.
	Default bool
	// Required is true for `${V:?err}` and `${V?err}`.
	Required bool
	// text is the reference as written, up to the name: `${V` or `$V`.
	text string
}

// Variables returns the references in one value, in order, nested ones
// (`${A:-${B}}`) after the reference that holds them. It reads the value
// with compose's own pattern; `$$` is an escaped dollar.
func Variables(s string) []Variable {
	var vs []Variable
	pat := template.DefaultPattern
	for _, m := range pat.FindAllStringSubmatchIndex(s, -1) {
		group := func(name string) (string, bool) {
			i := pat.SubexpIndex(name)
			if m[2*i] < 0 {
				return "", false
			}
			return s[m[2*i]:m[2*i+1]], true
		}
		if _, ok := group("escaped"); ok {
			continue
		}
		if name, ok := group("named"); ok {
			vs = append(vs, Variable{Name: name, text: "$" + name})
			continue
		}
		if _, ok := group("braced"); !ok {
			continue // ${} and other invalid references fail the loader
		}
		match := s[m[0]:m[1]]
		body := match[2:]
		if end := closingBrace(match); end > 0 {
			body = match[2:end]
			if end+1 < len(match) {
				vs = append(vs, Variables(match[end+1:])...)
			}
		} else {
			body = strings.TrimSuffix(body, "}")
		}
		i := strings.IndexFunc(body, func(r rune) bool {
			return !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
		})
		v := Variable{Name: body, text: "${" + body}
		if i > 0 {
			v.Name, v.text = body[:i], "${"+body[:i]
			rest := strings.TrimPrefix(body[i:], ":")
			switch {
			case strings.HasPrefix(rest, "?"):
				v.Required = true
			case strings.HasPrefix(rest, "-"), strings.HasPrefix(rest, "+"):
				v.Default = true
			}
			if len(rest) > 1 && !v.Required { // an error message is not interpolated
				vs = append(vs, v)
				vs = append(vs, Variables(rest[1:])...)
				continue
			}
		}
		vs = append(vs, v)
	}
	return vs
}

// closingBrace returns the index of the brace that closes the reference
// at the start of s, counting nested `{`, as compose does.
func closingBrace(s string) int {
	open := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '}':
			open--
			if open == 0 {
				return i
			}
		case '{':
			open++
			i++
		}
	}
	return -1
}

// hasInterpolation reports whether a value refers to a variable.
func hasInterpolation(s string) bool { return len(Variables(s)) > 0 }
