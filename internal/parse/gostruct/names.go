package gostruct

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// toEnvName is caarlos0/env's automatic name for a field
// (Options.UseFieldNameByDefault): underscores dropped, a word break before an
// upper-case rune next to a lower-case one, everything upper-cased.
func toEnvName(input string) string {
	var out []rune
	for i, c := range input {
		if c == '_' {
			continue
		}
		if len(out) > 0 && unicode.IsUpper(c) && len(input) > i+1 {
			// The library peeks at bytes, not runes; so does this.
			if unicode.IsLower(rune(input[i+1])) || unicode.IsLower(rune(input[i-1])) {
				out = append(out, '_')
			}
		}
		out = append(out, unicode.ToUpper(c))
	}
	return string(out)
}

// The split_words expressions are compiled on first use, not at start-up:
// most runs (and every `envlint version`) never name a split_words field.
var (
	khWords   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("([^A-Z]+|[A-Z]+[^A-Z]+|[A-Z]+)") })
	khAcronym = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("([A-Z]+)([A-Z][^A-Z]+)") })
)

// splitWords is kelseyhightower/envconfig's split_words naming (v1.4.0),
// before the prefix is added and the name upper-cased.
func splitWords(name string) string {
	words := khWords().FindAllStringSubmatch(name, -1)
	if len(words) == 0 {
		return name
	}
	var parts []string
	for _, w := range words {
		if m := khAcronym().FindStringSubmatch(w[0]); len(m) == 3 {
			parts = append(parts, m[1], m[2])
		} else {
			parts = append(parts, w[0])
		}
	}
	return strings.Join(parts, "_")
}

// svOptions are sethvargo/go-envconfig's tag options.
type svOptions struct {
	required, overwrite, noInit, decodeUnset bool
	prefix, delimiter, separator             string
	def                                      string
}

// svKeyAndOpts parses a sethvargo env tag as the library does (v1.4.3): the
// key is trimmed and validated, keyword options are case-insensitive and
// trimmed, value options keep trailing space, and default= takes the rest of
// the tag, commas included.
func svKeyAndOpts(tag string) (string, svOptions, string) {
	var o svOptions
	var parts []string
	if strings.Contains(tag, `\`) {
		parts = splitEscaped(tag)
	} else {
		parts = strings.Split(tag, ",")
	}
	key := strings.TrimSpace(parts[0])
	if key != "" && !validEnvName(key) {
		return "", o, "invalid variable name " + quote(key)
	}
	rest := parts[1:]
	for i, seg := range rest {
		if hasPrefixFold(strings.TrimLeftFunc(seg, unicode.IsSpace), "default=") {
			d := strings.TrimLeft(strings.Join(rest[i:], ","), " ")
			o.def = strings.TrimPrefix(d, "default=")
			break
		}
		s := strings.TrimLeftFunc(seg, unicode.IsSpace)
		kw := strings.TrimRightFunc(s, unicode.IsSpace)
		switch {
		case strings.EqualFold(kw, "decodeunset"):
			o.decodeUnset = true
		case strings.EqualFold(kw, "overwrite"):
			o.overwrite = true
		case strings.EqualFold(kw, "required"):
			o.required = true
		case strings.EqualFold(kw, "noinit"):
			o.noInit = true
		case hasPrefixFold(s, "prefix="):
			o.prefix = strings.TrimPrefix(s, "prefix=")
		case hasPrefixFold(s, "delimiter="):
			o.delimiter = strings.TrimPrefix(s, "delimiter=")
		case hasPrefixFold(s, "separator="):
			o.separator = strings.TrimPrefix(s, "separator=")
		default:
			return "", o, "unknown tag option " + quote(optionName(s))
		}
	}
	return key, o, ""
}

func quote(s string) string { return `"` + s + `"` }

// splitEscaped splits on commas, joining a part that ends in a backslash
// with the next one (the backslash dropped), as the library does.
func splitEscaped(s string) []string {
	a := strings.Split(s, ",")
	for i := len(a) - 2; i >= 0; i-- {
		if strings.HasSuffix(a[i], `\`) {
			a[i] = a[i][:len(a[i])-1] + "," + a[i+1]
			a = slices.Delete(a, i+1, i+2)
		}
	}
	return a
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func validEnvName(s string) bool {
	for i, r := range s {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		digit := r >= '0' && r <= '9'
		if i == 0 && !letter && r != '_' || !letter && !digit && r != '_' {
			return false
		}
	}
	return s != ""
}
