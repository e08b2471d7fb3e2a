package gostruct

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

// scope is where a type expression is resolved: its file (for imports), its
// package (for declarations) and the type arguments of a generic declaration.
type scope struct {
	pkg   *pkg
	file  *file
	targs map[string]typeRef
}

// typeRef is a type expression not resolved yet.
type typeRef struct {
	expr ast.Expr
	sc   scope
}

// rtype is a resolved type, reduced to what the config libraries look at.
type rtype struct {
	name    string // as written
	kind    lint.Kind
	bits    int
	elem    *rtype // pointer, slice, map value
	key     *rtype // map key
	st      *ast.StructType
	stScope scope
	// named is true when reflect would give the type a name (a defined
	// type, not a literal struct).
	named bool
	// qual is importpath.Name of a defined type.
	qual    string
	methods map[string]bool
	// opaque is a struct whose fields envlint does not read (std types
	// known by name).
	opaque  bool
	unknown bool
	array   bool
	// wk is the kind of a well-known std type (time.Time, url.URL, ...) when
	// the type is exactly that type.
	wk lint.Kind
}

func (t *rtype) isStruct() bool { return t != nil && t.kind == lint.KindStruct }

// deref follows pointers.
func (t *rtype) deref() *rtype {
	for i := 0; t != nil && t.kind == lint.KindPointer && i < 16; i++ {
		t = t.elem
	}
	return t
}

func (t *rtype) has(methods ...string) bool {
	if t == nil {
		return false
	}
	for _, m := range methods {
		if t.methods[m] {
			return true
		}
	}
	return false
}

type known struct {
	kind    lint.Kind
	under   lint.Kind // kind of the underlying type
	bits    int
	methods []string
	struc   bool
}

// wellKnown lists std types that decide decoding by their identity, so that
// the common ones need no parsing of GOROOT.
var wellKnown = map[string]known{
	"time.Time":                {kind: lint.KindTime, struc: true, methods: []string{"UnmarshalText", "UnmarshalJSON", "UnmarshalBinary", "GobDecode"}},
	"time.Duration":            {kind: lint.KindDuration, under: lint.KindInt, bits: 64},
	"time.Location":            {kind: lint.KindLocation, struc: true},
	"time.Month":               {kind: lint.KindInt, under: lint.KindInt},
	"time.Weekday":             {kind: lint.KindInt, under: lint.KindInt},
	"net/url.URL":              {kind: lint.KindURL, struc: true, methods: []string{"UnmarshalBinary"}},
	"net.IP":                   {kind: lint.KindText, under: lint.KindSlice, methods: []string{"UnmarshalText"}},
	"log/slog.Level":           {kind: lint.KindText, under: lint.KindInt, methods: []string{"UnmarshalText", "UnmarshalJSON"}},
	"net/netip.Addr":           {kind: lint.KindText, struc: true, methods: []string{"UnmarshalText", "UnmarshalBinary"}},
	"net/netip.Prefix":         {kind: lint.KindText, struc: true, methods: []string{"UnmarshalText", "UnmarshalBinary"}},
	"net/netip.AddrPort":       {kind: lint.KindText, struc: true, methods: []string{"UnmarshalText", "UnmarshalBinary"}},
	"math/big.Int":             {kind: lint.KindText, struc: true, methods: []string{"UnmarshalText", "UnmarshalJSON"}},
	"math/big.Float":           {kind: lint.KindText, struc: true, methods: []string{"UnmarshalText"}},
	"regexp.Regexp":            {kind: lint.KindText, struc: true, methods: []string{"UnmarshalText"}},
	"encoding/json.RawMessage": {kind: lint.KindText, under: lint.KindSlice, methods: []string{"UnmarshalJSON"}},
	"github.com/sethvargo/go-envconfig.Base64Bytes": {kind: lint.KindText, under: lint.KindSlice, methods: []string{"EnvDecode"}},
	"github.com/sethvargo/go-envconfig.HexBytes":    {kind: lint.KindText, under: lint.KindSlice, methods: []string{"EnvDecode"}},
}

var basicKinds = map[string]struct {
	kind lint.Kind
	bits int
}{
	"bool": {lint.KindBool, 0}, "string": {lint.KindString, 0},
	"int": {lint.KindInt, 0}, "int8": {lint.KindInt, 8}, "int16": {lint.KindInt, 16}, "int32": {lint.KindInt, 32}, "int64": {lint.KindInt, 64},
	"rune": {lint.KindInt, 32}, "byte": {lint.KindUint, 8},
	"uint": {lint.KindUint, 0}, "uint8": {lint.KindUint, 8}, "uint16": {lint.KindUint, 16}, "uint32": {lint.KindUint, 32}, "uint64": {lint.KindUint, 64}, "uintptr": {lint.KindUint, 0},
	"float32": {lint.KindFloat, 32}, "float64": {lint.KindFloat, 64},
}

