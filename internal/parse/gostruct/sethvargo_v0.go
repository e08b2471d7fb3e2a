package gostruct

import (
	"go/ast"

	"strings"
	"unicode"

	"golang.org/x/mod/semver"
)

// sethvargo/go-envconfig v0.x (read from go.mod, #14) differs from v1 in
// what envlint sees (checked against v0.9.0's source and the library itself
// in TestDiff_SethvargoV0):
//   - ProcessWith(ctx, &c, lookuper, mutators...) takes the Lookuper as an
//     argument; there is no Config and no MustProcess.
//   - nothing is inherited by nested structs but noinit and the Lookuper:
//     `required` on a keyless struct does not make its fields required, and
//     delimiter=/separator= apply to their own field only.
//   - a struct that implements a decoder is always decoded, never descended.
//   - tag options are case-sensitive, a keyword with trailing space is an
//     unknown option, there is no decodeunset and no `\,` escape.

// isSvV0 reports whether version is a sethvargo/go-envconfig v0.x release.
func isSvV0(version string) bool {
	return version != "" && semver.Major(version) == "v0"
}

// svV0Since is the first v0 release that knows a tag option (read in the
// sources of v0.3.0 to v0.9.0); older releases fail on it as unknown.
var svV0Since = map[string]string{"overwrite": "v0.4.0", "noinit": "v0.5.0", "delimiter=": "v0.6.0", "separator=": "v0.6.0"}

// svV0KeyAndOpts parses a tag as sethvargo/go-envconfig v0.9.0 does; with
// version set, an option that release does not know yet is unknown.
func svV0KeyAndOpts(tag, version string) (string, svOptions, string) {
	var o svOptions
	parts := strings.Split(tag, ",")
	key := strings.TrimSpace(parts[0])
	if key != "" && !validEnvName(key) {
		return "", o, "invalid variable name " + quote(key)
	}
	rest := parts[1:]
	for i, seg := range rest {
		s := strings.TrimLeftFunc(seg, unicode.IsSpace)
		if since := svV0Since[optionKey(s)]; since != "" && version != "" && semver.Compare(version, since) < 0 {
			return "", o, "unknown tag option " + quote(optionName(s)) + " (it came in " + since + ")"
		}
		switch {
		case s == "overwrite":
			o.overwrite = true
		case s == "required":
			o.required = true
		case s == "noinit":
			o.noInit = true
		case strings.HasPrefix(s, "prefix="):
			o.prefix = strings.TrimPrefix(s, "prefix=")
		case strings.HasPrefix(s, "delimiter="):
			o.delimiter = strings.TrimPrefix(s, "delimiter=")
		case strings.HasPrefix(s, "separator="):
			o.separator = strings.TrimPrefix(s, "separator=")
		case strings.HasPrefix(s, "default="):
			d := strings.TrimLeft(strings.Join(rest[i:], ","), " ")
			o.def = strings.TrimPrefix(d, "default=")
			return key, o, ""
		default:
			return "", o, "unknown tag option " + quote(optionName(s))
		}
	}
	return key, o, ""
}

// svV0Lookuper reads v0's ProcessWith(ctx, &c, lookuper, ...): the target
// and the prefix of the Lookuper argument.
func (r *reader) svV0Lookuper(args []ast.Expr, fc funcCtx, fr *foundRoot) (ast.Expr, *pendingPrefix, bool) {
	if len(args) < 3 {
		return nil, nil, false
	}
	pending, ok := r.lookuperArg(args[2], fc, fr)
	return args[1], pending, ok
}

// lookuperArg sets the root's prefix from a Lookuper (v1's Config.Lookuper,
// v0's argument), or returns the parameter it is traced through.
func (r *reader) lookuperArg(l ast.Expr, fc funcCtx, fr *foundRoot) (*pendingPrefix, bool) {
	p, ok := r.lookuperPrefix(l, fc, 0)
	switch {
	case ok:
		fr.root.Prefix = p
		return nil, true
	case isParam(l, fc):
		// A Lookuper parameter: traced to each caller (#14).
		return &pendingPrefix{param: l, resolve: func(a ast.Expr, cfc funcCtx) (string, bool) { return r.lookuperPrefix(a, cfc, 0) }}, true
	}
	r.unresolved(r.pos(l.Pos()), "the Lookuper's prefix cannot be resolved statically: describe this root under config: in .envlint.yaml (dir, struct, library: sethvargo, prefix)")
	return nil, false
}

// optionKey is a tag option's keyword, with the = of a value option.
func optionKey(s string) string {
	if i := strings.IndexByte(s, '='); i >= 0 {
		return s[:i+1]
	}
	return s
}
