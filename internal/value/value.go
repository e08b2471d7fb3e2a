// Package value decides, without running the program, whether a string
// decodes as a config field's Go type under the rules of the field's config
// library (caarlos0/env, kelseyhightower/envconfig, sethvargo/go-envconfig,
// cleanenv).
//
// The four libraries disagree in ways that matter for example values: caarlos0
// parses int and uint as base-10 32-bit numbers while the others accept base
// prefixes and native widths; caarlos0 reads []byte as a list of numbers while
// the others take the raw bytes; only sethvargo trims slice and map items;
// kelseyhightower rejects a ':' inside a map value; and an empty value means
// "use the default" to caarlos0 but is decoded as "" by the others. Every
// rule here is checked against the real libraries by the package's
// differential test.
//
// Errors never include the value: it may be a secret.
package value

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

// Error says why a value does not decode. It names the type and the
// library's rule, never the value.
type Error struct {
	// Empty is true when the value (or the part of it that fails) is empty,
	// so that callers can word "set but empty" differently.
	Empty bool
	msg   string
}

func (e *Error) Error() string { return e.msg }

// Check reports whether raw decodes as k's type under k.Library's rules, the
// way the library would decode the variable set to raw (set means present,
// possibly empty).
//
// It returns nil when the value is valid or when the type cannot be checked
// statically: KindStruct, KindUnknown, and KindText other than the
// well-known standard types (net.IP, netip.Addr, netip.AddrPort,
// netip.Prefix, slog.Level, regexp.Regexp). It also returns nil where the
// library does not decode the value at all: caarlos0 replaces an empty value
// with the default (check that with CheckDefault), reads the named file for
// `file` fields, and expands `$VAR` references for `expand` fields before
// decoding; kelseyhightower and sethvargo never read a time.Location field;
// cleanenv reads only *time.Location.
func Check(k *lint.ConfigKey, raw string) error {
	if k == nil {
		return nil
	}
	if k.IgnoreEmpty && raw == "" {
		if k.Required {
			return &Error{Empty: true, msg: "empty value: " + LibraryName(k.Library) + " treats an empty variable as unset (env_ignore_empty), and the field is required"}
		}
		return nil
	}
	if k.Library == lint.Caarlos0 {
		if raw == "" || k.File || (k.Expand && strings.Contains(raw, "$")) {
			return nil
		}
	}
	c := newChecker(k)
	if c == nil {
		return nil
	}
	var err error
	switch k.Library {
	case lint.Caarlos0:
		err = c.caarlos0(&k.Type, raw)
	case lint.Kelseyhightower:
		err = c.kh(&k.Type, raw, true)
	case lint.Sethvargo:
		err = c.sethvargo(&k.Type, raw)
	case lint.Cleanenv:
		err = c.cleanenv(&k.Type, raw, true)
	case lint.Pydantic:
		err = c.pydantic(k, raw)
	}
	return err
}

// CheckDefault checks k's default value the way the library decodes it when
// the variable is unset. It returns nil when there is no default the library
// would decode, and when the default refers to other variables (`$X`) that
// the library expands first: always for sethvargo, with `expand` for caarlos0.
func CheckDefault(k *lint.ConfigKey) error {
	if k == nil || k.Default == nil {
		return nil
	}
	def := *k.Default
	switch k.Library {
	case lint.Kelseyhightower, lint.Sethvargo:
		if def == "" { // an empty default is no default
			return nil
		}
		if k.Library == lint.Sethvargo && strings.Contains(def, "$") {
			return nil
		}
	}
	return Check(k, def)
}

// EmptyIsUnset reports whether lib treats a variable set to "" like an unset
// one, so that the default applies. Only caarlos0 does; the others decode ""
// (and kelseyhightower and cleanenv then reject it for numbers, bools and
// durations).
func EmptyIsUnset(lib lint.Library) bool { return lib == lint.Caarlos0 }

