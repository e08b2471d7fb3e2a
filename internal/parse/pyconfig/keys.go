package pyconfig

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

// root adds the keys of a settings class. prefix, when non-empty, replaces
// the class's env_prefix (.envlint.yaml's prefix:).
func (r *reader) root(ref classRef, prefix string, at lint.Pos) {
	v1 := r.v1(ref, 0)
	r.prefixGiven = prefix != ""
	cfg := r.config(ref, v1)
	r.prefixGiven = false
	if prefix != "" {
		cfg.prefix = prefix
	}
	pos := lint.Pos{File: ref.f.rel, Line: ref.c.line, Col: ref.c.col}
	if at.Line > 0 {
		pos = at
	}
	r.cfg.Roots = append(r.cfg.Roots, lint.Root{Pos: pos, Dir: dirOf(ref.f.rel), Struct: ref.c.name, Library: lint.Pydantic, Prefix: cfg.prefix})
	if !cfg.ok {
		return
	}
	r.fields(ref, cfg, v1, cfg.prefix, ref.c.name, true, 0)
}

func dirOf(rel string) string {
	if i := strings.LastIndex(rel, "/"); i >= 0 {
		return rel[:i]
	}
	return "."
}

// fieldInfo is what a field's Field(...) call and default say.
type fieldInfo struct {
	def        *expr // nil: no default
	hasDef     bool
	factory    bool
	alias      *expr
	valAlias   *expr
	env        *expr // v1 Field(env=...)
	desc       string
	defaultPos lint.Pos
}

func (r *reader) fieldInfo(f *pyFile, fl *field, pt pyType) fieldInfo {
	var fi fieldInfo
	call := pt.field
	v := fl.value
	if v != nil && v.kind == eCall && isFieldCall(v) {
		call = v
		v = nil
	}
	if v != nil {
		fi.def, fi.hasDef = v, true
	}
	if call != nil {
		if len(call.args) > 0 {
			fi.def, fi.hasDef = call.args[0], true
		}
		if d := call.kw("default"); d != nil {
			fi.def, fi.hasDef = d, true
		}
		if fi.def != nil && fi.def.kind == eConst && fi.def.name == "..." {
			fi.def, fi.hasDef = nil, false // Field(...) is required
		}
		if call.kw("default_factory") != nil {
			fi.factory = true
		}
		fi.alias = call.kw("alias")
		fi.valAlias = call.kw("validation_alias")
		fi.env = call.kw("env")
		if d := call.kw("description"); d != nil {
			fi.desc, _ = r.constString(f, d, 0)
		}
	}
	if fi.def != nil {
		fi.defaultPos = lint.Pos{File: f.rel, Line: fi.def.line, Col: fi.def.col}
	}
	return fi
}

func isFieldCall(e *expr) bool {
	d := e.x.dotted()
	return d == "Field" || strings.HasSuffix(d, ".Field")
}

