package pyconfig

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

type classRef struct {
	f *pyFile
	c *class
}

type classKind int

const (
	kindOther classKind = iota
	kindEnum
	kindModel
	kindSettings
)

type problem struct {
	pos lint.Pos
	msg string
}

// External classes by qualified name. pydantic re-exports BaseSettings from
// pydantic_settings.main, and v1's from pydantic.env_settings.
var externalKinds = map[string]classKind{
	"pydantic_settings.BaseSettings": kindSettings, "pydantic_settings.main.BaseSettings": kindSettings,
	"pydantic.BaseSettings": kindSettings, "pydantic.v1.BaseSettings": kindSettings,
	"pydantic.env_settings.BaseSettings": kindSettings, "pydantic.v1.env_settings.BaseSettings": kindSettings,
	"pydantic.BaseModel": kindModel, "pydantic.main.BaseModel": kindModel, "pydantic.v1.BaseModel": kindModel,
	"enum.Enum": kindEnum, "enum.StrEnum": kindEnum, "enum.IntEnum": kindEnum,
}

// v1 reports whether a settings class derives from pydantic v1's BaseSettings.
func (r *reader) v1(ref classRef, depth int) bool {
	if depth > 16 {
		return false
	}
	for _, b := range ref.c.bases {
		if q, cr, ok := r.resolve(ref.f, b, 0); ok {
			if cr != nil && r.v1(*cr, depth+1) {
				return true
			}
			if q == "pydantic.BaseSettings" || strings.HasPrefix(q, "pydantic.v1.") || q == "pydantic.env_settings.BaseSettings" {
				return true
			}
		}
	}
	return false
}

// kindOf classifies a class by its bases. A base that is computed (a call)
// in a class whose bases are otherwise unknown is a problem.
func (r *reader) kindOf(ref classRef, depth int) (classKind, *problem) {
	if depth > 16 {
		return kindOther, nil
	}
	if k, ok := r.kinds[ref.c]; ok {
		return k.kind, k.dyn
	}
	if r.kinds == nil {
		r.kinds = map[*class]kindResult{}
	}
	r.kinds[ref.c] = kindResult{kindOther, nil} // a cycle ends here
	k, dyn := r.kindOf0(ref, depth)
	r.kinds[ref.c] = kindResult{k, dyn}
	return k, dyn
}

type kindResult struct {
	kind classKind
	dyn  *problem
}

func (r *reader) kindOf0(ref classRef, depth int) (classKind, *problem) {
	best := kindOther
	var dyn *problem
	for _, b := range ref.c.bases {
		if b.kind == eCall || b.kind == eOpaque {
			dyn = &problem{lint.Pos{File: ref.f.rel, Line: b.line, Col: b.col},
				"the base class of " + ref.c.name + " is computed; envlint cannot tell whether it is a pydantic-settings class without running it: name the base class, or list the class in .envlint.yaml"}
			continue
		}
		if b.kind == eSubscript { // Generic[T], SomeBase[int]
			b = b.x
		}
		q, cr, ok := r.resolve(ref.f, b, 0)
		if !ok {
			continue
		}
		k := externalKinds[q]
		if cr != nil {
			k, _ = r.kindOf(*cr, depth+1)
		}
		best = max(best, k)
	}
	if ref.c.starred && best == kindOther {
		dyn = &problem{lint.Pos{File: ref.f.rel, Line: ref.c.line, Col: ref.c.col},
			"the bases of " + ref.c.name + " are computed (*bases); envlint cannot tell whether it is a pydantic-settings class"}
	}
	if best != kindOther {
		dyn = nil
	}
	return best, dyn
}

// resolve returns what e names in f: a qualified external name, or a
// project class.
func (r *reader) resolve(f *pyFile, e *expr, depth int) (string, *classRef, bool) {
	if depth > 8 || e == nil {
		return "", nil, false
	}
	switch e.kind {
	case eName:
		return r.resolveName(f, e.name, depth)
	case eAttr:
		d := e.dotted()
		if d == "" {
			return "", nil, false
		}
		head, rest, _ := strings.Cut(d, ".")
		for _, im := range slices.Backward(f.mod.imports) {
			if im.local != head {
				continue
			}
			mod := im.module
			if im.name != "" {
				mod = joinModule(im.module, im.name)
			}
			// mod.rest: the last part is the class, the rest submodules.
			i := strings.LastIndex(rest, ".")
			sub, name := "", rest
			if i >= 0 {
				sub, name = rest[:i], rest[i+1:]
			}
			full := mod
			if sub != "" {
				full = joinModule(mod, sub)
			}
			if tf := r.resolveModule(f, full); tf != nil {
				return r.resolveName(tf, name, depth+1)
			}
			if strings.HasPrefix(full, ".") {
				return "", nil, false
			}
			return full + "." + name, nil, true
		}
	}
	return "", nil, false
}