// resolver resolves type expressions, caching named types.
type resolver struct {
	l     *loader
	named map[*ast.TypeSpec]*rtype
	busy  map[*ast.TypeSpec]bool
}

func newResolver(l *loader) *resolver {
	return &resolver{l: l, named: map[*ast.TypeSpec]*rtype{}, busy: map[*ast.TypeSpec]bool{}}
}

func (r *resolver) resolve(tr typeRef) *rtype { return r.resolveDepth(tr, 0) }

func (r *resolver) resolveDepth(tr typeRef, depth int) *rtype {
	name := types.ExprString(tr.expr)
	if depth > 32 {
		return &rtype{name: name, kind: lint.KindUnknown, unknown: true}
	}
	switch e := tr.expr.(type) {
	case *ast.ParenExpr:
		return r.resolveDepth(typeRef{e.X, tr.sc}, depth+1)
	case *ast.Ident:
		if a, ok := tr.sc.targs[e.Name]; ok {
			return r.resolveDepth(a, depth+1)
		}
		if tr.sc.pkg != nil {
			if d, ok := tr.sc.pkg.types[e.Name]; ok {
				return r.named1(d, tr.sc.pkg, nil, name, depth)
			}
		}
		if b, ok := basicKinds[e.Name]; ok {
			return &rtype{name: name, kind: b.kind, bits: b.bits}
		}
		return &rtype{name: name, kind: lint.KindUnknown}
	case *ast.SelectorExpr:
		x, ok := e.X.(*ast.Ident)
		if !ok || tr.sc.file == nil {
			return &rtype{name: name, kind: lint.KindUnknown, unknown: true}
		}
		ip, ok := tr.sc.file.imports[x.Name]
		if !ok {
			return &rtype{name: name, kind: lint.KindUnknown, unknown: true}
		}
		return r.external(ip, e.Sel.Name, nil, name, tr.sc, depth)
	case *ast.IndexExpr:
		return r.generic(e.X, []ast.Expr{e.Index}, tr.sc, name, depth)
	case *ast.IndexListExpr:
		return r.generic(e.X, e.Indices, tr.sc, name, depth)
	case *ast.StarExpr:
		return &rtype{name: name, kind: lint.KindPointer, elem: r.resolveDepth(typeRef{e.X, tr.sc}, depth+1)}
	case *ast.ArrayType:
		el := r.resolveDepth(typeRef{e.Elt, tr.sc}, depth+1)
		if e.Len != nil {
			return &rtype{name: name, kind: lint.KindUnknown, elem: el, array: true}
		}
		return &rtype{name: name, kind: lint.KindSlice, elem: el}
	case *ast.MapType:
		return &rtype{name: name, kind: lint.KindMap, key: r.resolveDepth(typeRef{e.Key, tr.sc}, depth+1), elem: r.resolveDepth(typeRef{e.Value, tr.sc}, depth+1)}
	case *ast.StructType:
		return &rtype{name: name, kind: lint.KindStruct, st: e, stScope: tr.sc}
	}
	return &rtype{name: name, kind: lint.KindUnknown}
}

func (r *resolver) generic(x ast.Expr, args []ast.Expr, sc scope, name string, depth int) *rtype {
	refs := make([]typeRef, len(args))
	for i, a := range args {
		refs[i] = typeRef{a, sc}
	}
	switch x := x.(type) {
	case *ast.Ident:
		if sc.pkg != nil {
			if d, ok := sc.pkg.types[x.Name]; ok {
				return r.named1(d, sc.pkg, refs, name, depth)
			}
		}
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok && sc.file != nil {
			if ip, ok := sc.file.imports[id.Name]; ok {
				return r.external(ip, x.Sel.Name, refs, name, sc, depth)
			}
		}
	}
	return &rtype{name: name, kind: lint.KindUnknown, unknown: true}
}

func (r *resolver) external(ip, sel string, targs []typeRef, name string, sc scope, depth int) *rtype {
	if k, ok := wellKnown[ip+"."+sel]; ok {
		t := &rtype{name: name, kind: k.kind, bits: k.bits, named: true, qual: ip + "." + sel, methods: map[string]bool{}}
		for _, m := range k.methods {
			t.methods[m] = true
		}
		t.wk = k.kind
		t.kind = k.under
		if k.struc {
			t.opaque = true
			t.kind = lint.KindStruct
		}
		if t.kind == lint.KindSlice {
			t.elem = &rtype{name: "byte", kind: lint.KindUint, bits: 8}
		}
		return t
	}
	from := ""
	if sc.pkg != nil {
		from = sc.pkg.dir
	}
	p := r.l.loadImport(ip, from)
	if p == nil {
		return &rtype{name: name, kind: lint.KindUnknown, unknown: true, named: true, qual: ip + "." + sel}
	}
	d, ok := p.types[sel]
	if !ok {
		return &rtype{name: name, kind: lint.KindUnknown, unknown: true, named: true, qual: ip + "." + sel}
	}
	return r.named1(d, p, targs, name, depth)
}

