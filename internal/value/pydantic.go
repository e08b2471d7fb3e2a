package value

// pydantic-settings (2.x) validates environment values in pydantic's lax
// mode: a scalar field validates the string itself (pydantic-core's
// str-to-int, str-to-float and str-to-bool rules, speedate for durations,
// its URL parser), while a list, set, tuple, dict or model field is first
// decoded with json.loads and the result validated element by element.
// Every rule here is held to the real library by
// internal/parse/pyconfig's differential test.

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

func (c *checker) pydantic(k *lint.ConfigKey, v string) error {
	t := &k.Type
	switch t.Kind {
	case lint.KindSlice, lint.KindMap, lint.KindStruct:
		if strings.TrimSpace(v) == "null" && !k.Required && strings.Count(k.Field, ".") == 1 {
			// JSON null leaves a top-level complex field unset, so its
			// default applies; below a nested delimiter it is a None value.
			return nil
		}
		dec := json.NewDecoder(strings.NewReader(v))
		dec.UseNumber()
		var val any
		if err := dec.Decode(&val); err != nil || dec.More() {
			return c.bad(t, v == "", "not JSON", "decodes list, set, tuple, dict and model fields from JSON, such as [\"a\",\"b\"] or {\"k\":1}")
		}
		return c.pyJSON(t, val)
	}
	return c.pyStr(t, v)
}

var pyBools = []string{"0", "off", "f", "false", "n", "no", "1", "on", "t", "true", "y", "yes"}

// pyStr validates a string input.
func (c *checker) pyStr(t *lint.Type, v string) error {
	switch t.Kind {
	case lint.KindString:
		return nil
	case lint.KindBool:
		if !slices.Contains(pyBools, strings.ToLower(v)) {
			return c.bad(t, v == "", "not a boolean", "accepts true/false, 1/0, yes/no, on/off, t/f, y/n in any case")
		}
	case lint.KindInt:
		if !pyInt(v) {
			return c.bad(t, v == "", "not an integer", "parses int in base 10, with _ separators and surrounding spaces allowed (1.0 is 1; 1.5, 1e3 and 0x10 are rejected)")
		}
		if err := c.pyIntBounds(t, v); err != nil {
			return err
		}
	case lint.KindFloat:
		if !pyFloat(v) {
			return c.bad(t, v == "", "not a number", "parses float as Python's float() does (1.5, 1e3, inf, nan; no hexadecimal)")
		}
	case lint.KindDuration:
		if !pyDuration(v) {
			return c.bad(t, v == "", "not a duration", "parses timedelta as ISO 8601 (P1DT2H, PT30S), [D day[s], ]HH:MM[:SS[.f]] or Nd")
		}
	case lint.KindTime:
		if strings.TrimSpace(v) == "" {
			return c.bad(t, true, "", "parses "+t.Name+" from ISO 8601 text or a Unix timestamp")
		}
	case lint.KindURL:
		if msg := pyURL(t.Name, v); msg != "" {
			return c.bad(t, v == "", "not a valid URL", msg)
		}
	case lint.KindText:
		if t.Choices && !slices.Contains(t.Values, v) {
			return c.bad(t, v == "", "not an allowed value", "accepts exactly "+choices(t.Values)+" (case-sensitive)")
		}
	}
	return nil
}

func choices(vs []string) string {
	if len(vs) == 0 {
		return "no string (its Literal members are not strings)"
	}
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// pyIntBounds checks the constrained int types pydantic names.
func (c *checker) pyIntBounds(t *lint.Type, v string) error {
	n, ok := pyIntValue(v)
	if !ok {
		return nil
	}
	var rule string
	switch t.Name {
	case "PositiveInt":
		ok, rule = n > 0, "PositiveInt must be greater than 0"
	case "NegativeInt":
		ok, rule = n < 0, "NegativeInt must be less than 0"
	case "NonNegativeInt":
		ok, rule = n >= 0, "NonNegativeInt must be 0 or more"
	case "NonPositiveInt":
		ok, rule = n <= 0, "NonPositiveInt must be 0 or less"
	}
	if !ok {
		return c.bad(t, false, "value out of range", rule)
	}
	return nil
}

// pyWS is the whitespace pydantic-core strips around numbers.
const pyWS = " \t\n\r\v\f"

var pyDigits = regexp.MustCompile(`^[+-]?[0-9](?:_?[0-9])*$`)

// pyInt follows pydantic-core's str-to-int: spaces stripped, a sign,
// decimal digits with single underscores between them, and a fractional
// part of zeros only.
func pyInt(v string) bool {
	s := strings.Trim(v, pyWS)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		frac := s[i+1:]
		if frac == "" || strings.Trim(frac, "0") != "" {
			return false
		}
		s = s[:i]
	}
	return pyDigits.MatchString(s)
}

func pyIntValue(v string) (int64, bool) {
	s := strings.Trim(v, pyWS)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s = s[:i]
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(s, "_", ""), 10, 64)
	return n, err == nil
}

var pyFloatRe = regexp.MustCompile(`^[+-]?(?:(?:[0-9](?:_?[0-9])*)?\.?[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$`)

// pyFloat follows Python's float(): spaces stripped, underscores between
// digits, inf, infinity and nan in any case.
func pyFloat(v string) bool {
	s := strings.Trim(v, pyWS)
	switch strings.ToLower(strings.TrimLeft(s, "+-")) {
	case "inf", "infinity", "nan":
		return len(s)-len(strings.TrimLeft(s, "+-")) <= 1
	}
	return pyFloatRe.MatchString(s)
}