func joinModule(mod, name string) string {
	if strings.HasSuffix(mod, ".") {
		return mod + name
	}
	return mod + "." + name
}

func (r *reader) resolveName(f *pyFile, name string, depth int) (string, *classRef, bool) {
	if f.mod == nil {
		return "", nil, false
	}
	for _, c := range slices.Backward(f.mod.classes) {
		if c.name == name && !c.inFunc {
			return "", &classRef{f, c}, true
		}
	}
	for _, im := range slices.Backward(f.mod.imports) {
		if im.local != name || im.name == "" {
			continue
		}
		if tf := r.resolveModule(f, im.module); tf != nil && tf != f {
			return r.resolveName(tf, im.name, depth+1)
		}
		if strings.HasPrefix(im.module, ".") {
			return "", nil, false
		}
		return im.module + "." + im.name, nil, true
	}
	if builtinNames[name] {
		return "builtins." + name, nil, true
	}
	return "", nil, false
}

var builtinNames = map[string]bool{"str": true, "int": true, "float": true, "bool": true, "bytes": true,
	"list": true, "dict": true, "set": true, "frozenset": true, "tuple": true, "object": true, "complex": true}

// resolveModule finds the project file of a module spec as written in an
// import of f: relative (".mod", "..pkg.mod") or absolute, in which case
// the project file whose module path ends with it (src layouts, monorepos).
func (r *reader) resolveModule(f *pyFile, spec string) *pyFile {
	if strings.HasPrefix(spec, ".") {
		dots := len(spec) - len(strings.TrimLeft(spec, "."))
		dir := path.Dir(f.rel)
		for range dots - 1 {
			dir = path.Dir(dir)
		}
		rest := strings.ReplaceAll(spec[dots:], ".", "/")
		base := path.Join(dir, rest)
		for _, cand := range []string{base + ".py", base + "/__init__.py"} {
			if tf := r.idx.files[strings.TrimPrefix(cand, "./")]; tf != nil {
				return tf
			}
		}
		return nil
	}
	if fs := r.idx.modules[spec]; len(fs) > 0 {
		return r.idx.files[fs[0]]
	}
	r.idx.mu.Lock()
	defer r.idx.mu.Unlock()
	if tf, ok := r.idx.suffixes[spec]; ok {
		return tf
	}
	// The shortest module path that ends with .spec.
	var best string
	for name := range r.idx.modules {
		if strings.HasSuffix(name, "."+spec) && (best == "" || len(name) < len(best) || len(name) == len(best) && name < best) {
			best = name
		}
	}
	var tf *pyFile
	if best != "" {
		tf = r.idx.files[r.idx.modules[best][0]]
	}
	r.idx.suffixes[spec] = tf
	return tf
}

// mro returns the project classes of ref's method resolution order, most
// derived first (left-to-right depth-first, duplicates keep their last
// place, which is C3's order for the hierarchies settings use).
func (r *reader) mro(ref classRef) []classRef {
	var out []classRef
	onPath := map[*class]bool{} // a cycle (invalid Python) must not blow up
	var walk func(classRef, int)
	walk = func(c classRef, depth int) {
		if depth > 16 || onPath[c.c] || len(out) > 256 {
			return
		}
		onPath[c.c] = true
		defer delete(onPath, c.c)
		out = append(out, c)
		for _, b := range c.c.bases {
			if b.kind == eSubscript {
				b = b.x
			}
			if _, cr, ok := r.resolve(c.f, b, 0); ok && cr != nil {
				walk(*cr, depth+1)
			}
		}
	}
	walk(ref, 0)
	// Keep the last occurrence of each class.
	var res []classRef
	for i, c := range out {
		last := true
		for _, d := range out[i+1:] {
			if d.c == c.c {
				last = false
				break
			}
		}
		if last {
			res = append(res, c)
		}
	}
	return res
}