// fields adds the keys of a model's fields. prefix is the env name prefix
// (env_prefix at the top, the parent's name and the nested delimiter
// below); required says whether the enclosing field is required.
func (r *reader) fields(ref classRef, cfg settingsConfig, v1 bool, prefix, path string, required bool, depth int) {
	if depth > 8 {
		return
	}
	type entry struct {
		f  *pyFile
		fl *field
	}
	var order []string
	byName := map[string]entry{}
	classes := r.mro(ref)
	transformed := r.transformedFields(ref)
	for i := len(classes) - 1; i >= 0; i-- {
		c := classes[i]
		for _, fl := range c.c.fields {
			if fl.ann == nil || strings.HasPrefix(fl.name, "_") || fl.name == "model_config" {
				continue
			}
			if _, ok := byName[fl.name]; !ok {
				order = append(order, fl.name)
			}
			byName[fl.name] = entry{c.f, fl}
		}
	}
	for _, name := range order {
		e := byName[name]
		pt := r.typeOf(e.f, e.fl.ann, 0)
		if pt.classVar {
			continue
		}
		fi := r.fieldInfo(e.f, e.fl, pt)
		pos := lint.Pos{File: e.f.rel, Line: e.fl.line, Col: e.fl.col}
		names, ok := r.envNames(e.f, e.fl, fi, cfg, v1, prefix, depth > 0)
		if !ok {
			continue
		}
		noneDef := fi.hasDef && isNone(fi.def)
		req := required && !fi.hasDef && !fi.factory && !(v1 && pt.nullable)
		if required && noneDef && !pt.nullable && !pt.unknown && pt.t.Kind != lint.KindUnknown && cfg.validateDefault && !v1 {
			// x: str = None: pydantic-settings validates the default, so
			// the program fails to load unless the variable is set.
			req = true
		}
		if pt.model != nil && cfg.delim != "" {
			// Nested: each subfield has its own variable, DB__HOST.
			mv1 := v1
			r.fields(*pt.model, cfg, mv1, names[0]+cfg.delim, path+"."+name, req, depth+1)
			continue
		}
		if pt.unknown && cfg.delim != "" {
			r.unresolved(pos, "the type "+render(e.fl.ann)+" of "+path+"."+name+" is not one envlint can resolve, and env_nested_delimiter makes its fields variables of their own: envlint cannot know them")
			continue
		}
		k := lint.ConfigKey{Name: names[0], Aliases: names[1:], Pos: pos, Field: path + "." + name, Type: pt.t,
			Required: req, Source: "struct", Library: lint.Pydantic, Secret: pt.secret, IgnoreEmpty: cfg.ignoreEmpty}
		switch {
		case v1 && k.Type.Kind != lint.KindString:
			// pydantic v1's coercions are not modelled: values are not checked.
			k.Type = lint.Type{Name: pt.t.Name, Kind: lint.KindUnknown}
		case pt.transformed || transformed[name] || transformed["*"]:
			// A validator sees the value first: its type says nothing about
			// which strings load, except that complex fields are JSON-decoded
			// before any validator runs.
			switch k.Type.Kind {
			case lint.KindSlice, lint.KindMap:
				k.Type.Elem, k.Type.Key = &lint.Type{Kind: lint.KindUnknown}, &lint.Type{Kind: lint.KindUnknown}
			case lint.KindStruct:
			default:
				k.Type = lint.Type{Name: pt.t.Name, Kind: lint.KindUnknown}
			}
		}
		if pt.model != nil {
			k.Type.Name = pt.model.c.name
		}
		if fi.hasDef && !noneDef && (cfg.validateDefault || v1) {
			if d, ok := r.defaultString(e.f, fi.def, k.Type); ok {
				k.Default = &d
				k.DefaultPos = fi.defaultPos
			}
		}
		k.Doc = fi.desc
		if k.Doc == "" {
			k.Doc = e.fl.doc
		}
		if k.Doc == "" {
			var doc []string
			for _, c := range e.fl.comments {
				if !strings.HasPrefix(c, "envlint:") {
					doc = append(doc, c)
				}
			}
			k.Doc = strings.Join(doc, " ")
		}
		r.addKey(k)
	}
}

// envNames returns the variables a field reads, the first being its key.
func (r *reader) envNames(f *pyFile, fl *field, fi fieldInfo, cfg settingsConfig, v1 bool, prefix string, nested bool) ([]string, bool) {
	norm := func(s string) string {
		if cfg.caseSensitive {
			return s
		}
		return strings.ToUpper(s)
	}
	bad := func(e *expr, what string) ([]string, bool) {
		r.unresolved(lint.Pos{File: f.rel, Line: e.line, Col: e.col},
			what+" of field "+fl.name+" is computed; envlint cannot know which variable the field reads: write it as a constant")
		return nil, false
	}
	var names []string
	switch {
	case v1 && fi.env != nil:
		vals := []*expr{fi.env}
		if fi.env.kind == eList || fi.env.kind == eTuple || fi.env.kind == eSet {
			vals = fi.env.elts
		}
		for _, v := range vals {
			s, ok := r.constString(f, v, 0)
			if !ok {
				return bad(v, "env")
			}
			names = append(names, norm(s))
		}
	case !v1 && fi.valAlias != nil:
		a := fi.valAlias
		if s, ok := r.constString(f, a, 0); ok {
			names = append(names, norm(s))
			break
		}
		if a.kind != eCall || a.starred {
			return bad(a, "validation_alias")
		}
		choices := []*expr{a}
		if strings.HasSuffix(a.x.dotted(), "AliasChoices") {
			choices = a.args
		}
		for _, ch := range choices {
			if s, ok := r.constString(f, ch, 0); ok {
				names = append(names, norm(s))
				continue
			}
			if ch.kind == eCall && strings.HasSuffix(ch.x.dotted(), "AliasPath") {
				// The variable holds JSON that the path indexes into: not
				// a value of the field's type. Not a name of the key.
				continue
			}
			return bad(ch, "validation_alias")
		}
	case !v1 && fi.alias != nil:
		s, ok := r.constString(f, fi.alias, 0)
		if !ok {
			return bad(fi.alias, "alias")
		}
		names = append(names, norm(s))
	default:
		names = append(names, norm(prefix+fl.name))
	}
	if nested && !v1 && (fi.alias != nil || fi.valAlias != nil) {
		// Below the top level the names are the parent's plus the alias.
		for i := range names {
			names[i] = norm(prefix) + names[i]
		}
	}
	if cfg.populateByName && !v1 && (fi.alias != nil || fi.valAlias != nil) {
		names = append(names, norm(prefix+fl.name))
	}
	if len(names) == 0 {
		return nil, false
	}
	return names, true
}

