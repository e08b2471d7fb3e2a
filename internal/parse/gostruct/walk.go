package gostruct

import (
	"fmt"
	"go/ast"
	"reflect"
	"strconv"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

// maxDepth bounds struct nesting. kelseyhightower and sethvargo allocate nil
// pointers and descend, so a self-referencing struct makes them recurse
// without end; envlint reports it instead.
const maxDepth = 24

// maxFieldsPerRoot bounds the fields one root expands to. Nesting
// multiplies: 8 struct fields of 8 struct fields, 7 levels deep, is a 2 KB
// file and two million keys. Past the bound the walk stops with a
// positioned unresolved-config, so the cost is linear in what is reported.
const maxFieldsPerRoot = 10000

// sfield is one struct field, as the libraries see it through reflect.
type sfield struct {
	name     string // field name, or the type name of an embedded field
	embedded bool
	exported bool
	tag      reflect.StructTag
	tref     typeRef
	pos      lint.Pos
	tagPos   lint.Pos
	doc      string
	dirs     []lint.Directive
}

func (r *reader) fields(st *ast.StructType, sc scope) []sfield {
	if st == nil || st.Fields == nil {
		return nil
	}
	var out []sfield
	for _, af := range st.Fields.List {
		var tag reflect.StructTag
		var tagPos lint.Pos
		if af.Tag != nil {
			if s, err := strconv.Unquote(af.Tag.Value); err == nil {
				tag = reflect.StructTag(s)
			}
			tagPos = r.pos(af.Tag.Pos())
		}
		doc := commentText(af.Doc)
		if doc == "" {
			doc = commentText(af.Comment)
		}
		if doc == "" {
			if d, ok := tag.Lookup("desc"); ok {
				doc = d
			} else if d, ok := tag.Lookup("env-description"); ok {
				doc = d
			}
		}
		base := sfield{tag: tag, tref: typeRef{af.Type, sc}, tagPos: tagPos, doc: doc}
		if len(af.Names) == 0 {
			f := base
			f.embedded = true
			f.name = recvName(af.Type)
			if sel, ok := unparen(af.Type).(*ast.SelectorExpr); ok {
				f.name = sel.Sel.Name
			} else if star, ok := unparen(af.Type).(*ast.StarExpr); ok {
				if sel, ok := unparen(star.X).(*ast.SelectorExpr); ok {
					f.name = sel.Sel.Name
				}
			}
			f.exported = ast.IsExported(f.name)
			f.pos = r.pos(af.Type.Pos())
			f.dirs = r.directives(af, f.pos.Line)
			out = append(out, f)
			continue
		}
		for _, n := range af.Names {
			f := base
			f.name = n.Name
			f.exported = n.IsExported()
			f.pos = r.pos(n.Pos())
			f.dirs = r.directives(af, f.pos.Line)
			out = append(out, f)
		}
	}
	return out
}

func unparen(e ast.Expr) ast.Expr {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

// commentText is a comment's text without directive lines.
func commentText(cg *ast.CommentGroup) string {
	if cg == nil {
		return ""
	}
	var lines []string
	for _, l := range strings.Split(cg.Text(), "\n") {
		if _, ok := parseDirective(l); ok {
			continue
		}
		lines = append(lines, l)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// parseDirective reads `envlint:ignore rule[,rule] [reason]` from a comment's
// text (with or without the leading //).
func parseDirective(text string) (lint.Directive, bool) {
	return lint.ParseDirective(strings.TrimPrefix(strings.TrimSpace(text), "//"))
}

// directives are the ignore comments on a field's line or directly above it.
func (r *reader) directives(af *ast.Field, line int) []lint.Directive {
	var out []lint.Directive
	for _, cg := range []*ast.CommentGroup{af.Doc, af.Comment} {
		if cg == nil {
			continue
		}
		for _, c := range cg.List {
			p := r.pos(c.Pos())
			if p.Line != line && p.Line != line-1 {
				continue
			}
			if d, ok := parseDirective(c.Text); ok {
				d.Pos = p
				out = append(out, d)
			}
		}
	}
	return out
}

// walker walks one root struct for one library.
type walker struct {
	r    *reader
	root *foundRoot
	lib  lint.Library
	// family collects keys into a []struct family instead of Keys.
	family   bool
	deepOnce bool
	// stack holds the structs being walked, to stop at a cycle.
	stack map[*ast.StructType]bool
	// budget is what is left of maxFieldsPerRoot, shared with the
	// walkers of []struct families.
	budget *int
}

// enter marks st as being walked; it reports false (and the cycle, once) when
// st is already on the stack: the library would recurse without end.
func (w *walker) enter(st *ast.StructType, f sfield, path string) bool {
	if st == nil {
		return true
	}
	if w.stack[st] {
		if !w.deepOnce {
			w.deepOnce = true
			w.r.unresolved(f.pos, path+" is a recursive struct; "+string(w.lib)+" would not terminate on it: set config.struct in .envlint.yaml to a struct without the cycle")
		}
		return false
	}
	w.stack[st] = true
	return true
}

func (w *walker) tooDeep(f sfield, path string, depth int) bool {
	if *w.budget <= 0 {
		return true
	}
	if *w.budget--; *w.budget == 0 {
		w.r.unresolved(f.pos, fmt.Sprintf("%s: the config struct expands to more than %d fields (nested structs multiply); envlint stops reading it here, so its key set is incomplete: set config.struct in .envlint.yaml to a smaller struct",
			path, maxFieldsPerRoot))
		return true
	}
	if depth < maxDepth {
		return false
	}
	if !w.deepOnce {
		w.deepOnce = true
		w.r.unresolved(f.pos, path+" nests structs more than "+strconv.Itoa(maxDepth)+" levels deep (a recursive struct?); "+
			string(w.lib)+" would not terminate or envlint cannot follow it: set config.struct in .envlint.yaml to a struct without the cycle")
	}
	return true
}

func (w *walker) emit(f sfield, path string, k lint.ConfigKey) {
	if w.family {
		w.r.family(k.Name)
		return
	}
	k.Pos = f.pos
	k.Field = path
	k.Source = "struct"
	k.Library = w.lib
	if k.Doc == "" {
		k.Doc = f.doc
	}
	if k.Default != nil {
		k.DefaultPos = f.tagPos
	}
	w.r.addKey(k, f.dirs)
}

func (w *walker) ineffective(f sfield, msg string) {
	if !w.family {
		w.r.ineffective(f.pos, msg)
	}
}

func hasAnyTag(tag reflect.StructTag, names ...string) (string, bool) {
	for _, n := range names {
		if _, ok := tag.Lookup(n); ok {
			return n, true
		}
	}
	return "", false
}

func strPtr(s string) *string { return &s }

func isSliceOrMap(t *rtype) bool {
	t = t.deref()
	return t != nil && (t.kind == lint.KindSlice || t.kind == lint.KindMap)
}

// ---- caarlos0/env v11 ----

type caOptions struct {
	useFieldName, requiredIfNoDef bool
	tag, prefixTag, defTag        string
	// version is set when the module requires a caarlos0/env older than
	// v6.8.0, which has no envPrefix: nested fields read the parent's prefix.
	version string
}

func defaultCaOptions() caOptions {
	return caOptions{tag: "env", prefixTag: "envPrefix", defTag: "envDefault"}
}

func (w *walker) caarlos0(st *ast.StructType, sc scope, prefix, path string, depth int) {
	o := w.root.ca
	for _, f := range w.r.fields(st, sc) {
		fpath := path + "." + f.name
		if !f.exported {
			if n, ok := hasAnyTag(f.tag, o.tag, o.prefixTag, o.defTag); ok {
				w.ineffective(f, "the "+n+" tag on unexported field "+fpath+" is ignored by caarlos0/env: export the field")
			}
			continue
		}
		if _, ok := f.tag.Lookup("envPrefix"); ok && o.version != "" {
			w.ineffective(f, "envPrefix on "+fpath+" is not read by caarlos0/env "+o.version+" (it came in v6.8.0): the nested fields are read without it")
		}
		if _, ok := f.tag.Lookup("env-default"); ok && o.defTag != "env-default" {
			w.ineffective(f, "env-default on "+fpath+" is not read by caarlos0/env: use "+o.defTag)
		}
		if w.tooDeep(f, fpath, depth) {
			return
		}
		t := w.r.res.resolve(f.tref)
		childPrefix := prefix + f.tag.Get(o.prefixTag)
		if t.isStruct() && !t.named {
			if w.enter(t.st, f, fpath) {
				w.caarlos0(t.st, t.stScope, childPrefix, fpath, depth+1)
				delete(w.stack, t.st)
			}
			continue
		}
		parts := strings.Split(f.tag.Get(o.tag), ",")
		own, opts := parts[0], parts[1:]
		if own == "" && o.useFieldName {
			own = toEnvName(f.name)
		}
		var required, notEmpty, file, expand, init, ignored bool
		bad := ""
		for _, op := range opts {
			switch op {
			case "":
			case "required":
				required = true
			case "notEmpty":
				notEmpty = true
			case "file":
				file = true
			case "expand":
				expand = true
			case "init":
				init = true
			case "unset":
			case "-":
				ignored = true
			default:
				bad = op
			}
		}
		if bad != "" {
			w.ineffective(f, "tag option "+strconv.Quote(optionName(bad))+" on "+fpath+" is not supported by caarlos0/env: parsing fails")
			continue
		}
		if own == "-" || ignored {
			continue
		}
		// A struct field's own name is looked up (UseFieldNameByDefault, or
		// a tag), but no parser can set it from one variable
		// (NoParserError): not a key (#14).
		if own != "" && !noCaarlos0Parser(t) {
			def, hasDef := f.tag.Lookup(o.defTag)
			k := lint.ConfigKey{Name: prefix + own, Type: lintType(t, lint.Caarlos0), NotEmpty: notEmpty, Expand: expand, File: file}
			if hasDef {
				k.Default = strPtr(def)
			}
			k.Required = (required || o.requiredIfNoDef) && !hasDef || notEmpty && def == ""
			if isSliceOrMap(t) {
				k.Separator = tagOr(f.tag, "envSeparator", ",")
				if t.deref().kind == lint.KindMap {
					k.KeyValSeparator = tagOr(f.tag, "envKeyValSeparator", ":")
				}
			}
			w.emit(f, fpath, k)
		}
		if init && t.kind == lint.KindPointer {
			t = t.elem
		}
		switch {
		case t.isStruct():
			if t.opaque && !o.useFieldName {
				continue // std structs hold no env tags
			}
			st, ssc := w.r.res.fieldsOf(t)
			if w.enter(st, f, fpath) {
				w.caarlos0(st, ssc, childPrefix, fpath, depth+1)
				delete(w.stack, st)
			}
		case sliceOfStructs(t) != nil:
			el := sliceOfStructs(t)
			fp := childPrefix
			if fp != "" && !strings.HasSuffix(fp, "_") {
				fp += "_"
			}
			st, ssc := w.r.res.fieldsOf(el)
			sub := *w
			sub.family = true
			if w.enter(st, f, fpath) {
				sub.caarlos0(st, ssc, fp+"<n>_", fpath, depth+1)
				delete(w.stack, st)
			}
		}
	}
}

func sliceOfStructs(t *rtype) *rtype {
	if t.kind == lint.KindPointer && t.elem != nil {
		t = t.elem
		if t.kind == lint.KindSlice && t.elem.isStruct() {
			return t.elem
		}
		return nil
	}
	if t.kind == lint.KindSlice && t.elem.isStruct() {
		return t.elem
	}
	return nil
}

func tagOr(tag reflect.StructTag, name, def string) string {
	if v, ok := tag.Lookup(name); ok {
		return v
	}
	return def
}

// ---- kelseyhightower/envconfig v1.4.0 ----

func parseBool(s string) bool {
	b, err := strconv.ParseBool(s)
	return err == nil && b
}

func (w *walker) kelseyhightower(st *ast.StructType, sc scope, prefix, path string, depth int) {
	for _, f := range w.r.fields(st, sc) {
		fpath := path + "." + f.name
		if !f.exported {
			if n, ok := hasAnyTag(f.tag, "envconfig", "default", "required", "split_words", "ignored"); ok {
				w.ineffective(f, "the "+n+" tag on unexported field "+fpath+" is ignored by kelseyhightower/envconfig: export the field")
			}
			continue
		}
		if n, ok := hasAnyTag(f.tag, "envDefault", "env-default"); ok {
			w.ineffective(f, n+" on "+fpath+" is not read by kelseyhightower/envconfig: use default")
		}
		if parseBool(f.tag.Get("ignored")) {
			continue
		}
		if w.tooDeep(f, fpath, depth) {
			return
		}
		t := w.r.res.resolve(f.tref)
		// Nil pointers to structs are allocated; other nil pointers stay leaves.
		d := t
		for i := 0; d.kind == lint.KindPointer && d.elem != nil && d.elem.deref().isStruct() && i < 16; i++ {
			d = d.elem
		}
		alt := strings.ToUpper(f.tag.Get("envconfig"))
		key := f.name
		if parseBool(f.tag.Get("split_words")) {
			key = splitWords(f.name)
		}
		if alt != "" {
			key = alt
		}
		if prefix != "" {
			key = prefix + "_" + key
		}
		key = strings.ToUpper(key)
		if d.isStruct() && !d.has(decoders[lint.Kelseyhightower]...) {
			inner := key
			if f.embedded {
				inner = prefix
			}
			st, ssc := w.r.res.fieldsOf(d)
			if w.enter(st, f, fpath) {
				w.kelseyhightower(st, ssc, inner, fpath, depth+1)
				delete(w.stack, st)
			}
			continue
		}
		// A defined type over an unresolvable one still decodes itself when
		// it declares a decoder (type LogLevel zerolog.Level with Decode).
		if d.unknown && !d.has(decoders[lint.Kelseyhightower]...) {
			w.r.unresolved(f.pos, "the type "+d.name+" of "+fpath+" cannot be resolved statically, so envlint cannot tell whether kelseyhightower/envconfig reads it as one variable or descends into it: set config.dir to the package that declares it or mark the field //envlint:ignore")
		}
		k := lint.ConfigKey{Name: key, Type: lintType(t, lint.Kelseyhightower)}
		if alt != "" && alt != key {
			k.Aliases = []string{alt}
		}
		def := f.tag.Get("default")
		if def != "" {
			k.Default = strPtr(def)
		}
		k.Required = parseBool(f.tag.Get("required")) && def == ""
		if isSliceOrMap(t) {
			k.Separator = ","
			if t.deref().kind == lint.KindMap {
				k.KeyValSeparator = ":"
			}
		}
		w.emit(f, fpath, k)
	}
}

// ---- sethvargo/go-envconfig v1 ----

type svInherit struct {
	required, noInit, overwrite, decodeUnset bool
	delimiter, separator                     string
	// v0 is set when the module requires a v0.x release (sethvargo_v0.go).
	v0 string
}

func (w *walker) sethvargo(st *ast.StructType, sc scope, prefix string, inh svInherit, path string, depth int) {
	for _, f := range w.r.fields(st, sc) {
		fpath := path + "." + f.name
		tag := f.tag.Get("env")
		if !f.exported {
			if tag != "" {
				w.ineffective(f, "env tag on unexported field "+fpath+": sethvargo/go-envconfig fails with \"cannot parse private fields\"; export the field or drop the tag")
			}
			continue
		}
		if _, ok := f.tag.Lookup("default"); ok {
			w.ineffective(f, "default: on "+fpath+" is not read by sethvargo/go-envconfig: write env:\"KEY,default=...\"")
		}
		key, o, perr := svKeyAndOpts(tag)
		if inh.v0 != "" {
			key, o, perr = svV0KeyAndOpts(tag, inh.v0)
		}
		if perr != "" {
			lib := "sethvargo/go-envconfig"
			if inh.v0 != "" {
				lib += " " + inh.v0
			}
			w.ineffective(f, "env tag on "+fpath+": "+perr+": "+lib+" fails to process the struct")
			continue
		}
		if w.tooDeep(f, fpath, depth) {
			return
		}
		t := w.r.res.resolve(f.tref)
		delimiter, separator := inh.delimiter, inh.separator
		if o.delimiter != "" {
			delimiter = o.delimiter
		}
		if o.separator != "" {
			separator = o.separator
		}
		required := inh.required || o.required
		d := t.deref()
		if d.isStruct() {
			usedDefault := false
			if key != "" {
				k := lint.ConfigKey{Name: prefix + key, Type: lintType(t, lint.Sethvargo), Required: required}
				if o.def != "" {
					k.Default = strPtr(o.def)
					k.Expand = strings.Contains(o.def, "$")
					usedDefault = !required
					if required {
						w.ineffective(f, "required and default= together on "+fpath+" make sethvargo/go-envconfig fail: drop one")
					}
				}
				w.emit(f, fpath, k)
			}
			if (usedDefault || inh.decodeUnset || o.decodeUnset || inh.v0 != "") && d.has(decoders[lint.Sethvargo]...) {
				continue // v0 always decodes a decoder, set or not
			}
			next := svInherit{
				required: required, noInit: inh.noInit || o.noInit, overwrite: inh.overwrite || o.overwrite,
				decodeUnset: inh.decodeUnset, delimiter: delimiter, separator: separator,
			}
			if inh.v0 != "" {
				next = svInherit{noInit: next.noInit, delimiter: ",", separator: ":", v0: inh.v0}
			}
			st, ssc := w.r.res.fieldsOf(d)
			if w.enter(st, f, fpath) {
				w.sethvargo(st, ssc, prefix+o.prefix, next, fpath, depth+1)
				delete(w.stack, st)
			}
			continue
		}
		if o.prefix != "" {
			w.ineffective(f, "prefix= on non-struct field "+fpath+" makes sethvargo/go-envconfig fail")
			continue
		}
		if tag == "" {
			continue
		}
		if key == "" {
			w.ineffective(f, "env tag on "+fpath+" has no variable name: sethvargo/go-envconfig fails")
			continue
		}
		k := lint.ConfigKey{Name: prefix + key, Type: lintType(t, lint.Sethvargo), Required: required}
		if o.def != "" {
			k.Default = strPtr(o.def)
			k.Expand = strings.Contains(o.def, "$")
			if required {
				w.ineffective(f, "required and default= together on "+fpath+" make sethvargo/go-envconfig fail: drop one")
			}
		}
		if isSliceOrMap(t) {
			k.Separator = delimiter
			if t.deref().kind == lint.KindMap {
				k.KeyValSeparator = separator
			}
		}
		w.emit(f, fpath, k)
	}
}

// ---- ilyakaznacheev/cleanenv v1.5.0 ----

func (w *walker) cleanenv(st *ast.StructType, sc scope, prefix, path string, depth int) {
	for _, f := range w.r.fields(st, sc) {
		fpath := path + "." + f.name
		if n, ok := hasAnyTag(f.tag, "envDefault"); ok {
			w.ineffective(f, n+" on "+fpath+" is not read by cleanenv: use env-default")
		}
		t := w.r.res.resolve(f.tref)
		var layout string
		if t.isStruct() {
			if !f.exported {
				continue
			}
			if t.wk != lint.KindTime && t.wk != lint.KindURL {
				if _, ok := f.tag.Lookup("env"); ok {
					w.ineffective(f, "cleanenv descends into struct field "+fpath+" and never reads its env tag")
				}
				if w.tooDeep(f, fpath, depth) {
					return
				}
				stt, ssc := w.r.res.fieldsOf(t)
				if w.enter(stt, f, fpath) {
					w.cleanenv(stt, ssc, prefix+f.tag.Get("env-prefix"), fpath, depth+1)
					delete(w.stack, stt)
				}
				continue
			}
			layout = f.tag.Get("env-layout")
		}
		if !f.exported {
			if n, ok := hasAnyTag(f.tag, "env", "env-default", "env-required"); ok {
				w.ineffective(f, "the "+n+" tag on unexported field "+fpath+" is ignored by cleanenv: export the field")
			}
			continue
		}
		envs, ok := f.tag.Lookup("env")
		if !ok || envs == "" {
			continue
		}
		names := strings.Split(envs, ",")
		for i := range names {
			names[i] = prefix + names[i]
		}
		k := lint.ConfigKey{Name: names[0], Type: lintType(t, lint.Cleanenv), Layout: layout}
		if len(names) > 1 {
			k.Aliases = names[1:]
		}
		if def, ok := f.tag.Lookup("env-default"); ok {
			k.Default = strPtr(def)
		}
		_, k.Required = f.tag.Lookup("env-required")
		if isSliceOrMap(t) {
			k.Separator = tagOr(f.tag, "env-separator", ",")
			if t.deref().kind == lint.KindMap {
				k.KeyValSeparator = ":"
			}
		}
		w.emit(f, fpath, k)
	}
}

// noCaarlos0Parser reports whether caarlos0 has no way to set a value of
// type t from a string: a struct (or pointer to one) that is not a type it
// knows and does not unmarshal text.
func noCaarlos0Parser(t *rtype) bool {
	d := t.deref()
	return d.isStruct() && d.wk == "" && !d.has(decoders[lint.Caarlos0]...) && !t.has(decoders[lint.Caarlos0]...)
}