// settingsConfig is the part of a settings class's config that decides
// environment names.
type settingsConfig struct {
	prefix        string
	caseSensitive bool
	delim         string
	envFile       []string
	ignoreEmpty   bool
	// validateDefault: pydantic-settings validates defaults unless told not to.
	validateDefault bool
	populateByName  bool
	set             map[string]bool // the keys this config sets
	ok              bool            // every setting that matters is a constant
}

// config returns a class's effective settings config the way pydantic
// builds it: each direct base's whole effective config in turn (a
// BaseSettings base brings every default, so a later base resets an
// earlier one's env_prefix), then the class's own model_config (or v1
// class Config, or class keywords).
func (r *reader) config(ref classRef, v1 bool) settingsConfig {
	return r.configOf(ref, v1, 0)
}

// configKeys are the config keys envlint reads.
var configKeys = []string{"env_prefix", "case_sensitive", "env_nested_delimiter", "env_file", "env_ignore_empty", "validate_default", "populate_by_name"}

func (r *reader) configOf(ref classRef, v1 bool, depth int) settingsConfig {
	cfg := settingsConfig{ok: true, validateDefault: true, set: map[string]bool{}}
	if depth > 16 {
		return cfg
	}
	for _, b := range ref.c.bases {
		if b.kind == eSubscript {
			b = b.x
		}
		q, cr, ok := r.resolve(ref.f, b, 0)
		if !ok {
			continue
		}
		if cr == nil {
			if externalKinds[q] == kindSettings {
				// BaseSettings' own config: every key at its default.
				cfg = settingsConfig{ok: cfg.ok, validateDefault: true, set: allKeys()}
			}
			continue
		}
		if k, _ := r.kindOf(*cr, 0); k != kindSettings && k != kindModel {
			continue
		}
		bc := r.configOf(*cr, v1, depth+1)
		cfg.merge(bc)
	}
	c := ref
	var items []kwarg
	var pos lint.Pos
	for _, f := range c.c.fields {
		if f.name != "model_config" || f.value == nil {
			continue
		}
		pos = lint.Pos{File: c.f.rel, Line: f.line, Col: f.col}
		v := f.value
		if v.kind == eName && c.f.mod.assigns[v.name] == 1 {
			v = c.f.mod.consts[v.name]
		}
		switch {
		case v.kind == eCall && !v.starred && len(v.args) == 0:
			items = append(items, v.kwargs...)
		case v.kind == eDict && !v.starred:
			for i, k := range v.elts {
				s, ok := r.constString(c.f, k, 0)
				if !ok {
					cfg.ok = false
					r.unresolved(pos, "model_config of "+c.c.name+" has a computed key; envlint cannot read it")
					continue
				}
				items = append(items, kwarg{name: s, val: v.vals[i]})
			}
		default:
			cfg.ok = false
			r.unresolved(pos, "model_config of "+c.c.name+" is computed; envlint cannot read env_prefix and the other settings from it: write SettingsConfigDict(...) with constants")
		}
	}
	for _, nc := range c.c.classes {
		if nc.name != "Config" {
			continue
		}
		pos = lint.Pos{File: c.f.rel, Line: nc.line, Col: nc.col}
		for _, f := range nc.fields {
			if f.value != nil {
				items = append(items, kwarg{name: f.name, val: f.value})
			}
		}
	}
	for _, kw := range c.c.kwargs {
		if kw.name != "metaclass" {
			items = append(items, kw)
			pos = lint.Pos{File: c.f.rel, Line: c.c.line, Col: c.c.col}
		}
	}
	for _, it := range items {
		r.applyConfig(&cfg, c, it, pos, v1)
		if it.name == "validate_by_name" {
			cfg.set["populate_by_name"] = true
		} else {
			cfg.set[it.name] = true
		}
	}
	return cfg
}

func allKeys() map[string]bool {
	m := map[string]bool{}
	for _, k := range configKeys {
		m[k] = true
	}
	return m
}