// defaultString renders a default as the string that, set in the
// environment, gives the same value; ok is false when the default is not a
// constant.
func (r *reader) defaultString(f *pyFile, e *expr, t lint.Type) (string, bool) {
	if t.Kind == lint.KindUnknown && e.kind != eString {
		// A union or an unknown type: which member a string becomes is
		// pydantic's choice; only a string default is the same string.
		return "", false
	}
	if e.kind == eCall && len(e.args) == 1 && len(e.kwargs) == 0 {
		// SecretStr("x"), Path("/tmp"), timedelta is not folded.
		switch last(e.x.dotted()) {
		case "SecretStr", "SecretBytes", "Path", "HttpUrl", "AnyUrl", "PostgresDsn":
			return r.defaultString(f, e.args[0], t)
		}
		return "", false
	}
	if v, ok := r.jsonValue(f, e, 0); ok {
		if s, isStr := v.(string); isStr {
			return s, true
		}
		switch t.Kind {
		case lint.KindSlice, lint.KindMap, lint.KindStruct:
			b, err := json.Marshal(v)
			return string(b), err == nil
		}
		switch v := v.(type) {
		case bool:
			return strconv.FormatBool(v), true
		case json.Number:
			return string(v), true
		}
		return "", false
	}
	if e.kind == eAttr {
		// An enum member: Level.INFO.
		if _, cr, ok := r.resolve(f, e.x, 0); ok && cr != nil {
			for _, fl := range cr.c.fields {
				if fl.name == e.name && fl.ann == nil {
					return r.constString(cr.f, fl.value, 0)
				}
			}
		}
	}
	return "", false
}

func last(d string) string { return d[strings.LastIndex(d, ".")+1:] }

// jsonValue folds a constant Python literal to a JSON-compatible value.
func (r *reader) jsonValue(f *pyFile, e *expr, depth int) (any, bool) {
	if depth > 8 {
		return nil, false
	}
	switch e.kind {
	case eString:
		s, ok := r.constString(f, e, 0)
		return s, ok
	case eName:
		if s, ok := r.constString(f, e, 0); ok {
			return s, true
		}
	case eNumber:
		n := strings.ReplaceAll(e.name, "_", "")
		if i, err := strconv.ParseInt(n, 0, 64); err == nil {
			return json.Number(strconv.FormatInt(i, 10)), true
		}
		if _, err := strconv.ParseFloat(n, 64); err == nil && !strings.ContainsAny(n, "jJxXoObB") {
			return json.Number(n), true
		}
	case eNeg:
		if v, ok := r.jsonValue(f, e.x, depth+1); ok {
			if n, isNum := v.(json.Number); isNum {
				return json.Number("-" + string(n)), true
			}
		}
	case eConst:
		switch e.name {
		case "True":
			return true, true
		case "False":
			return false, true
		case "None":
			return nil, true
		}
	case eList, eTuple, eSet:
		if e.starred {
			return nil, false
		}
		out := []any{}
		for _, x := range e.elts {
			v, ok := r.jsonValue(f, x, depth+1)
			if !ok {
				return nil, false
			}
			out = append(out, v)
		}
		return out, true
	case eDict:
		if e.starred {
			return nil, false
		}
		out := map[string]any{}
		for i, k := range e.elts {
			ks, ok := r.constString(f, k, 0)
			if !ok {
				return nil, false
			}
			v, ok := r.jsonValue(f, e.vals[i], depth+1)
			if !ok {
				return nil, false
			}
			out[ks] = v
		}
		return out, true
	}
	return nil, false
}
