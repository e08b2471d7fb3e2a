package lint

import "strings"

// ParseDirective reads `envlint:ignore rule[,rule] [reason]` from a
// comment's text, its marker (// or #) already removed. ok is false when
// the comment is not a directive.
func ParseDirective(text string) (d Directive, ok bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(text), "envlint:ignore")
	if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return Directive{}, false
	}
	fs := strings.Fields(rest)
	if len(fs) > 0 {
		for _, r := range strings.Split(fs[0], ",") {
			if r != "" {
				d.Rules = append(d.Rules, r)
			}
		}
		d.Reason = strings.Join(fs[1:], " ")
	}
	return d, true
}