var (
	pyISODuration = regexp.MustCompile(`^[+-]?P(?:[0-9]+(?:[.,][0-9]+)?[YMWD])*(?:T(?:[0-9]+(?:[.,][0-9]+)?[HMS])*)?$`)
	pyDayDuration = regexp.MustCompile(`^[+-]?(?:[0-9]+ ?[dD](?:[aA][yY][sS]?)?(?:,? ?(?:[0-9]+:[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|[0-9]{2}:[0-5][0-9]))?|[0-9]+:[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|[0-9]{2}:[0-5][0-9])$`)
)

// pyDuration follows speedate's duration formats.
func pyDuration(v string) bool {
	if pyISODuration.MatchString(v) {
		return strings.ContainsAny(v, "YMWDHS")
	}
	return pyDayDuration.MatchString(v)
}

var pySchemes = map[string][]string{
	"HttpUrl": {"http", "https"}, "AnyHttpUrl": {"http", "https"},
	"PostgresDsn": {"postgres", "postgresql", "postgresql+asyncpg", "postgresql+pg8000", "postgresql+psycopg",
		"postgresql+psycopg2", "postgresql+psycopg2cffi", "postgresql+py-postgresql", "postgresql+pygresql"},
	"RedisDsn": {"redis", "rediss"},
	"AmqpDsn":  {"amqp", "amqps"},
}

// hostRequired are the URL types whose validator rejects an empty host.
var hostRequired = map[string]bool{"HttpUrl": true, "AnyHttpUrl": true, "PostgresDsn": true}

var pyScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// specialSchemes are the WHATWG special schemes: their URLs always have a
// host, and the slashes after the colon are optional.
var specialSchemes = map[string]bool{"http": true, "https": true, "ws": true, "wss": true, "ftp": true}

var pyURLType = regexp.MustCompile(`\b(HttpUrl|AnyHttpUrl|PostgresDsn|RedisDsn|AmqpDsn)\b`)

// pyURL returns why v is not a URL of the named pydantic type, or "".
func pyURL(name, v string) string {
	name = name[strings.LastIndex(name, ".")+1:]
	if m := pyURLType.FindString(name); m != "" {
		name = m // Optional[HttpUrl], HttpUrl | None
	}
	if !pyScheme.MatchString(v) {
		return "parses " + name + " as an absolute URL with a scheme (scheme://host/...)"
	}
	scheme, rest, _ := strings.Cut(v, ":")
	scheme = strings.ToLower(scheme)
	if allowed := pySchemes[name]; allowed != nil && !slices.Contains(allowed, scheme) {
		return "accepts only the schemes " + strings.Join(allowed, ", ") + " for " + name
	}
	special := specialSchemes[scheme]
	if !special && !hostRequired[name] {
		return ""
	}
	var host string
	if special {
		host = strings.TrimLeft(rest, "/\\")
	} else if h, ok := strings.CutPrefix(rest, "//"); ok {
		host = h
	}
	if i := strings.IndexAny(host, "/?#\\"); i >= 0 {
		host = host[:i]
	}
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	if strings.HasPrefix(host, "[") {
		return ""
	}
	if h, _, _ := strings.Cut(host, ":"); h == "" {
		return "requires a host in " + name + " (scheme://host/...)"
	}
	return ""
}

// pyJSON validates a value json.loads returned, in pydantic's lax
// Python mode.
func (c *checker) pyJSON(t *lint.Type, val any) error {
	if val == nil {
		if t.Nullable || t.Kind == lint.KindUnknown {
			return nil
		}
		return c.bad(t, false, "null", "accepts null only for Optional fields")
	}
	switch t.Kind {
	case lint.KindSlice:
		arr, ok := val.([]any)
		if !ok {
			return c.bad(t, false, "not a JSON array", "decodes "+typeName(t)+" from a JSON array")
		}
		if t.Elem == nil {
			return nil
		}
		for i, e := range arr {
			if err := c.pyJSON(t.Elem, e); err != nil {
				return within(err, "item %d of %s", i+1, typeName(t))
			}
		}
	case lint.KindMap:
		obj, ok := val.(map[string]any)
		if !ok {
			return c.bad(t, false, "not a JSON object", "decodes "+typeName(t)+" from a JSON object")
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if t.Key != nil {
				if err := c.pyJSON(t.Key, k); err != nil {
					return within(err, "a key of %s", typeName(t))
				}
			}
			if t.Elem != nil {
				if err := c.pyJSON(t.Elem, obj[k]); err != nil {
					return within(err, "a value of %s", typeName(t))
				}
			}
		}
	case lint.KindStruct:
		if _, ok := val.(map[string]any); !ok {
			return c.bad(t, false, "not a JSON object", "decodes the model "+typeName(t)+" from a JSON object")
		}
	case lint.KindString:
		if _, ok := val.(string); !ok {
			return c.bad(t, false, "not a string", "accepts only JSON strings for "+typeName(t))
		}
	case lint.KindInt, lint.KindFloat, lint.KindBool:
		switch v := val.(type) {
		case string:
			return c.pyStr(t, v)
		case json.Number:
			if t.Kind == lint.KindInt && !pyInt(string(v)) {
				return c.bad(t, false, "not an integer", "accepts a JSON number without a fractional part")
			}
			if t.Kind == lint.KindBool && v != "0" && v != "1" {
				return c.bad(t, false, "not a boolean", "accepts the JSON numbers 0 and 1")
			}
		case bool:
		default:
			return c.bad(t, false, "not a "+string(t.Kind), "accepts a JSON number or string for "+typeName(t))
		}
	case lint.KindText, lint.KindURL, lint.KindDuration:
		if s, ok := val.(string); ok {
			return c.pyStr(t, s)
		}
	}
	return nil
}