// named1 resolves a declared type: an alias resolves to its target, a
// defined type takes its underlying type's shape with its own name and
// methods.
func (r *resolver) named1(d typeDecl, p *pkg, targs []typeRef, name string, depth int) *rtype {
	cacheable := len(targs) == 0 && d.spec.TypeParams == nil
	if cacheable {
		if t, ok := r.named[d.spec]; ok {
			c := *t
			c.name = name
			return &c
		}
	}
	if r.busy[d.spec] && cacheable {
		return &rtype{name: name, kind: lint.KindUnknown, unknown: true}
	}
	sc := scope{pkg: p, file: d.file}
	if d.spec.TypeParams != nil {
		sc.targs = map[string]typeRef{}
		i := 0
		for _, f := range d.spec.TypeParams.List {
			for _, n := range f.Names {
				if i < len(targs) {
					sc.targs[n.Name] = targs[i]
				}
				i++
			}
		}
	}
	r.busy[d.spec] = true
	under := r.resolveDepth(typeRef{d.spec.Type, sc}, depth+1)
	delete(r.busy, d.spec)
	var t rtype
	if d.spec.Assign.IsValid() {
		t = *under
	} else {
		t = *under
		t.named = true
		t.qual = p.importPath + "." + d.spec.Name.Name
		t.methods = p.methods[d.spec.Name.Name]
		// A defined type over a well-known type is not that type: it
		// keeps only the underlying kind (type D time.Duration is an int64).
		t.wk = ""
	}
	t.name = name
	if cacheable {
		c := t
		r.named[d.spec] = &c
	}
	return &t
}

// fieldsOf returns the fields of a struct type; opaque std structs are read
// from GOROOT only when a walk needs them.
func (r *resolver) fieldsOf(t *rtype) (*ast.StructType, scope) {
	if t.st != nil || !t.opaque || t.qual == "" {
		return t.st, t.stScope
	}
	i := strings.LastIndex(t.qual, ".")
	p := r.l.loadImport(t.qual[:i], "")
	if p == nil {
		return nil, scope{}
	}
	d, ok := p.types[t.qual[i+1:]]
	if !ok {
		return nil, scope{}
	}
	st, _ := d.spec.Type.(*ast.StructType)
	return st, scope{pkg: p, file: d.file}
}

// decoders lists, per library, the methods that make a type decode itself.
var decoders = map[lint.Library][]string{
	lint.Caarlos0:        {"UnmarshalText"},
	lint.Kelseyhightower: {"Decode", "Set", "UnmarshalText", "UnmarshalBinary"},
	lint.Sethvargo:       {"EnvDecode", "UnmarshalText", "UnmarshalJSON", "UnmarshalBinary", "GobDecode"},
	lint.Cleanenv:        {"UnmarshalText", "SetValue"},
}

// lintType describes a resolved type for the rule engine, as lib decodes it.
func lintType(t *rtype, lib lint.Library) lint.Type {
	return lintTypeDepth(t, lib, 0)
}

func lintTypeDepth(t *rtype, lib lint.Library, depth int) lint.Type {
	if t == nil || depth > 8 {
		return lint.Type{Kind: lint.KindUnknown}
	}
	lt := lint.Type{Name: t.name, Kind: t.kind, Bits: t.bits}
	switch {
	case t.wk == lint.KindTime || t.wk == lint.KindURL || t.wk == lint.KindLocation || t.wk == lint.KindDuration:
		lt.Kind = t.wk
		lt.Bits = 0
		return lt
	case t.has(decoders[lib]...):
		lt.Kind = lint.KindText
		lt.Bits = 0
		return lt
	case t.unknown:
		lt.Kind = lint.KindUnknown
		return lt
	}
	switch t.kind {
	case lint.KindPointer, lint.KindSlice:
		e := lintTypeDepth(t.elem, lib, depth+1)
		lt.Elem = &e
	case lint.KindMap:
		k, e := lintTypeDepth(t.key, lib, depth+1), lintTypeDepth(t.elem, lib, depth+1)
		lt.Key, lt.Elem = &k, &e
	}
	return lt
}