// merge copies the keys b sets, as dict.update does.
func (cfg *settingsConfig) merge(b settingsConfig) {
	cfg.ok = cfg.ok && b.ok
	for k := range b.set {
		cfg.set[k] = true
		switch k {
		case "env_prefix":
			cfg.prefix = b.prefix
		case "case_sensitive":
			cfg.caseSensitive = b.caseSensitive
		case "env_nested_delimiter":
			cfg.delim = b.delim
		case "env_file":
			cfg.envFile = b.envFile
		case "env_ignore_empty":
			cfg.ignoreEmpty = b.ignoreEmpty
		case "validate_default":
			cfg.validateDefault = b.validateDefault
		case "populate_by_name":
			cfg.populateByName = b.populateByName
		}
	}
}

func (r *reader) applyConfig(cfg *settingsConfig, c classRef, it kwarg, pos lint.Pos, v1 bool) {
	computed := func() {
		cfg.ok = false
		p := pos
		if it.val != nil && it.val.line > 0 {
			p = lint.Pos{File: c.f.rel, Line: it.val.line, Col: it.val.col}
		}
		r.unresolved(p, it.name+" of "+c.c.name+" is computed; envlint cannot know the environment variable names without running the program: write it as a constant, or list the class in .envlint.yaml with prefix:")
	}
	switch it.name {
	case "env_prefix":
		if r.prefixGiven {
			return
		}
		s, ok := r.constString(c.f, it.val, 0)
		if !ok {
			computed()
			return
		}
		cfg.prefix = s
	case "case_sensitive":
		if it.val.kind != eConst || it.val.name == "None" {
			computed()
			return
		}
		cfg.caseSensitive = it.val.name == "True"
	case "env_nested_delimiter":
		if it.val.kind == eConst && it.val.name == "None" {
			cfg.delim = ""
			return
		}
		s, ok := r.constString(c.f, it.val, 0)
		if !ok {
			computed()
			return
		}
		cfg.delim = s
	case "env_ignore_empty", "validate_default", "populate_by_name", "validate_by_name":
		if it.val.kind != eConst || it.val.name == "None" {
			computed()
			return
		}
		on := it.val.name == "True"
		switch it.name {
		case "env_ignore_empty":
			cfg.ignoreEmpty = on
		case "validate_default":
			cfg.validateDefault = on
		default:
			cfg.populateByName = on
		}
	case "env_file":
		cfg.envFile = nil
		vals := []*expr{it.val}
		if it.val.kind == eTuple || it.val.kind == eList {
			vals = it.val.elts
		}
		for _, v := range vals {
			if s, ok := r.constString(c.f, v, 0); ok {
				cfg.envFile = append(cfg.envFile, s)
			}
		}
	case "fields":
		if v1 {
			cfg.ok = false
			r.unresolved(pos, "Config.fields of "+c.c.name+" renames fields; envlint does not read it: use Field(env=...) instead")
		}
	}
}

// pyType is what the reader knows of a field's annotation.
type pyType struct {
	t        lint.Type
	nullable bool
	secret   bool
	model    *classRef // a nested model
	classVar bool
	unknown  bool // a name envlint cannot resolve
	field    *expr
	// transformed is true when a validator sees the raw value before the
	// type does (mode="before", BeforeValidator, pre=True).
	transformed bool
}

// typeOf maps an annotation to a lint.Type under pydantic's rules.
func (r *reader) typeOf(f *pyFile, e *expr, depth int) pyType {
	pt := r.typeOf0(f, e, depth)
	pt.t.Nullable = pt.nullable
	return pt
}