// Effective returns the string lib decodes into k's field when the variable
// is set to raw (set is true) or unset (set is false, raw is ignored), and
// whether the library decodes anything at all. It applies the default rules
// of each library: caarlos0 uses the default when the variable is unset or
// empty and decodes nothing for ""; kelseyhightower and sethvargo use a
// non-empty default when unset; cleanenv uses any default, even "", when
// unset. sethvargo's default is returned before `$VAR` expansion.
//
// sethvargo calls a non-struct decoder type (KindText such as net.IP or
// slog.Level) with "" even when the variable is unset and has no default;
// Effective reports that as ("", true).
func Effective(k *lint.ConfigKey, raw string, set bool) (string, bool) {
	if k == nil {
		return "", false
	}
	def, hasDef := "", k.Default != nil
	if hasDef {
		def = *k.Default
	}
	switch k.Library {
	case lint.Caarlos0:
		if !set || raw == "" {
			return def, def != ""
		}
	case lint.Kelseyhightower:
		if !set {
			return def, def != ""
		}
	case lint.Sethvargo:
		if !set {
			if def != "" {
				return def, true
			}
			return "", k.Type.Kind == lint.KindText && !textIsStruct(k.Type.Name)
		}
	case lint.Cleanenv, lint.Pydantic:
		if !set || raw == "" && k.IgnoreEmpty {
			return def, hasDef
		}
	}
	return raw, true
}

// LibraryName is the name messages use for lib.
func LibraryName(lib lint.Library) string {
	switch lib {
	case lint.Caarlos0:
		return "caarlos0/env"
	case lint.Kelseyhightower:
		return "kelseyhightower/envconfig"
	case lint.Sethvargo:
		return "sethvargo/go-envconfig"
	case lint.Cleanenv:
		return "cleanenv"
	case lint.Pydantic:
		return "pydantic-settings"
	}
	return string(lib)
}

type checker struct {
	lib    lint.Library
	name   string // library name for messages
	sep    string // slice and map item separator
	kv     string // map key/value separator
	layout string // time.Time layout (cleanenv, top level only)
}

func newChecker(k *lint.ConfigKey) *checker {
	c := &checker{lib: k.Library, name: LibraryName(k.Library), sep: ",", kv: ":"}
	switch k.Library {
	case lint.Caarlos0, lint.Sethvargo:
		if k.Separator != "" {
			c.sep = k.Separator
		}
		if k.KeyValSeparator != "" {
			c.kv = k.KeyValSeparator
		}
	case lint.Cleanenv:
		// cleanenv's env-separator splits items; its key/value separator is
		// always ':'.
		if k.Separator != "" {
			c.sep = k.Separator
		}
	case lint.Kelseyhightower, lint.Pydantic:
		// No custom separators.
	default:
		return nil
	}
	c.layout = k.Layout
	return c
}

func typeName(t *lint.Type) string {
	if t.Name != "" {
		return t.Name
	}
	switch t.Kind {
	case lint.KindInt, lint.KindUint:
		if t.Bits == 0 {
			return string(t.Kind)
		}
		return fmt.Sprintf("%s%d", t.Kind, t.Bits)
	case lint.KindFloat:
		bits := t.Bits
		if bits == 0 {
			bits = 64
		}
		return fmt.Sprintf("float%d", bits)
	case lint.KindDuration:
		return "time.Duration"
	case lint.KindTime:
		return "time.Time"
	case lint.KindURL:
		return "url.URL"
	case lint.KindLocation:
		return "time.Location"
	case lint.KindSlice:
		if t.Elem != nil {
			return "[]" + typeName(t.Elem)
		}
	case lint.KindMap:
		if t.Elem != nil && t.Key != nil {
			return "map[" + typeName(t.Key) + "]" + typeName(t.Elem)
		}
	case lint.KindPointer:
		if t.Elem != nil {
			return "*" + typeName(t.Elem)
		}
	}
	return string(t.Kind)
}

// bad builds the error for a value of type t that fails rule.
func (c *checker) bad(t *lint.Type, empty bool, what, rule string) error {
	if empty {
		what = "empty value"
	}
	return &Error{Empty: empty, msg: fmt.Sprintf("%s for %s: %s %s", what, typeName(t), c.name, rule)}
}

// within prefixes err (from an item of a slice or map) with where it is.
func within(err error, format string, args ...any) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	return &Error{Empty: e.Empty, msg: fmt.Sprintf(format, args...) + ": " + e.msg}
}

// intBits is the width the library parses t with.
func (c *checker) intBits(t *lint.Type) int {
	if t.Bits != 0 {
		return t.Bits
	}
	if c.lib == lint.Caarlos0 {
		return 32
	}
	return strconv.IntSize
}

// scalar checks the kinds every library decodes with strconv or time.
// ok is false when t is not such a kind.
func (c *checker) scalar(t *lint.Type, v string) (err error, ok bool) {
	base, baseRule := 0, "base prefixes 0x, 0o, 0b and _ separators allowed"
	if c.lib == lint.Caarlos0 {
		base, baseRule = 10, "base 10 only"
	}
	switch t.Kind {
	case lint.KindString:
		return nil, true
	case lint.KindBool:
		if _, err := strconv.ParseBool(v); err != nil {
			return c.bad(t, v == "", "not a boolean", "parses bool with strconv.ParseBool (1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False)"), true
		}
	case lint.KindInt:
		bits := c.intBits(t)
		if _, err := strconv.ParseInt(v, base, bits); err != nil {
			return c.bad(t, v == "", numReason(err, "an integer"), fmt.Sprintf("parses %s as %s signed integer (%s)", typeName(t), bitsPhrase(bits), baseRule)), true
		}
	case lint.KindUint:
		bits := c.intBits(t)
		if _, err := strconv.ParseUint(v, base, bits); err != nil {
			return c.bad(t, v == "", numReason(err, "an unsigned integer"), fmt.Sprintf("parses %s as %s unsigned integer (%s)", typeName(t), bitsPhrase(bits), baseRule)), true
		}
	case lint.KindFloat:
		bits := t.Bits
		if bits == 0 {
			bits = 64
		}
		if _, err := strconv.ParseFloat(v, bits); err != nil {
			return c.bad(t, v == "", numReason(err, "a number"), fmt.Sprintf("parses %s as %s floating-point number", typeName(t), bitsPhrase(bits))), true
		}
	case lint.KindDuration:
		if err := parseDuration(v); err != nil {
			return c.bad(t, v == "", "not a duration", "parses time.Duration with time.ParseDuration (a number with a unit, such as 300ms, 5s or 1h30m)"), true
		}
	case lint.KindURL:
		if err := parseURL(v); err != nil {
			return c.bad(t, v == "", "not a URL", "parses url.URL with url.Parse"), true
		}
	default:
		return nil, false
	}
	return nil, true
}

// bitsPhrase is "a 32-bit" or "an 8-bit".
func bitsPhrase(bits int) string {
	if bits == 8 {
		return "an 8-bit"
	}
	return fmt.Sprintf("a %d-bit", bits)
}

func numReason(err error, what string) string {
	if errors.Is(err, strconv.ErrRange) {
		return "value out of range"
	}
	return "not " + what
}

func (c *checker) location(t *lint.Type, v string) error {
	if err := parseLocation(v); err != nil {
		return c.bad(t, false, "not a time zone", "parses time.Location with time.LoadLocation (an IANA zone name such as Europe/Paris, UTC or Local)")
	}
	return nil
}

// text decodes v with the methods lib uses for a well-known standard type;
// known is false when t names no such type.
func (c *checker) text(t *lint.Type, v string) (err error, known bool) {
	tt, known := textTypes[t.Name]
	if !known {
		return nil, false
	}
	var ok bool
	switch c.lib {
	case lint.Sethvargo:
		ok = decodeAny(tt.new(), v)
	case lint.Kelseyhightower:
		ok = decodeTextOrBinary(tt.new(), v)
	default:
		ok = decodeText(tt.new(), v)
	}
	if ok {
		return nil, true
	}
	rule := fmt.Sprintf("parses %s with its UnmarshalText method", t.Name)
	if c.lib == lint.Sethvargo {
		rule = fmt.Sprintf("parses %s with its UnmarshalText, UnmarshalJSON, UnmarshalBinary or GobDecode method, whichever succeeds first", t.Name)
	}
	return c.bad(t, v == "", "not a valid "+t.Name, rule), true
}

func itoa(i int) string { return strconv.Itoa(i) }

func quote(s string) string { return strconv.Quote(s) }

// RejectsEmpty reports whether loading fails when k's variable is set but
// empty: caarlos0 `notEmpty` without a non-empty default, or a type whose
// decoding of "" (or of the default caarlos0 puts in its place) fails, such
// as an int under kelseyhightower or cleanenv. It backs env-empty-required.
func RejectsEmpty(k *lint.ConfigKey) bool {
	if k == nil {
		return false
	}
	v, ok := Effective(k, "", true)
	if k.Library == lint.Caarlos0 && k.NotEmpty && v == "" {
		return true
	}
	return ok && Check(k, v) != nil
}