func (r *reader) typeOf0(f *pyFile, e *expr, depth int) pyType {
	name := render(e)
	pt := pyType{t: lint.Type{Name: name, Kind: lint.KindUnknown}}
	if depth > 8 || e == nil {
		return pt
	}
	if e.kind == eString {
		// A forward reference ("Settings") is not followed.
		pt.unknown = true
		return pt
	}
	if e.kind == eOr {
		l, rt := r.typeOf(f, e.x, depth+1), r.typeOf(f, e.y, depth+1)
		switch {
		case isNone(e.y):
			l.nullable = true
			l.t.Name = name
			return l
		case isNone(e.x):
			rt.nullable = true
			rt.t.Name = name
			return rt
		}
		pt.t.Kind = lint.KindUnknown
		return pt
	}
	if isNone(e) {
		pt.nullable = true
		return pt
	}
	base := e
	var args []*expr
	if e.kind == eSubscript {
		base, args = e.x, e.elts
	}
	q, cr, ok := r.resolve(f, base, 0)
	if !ok {
		pt.unknown = true
		return pt
	}
	if cr != nil {
		k, _ := r.kindOf(*cr, 0)
		switch k {
		case kindModel, kindSettings:
			pt.t.Kind = lint.KindStruct
			pt.model = cr
		case kindEnum:
			pt.t.Kind = lint.KindText
			pt.t.Values = r.enumValues(*cr)
			pt.t.Choices = pt.t.Values != nil
			if !pt.t.Choices {
				pt.t.Kind = lint.KindUnknown // members that are not strings: not checked
			}
		default:
			pt.unknown = true
		}
		return pt
	}
	short := q[strings.LastIndex(q, ".")+1:]
	mod := strings.TrimSuffix(q, "."+short)
	switch mod {
	case "typing", "typing_extensions", "builtins", "collections.abc", "datetime", "pathlib", "pydantic", "pydantic.types", "pydantic.networks", "pydantic.v1", "decimal", "uuid", "ipaddress", "pydantic_settings", "enum":
	default:
		pt.unknown = true
		return pt
	}
	switch short {
	case "Optional":
		if len(args) == 1 {
			in := r.typeOf(f, args[0], depth+1)
			in.nullable = true
			in.t.Name = name
			return in
		}
	case "Union":
		var rest []*expr
		for _, a := range args {
			if !isNone(a) {
				rest = append(rest, a)
			}
		}
		if len(rest) == 1 {
			in := r.typeOf(f, rest[0], depth+1)
			in.nullable = len(rest) < len(args)
			in.t.Name = name
			return in
		}
	case "Annotated":
		if len(args) >= 1 {
			in := r.typeOf(f, args[0], depth+1)
			in.t.Name = name
			for _, m := range args[1:] {
				if m.kind == eCall && strings.HasSuffix(m.x.dotted(), "Field") {
					in.field = m
				}
				if m.kind == eCall {
					switch last(m.x.dotted()) {
					case "BeforeValidator", "PlainValidator", "WrapValidator":
						in.transformed = true
					}
				}
			}
			return in
		}
	case "ClassVar":
		pt.classVar = true
	case "str", "constr", "EmailStr", "NameEmail", "UUID", "UUID1", "UUID4", "StrictStr":
		pt.t.Kind = lint.KindString
		if short != "str" && short != "constr" && short != "StrictStr" {
			pt.t.Kind = lint.KindUnknown
		}
	case "bytes", "conbytes":
		pt.t.Kind = lint.KindString
	case "SecretStr", "SecretBytes":
		pt.t.Kind = lint.KindString
		pt.secret = true
	case "int", "PositiveInt", "NegativeInt", "NonNegativeInt", "NonPositiveInt", "conint":
		pt.t.Kind = lint.KindInt
	case "float", "PositiveFloat", "NegativeFloat", "NonNegativeFloat", "NonPositiveFloat", "confloat":
		pt.t.Kind = lint.KindFloat
		pt.t.Bits = 64
	case "bool":
		pt.t.Kind = lint.KindBool
	case "timedelta":
		pt.t.Kind = lint.KindDuration
	case "datetime", "date", "time":
		pt.t.Kind = lint.KindTime
	case "HttpUrl", "AnyUrl", "AnyHttpUrl", "PostgresDsn", "RedisDsn", "AmqpDsn", "MongoDsn", "KafkaDsn",
		"MySQLDsn", "MariaDBDsn", "CockroachDsn", "NatsDsn", "ClickHouseDsn", "SnowflakeDsn", "FileUrl", "FtpUrl", "WebsocketUrl", "AnyWebsocketUrl":
		pt.t.Kind = lint.KindURL
	case "Path", "PurePath", "PosixPath":
		pt.t.Kind = lint.KindText
	case "Literal":
		pt.t.Kind = lint.KindText
		for _, a := range args {
			if a.kind == eString && a.strOK && !a.bytes {
				pt.t.Values = append(pt.t.Values, a.str)
			} else if a.kind == eString {
				pt.t.Kind = lint.KindUnknown
			}
			// Non-string members never equal a string from the environment.
		}
		pt.t.Choices = pt.t.Kind == lint.KindText
	case "list", "List", "set", "Set", "frozenset", "FrozenSet", "Sequence", "tuple", "Tuple", "MutableSequence", "AbstractSet":
		pt.t.Kind = lint.KindSlice
		if len(args) >= 1 && !(short == "tuple" || short == "Tuple") {
			el := r.typeOf(f, args[0], depth+1)
			pt.t.Elem = &el.t
		} else if len(args) == 2 && args[1].kind == eConst && args[1].name == "..." {
			el := r.typeOf(f, args[0], depth+1)
			pt.t.Elem = &el.t
		} else if short == "tuple" || short == "Tuple" {
			pt.t.Kind = lint.KindUnknown // a fixed-length tuple: arity and item types not checked
		} else {
			pt.t.Elem = &lint.Type{Kind: lint.KindUnknown}
		}
	case "dict", "Dict", "Mapping", "MutableMapping":
		pt.t.Kind = lint.KindMap
		if len(args) == 2 {
			k, v := r.typeOf(f, args[0], depth+1), r.typeOf(f, args[1], depth+1)
			pt.t.Key, pt.t.Elem = &k.t, &v.t
		} else {
			pt.t.Key, pt.t.Elem = &lint.Type{Kind: lint.KindUnknown}, &lint.Type{Kind: lint.KindUnknown}
		}
	case "Any":
		pt.t.Kind = lint.KindUnknown
	default:
		pt.unknown = true
	}
	return pt
}

// transformedFields returns the fields of ref's MRO whose raw value a
// validator sees before pydantic's type does; "*" stands for all.
func (r *reader) transformedFields(ref classRef) map[string]bool {
	out := map[string]bool{}
	for _, c := range r.mro(ref) {
		for _, d := range c.c.decorators {
			if d.kind != eCall {
				continue
			}
			mode := ""
			if m := d.kw("mode"); m != nil && m.kind == eString {
				mode = m.str
			}
			pre := d.kw("pre") != nil && d.kw("pre").kind == eConst && d.kw("pre").name == "True"
			switch last(d.x.dotted()) {
			case "field_validator":
				if mode != "before" && mode != "wrap" && mode != "plain" {
					continue
				}
			case "validator":
				if !pre {
					continue
				}
			case "model_validator":
				if mode == "before" || mode == "wrap" {
					out["*"] = true
				}
				continue
			case "root_validator":
				if pre {
					out["*"] = true
				}
				continue
			default:
				continue
			}
			for _, a := range d.args {
				if a.kind == eString {
					out[a.str] = true
				} else {
					out["*"] = true
				}
			}
		}
	}
	return out
}

func isNone(e *expr) bool { return e != nil && e.kind == eConst && e.name == "None" }

// enumValues returns an enum's member values when they are all strings;
// otherwise nil (the values are not checked).
func (r *reader) enumValues(ref classRef) []string {
	var vals []string
	for _, c := range r.mro(ref) {
		for _, f := range c.c.fields {
			if f.ann != nil || f.value == nil || strings.HasPrefix(f.name, "_") {
				continue
			}
			s, ok := r.constString(c.f, f.value, 0)
			if !ok {
				return nil
			}
			vals = append(vals, s)
		}
	}
	return vals
}

// render writes an annotation back as source, for messages.
func render(e *expr) string {
	if e == nil {
		return ""
	}
	switch e.kind {
	case eName, eConst:
		return e.name
	case eNumber:
		return e.name
	case eAttr:
		return render(e.x) + "." + e.name
	case eString:
		if !e.strOK {
			return "..."
		}
		return strconv.Quote(e.str)
	case eSubscript:
		parts := make([]string, len(e.elts))
		for i, a := range e.elts {
			parts[i] = render(a)
		}
		return render(e.x) + "[" + strings.Join(parts, ", ") + "]"
	case eOr:
		return render(e.x) + " | " + render(e.y)
	case eList, eTuple:
		parts := make([]string, len(e.elts))
		for i, a := range e.elts {
			parts[i] = render(a)
		}
		if e.kind == eList {
			return "[" + strings.Join(parts, ", ") + "]"
		}
		return "(" + strings.Join(parts, ", ") + ")"
	case eCall:
		return render(e.x) + "(...)"
	case eNeg:
		return "-" + render(e.x)
	}
	return "..."
}
