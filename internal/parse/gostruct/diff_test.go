package gostruct

// Differential tests: the structs in internal/difftest are compiled into this
// test binary, where the REAL libraries say which names they read, with
// which default and whether loading fails when the name is unset; and the
// same source file is parsed by Read. The two must agree.
//
// Deliberate differences, asserted explicitly below:
//   - sethvargo expands $VAR in default= through the lookuper, so a recording
//     lookuper also records USER for `default=$USER`. That read only happens
//     for that default's value and is not a key (SPEC.md "The key sets").
//   - caarlos0 reads the bare accumulated prefix for an untagged field under
//     envPrefix (DB_ for CADB.NoTag); GetFieldParams does not report it and
//     neither does envlint.
//   - caarlos0 []struct fields are families (ITEMS_<n>_NAME), not keys.
//   - caarlos0 with UseFieldNameByDefault looks up a struct field's own name
//     (APP_NESTED), but setting it fails with NoParserError: not a key.

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template"

	env "github.com/caarlos0/env/v11"
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/gostruct/internal/difftest"
	"github.com/google/go-cmp/cmp"
	"github.com/ilyakaznacheev/cleanenv"
	khenv "github.com/kelseyhightower/envconfig"
	svenv "github.com/sethvargo/go-envconfig"
)

// seen is one variable as both sides report it.
type seen struct {
	Name     string
	Aliases  []string
	Default  *string
	Required bool
}

// moduleRoot is the envlint module root, so that Read resolves difftest's
// import path through the real go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..", ".."))
}

const difftestDir = "internal/parse/gostruct/internal/difftest"

func static(t *testing.T, lib lint.Library, structName, prefix string) map[string]lint.ConfigKey {
	t.Helper()
	return staticRoots(t, []lint.Root{{Dir: difftestDir, Struct: structName, Library: lib, Prefix: prefix}}, nil)
}

func staticRoots(t *testing.T, roots []lint.Root, files []string) map[string]lint.ConfigKey {
	t.Helper()
	c := Read(moduleRoot(t), files, roots, Options{})
	if len(c.Errors)+len(c.Unresolved) > 0 {
		t.Fatalf("errors %v unresolved %v", c.Errors, c.Unresolved)
	}
	m := map[string]lint.ConfigKey{}
	for _, k := range c.Keys {
		if k.Pos.Line < 1 || k.Pos.Col < 1 || !strings.HasSuffix(k.Pos.File, ".go") {
			t.Errorf("%s: bad position %v", k.Name, k.Pos)
		}
		if _, dup := m[k.Name]; dup {
			t.Errorf("%s read twice", k.Name)
		}
		m[k.Name] = k
	}
	return m
}

func toSeen(m map[string]lint.ConfigKey) []seen {
	var out []seen
	for _, k := range m {
		out = append(out, seen{k.Name, k.Aliases, k.Default, k.Required})
	}
	return sortSeen(out)
}

// sortSeen sorts by name; it also guards against a vacuous comparison.
func sortSeen(s []seen) []seen {
	if len(s) < 2 {
		panic("differential case compares fewer than 2 keys")
	}
	slices.SortFunc(s, func(a, b seen) int { return strings.Compare(a.Name, b.Name) })
	return s
}

// validValue is a value of the key's type that every library accepts.
func validValue(k lint.ConfigKey) string {
	switch k.Type.Kind {
	case lint.KindInt, lint.KindUint:
		return "1"
	case lint.KindFloat:
		return "1.5"
	case lint.KindBool:
		return "true"
	case lint.KindDuration:
		return "1s"
	case lint.KindTime:
		if k.Layout != "" {
			return "2020-01-02"
		}
		return "2020-01-02T00:00:00Z"
	case lint.KindURL:
		return "http://h"
	case lint.KindMap:
		return "a" + k.KeyValSeparator + "1"
	case lint.KindSlice:
		return "1"
	}
	return "x"
}

// clearEnv unsets every name for the test's duration.
func clearEnv(t *testing.T, names []string) {
	for _, n := range names {
		if n == "" {
			continue
		}
		t.Setenv(n, "")
		os.Unsetenv(n)
	}
}

func allNames(m map[string]lint.ConfigKey, extra ...string) []string {
	names := slices.Clone(extra)
	for _, k := range m {
		names = append(names, k.Name)
		names = append(names, k.Aliases...)
	}
	return names
}

func TestDiff_Caarlos0(t *testing.T) {
	tests := []struct {
		name   string
		target func() any
		root   string
		opts   env.Options
		prefix string
		// files, when set, makes Read discover the root from a call site.
		families []string
	}{
		{name: "example", target: func() any { return new(difftest.CAConfig) }, root: "CAConfig"},
		{name: "example-prefix", target: func() any { return new(difftest.CAConfig) }, root: "CAConfig", opts: env.Options{Prefix: "APP_"}, prefix: "APP_"},
		{name: "types", target: func() any { return new(difftest.CATypes) }, root: "CATypes"},
		{name: "generic", target: func() any { return new(difftest.CAGeneric[string]) }, root: "CAGeneric[string]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := static(t, lint.Caarlos0, tt.root, tt.prefix)
			compareCaarlos0(t, got, tt.target, tt.opts)
		})
	}
}

// TestDiff_Caarlos0Options reads the root through its call-site options.
func TestDiff_Caarlos0Options(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "go.mod", "module example.com/m\n\ngo 1.22\n\nreplace github.com/envlint/envlint => "+moduleRoot(t)+"\n")
	writeFile(t, dir, "main.go", `package main

import (
	env "github.com/caarlos0/env/v11"
	"github.com/envlint/envlint/internal/parse/gostruct/internal/difftest"
)

func main() {
	var a difftest.CAAuto
	_ = env.ParseWithOptions(&a, env.Options{Prefix: "APP_", UseFieldNameByDefault: true})
	t := new(difftest.CATypes)
	_ = env.ParseWithOptions(t, env.Options{RequiredIfNoDef: true})
	_, _ = env.ParseAsWithOptions[difftest.CARenamed](env.Options{TagName: "cfg", PrefixTagName: "pfx", DefaultValueTagName: "def"})
}
`)
	c := Read(dir, []string{"main.go"}, nil, Options{})
	if len(c.Errors)+len(c.Unresolved) > 0 || len(c.Roots) != 3 {
		t.Fatalf("roots %v errors %v unresolved %v", c.Roots, c.Errors, c.Unresolved)
	}
	byRoot := map[string]map[string]lint.ConfigKey{}
	for _, k := range c.Keys {
		root, _, _ := strings.Cut(k.Field, ".")
		if byRoot[root] == nil {
			byRoot[root] = map[string]lint.ConfigKey{}
		}
		byRoot[root][k.Name] = k
	}
	t.Run("auto", func(t *testing.T) {
		compareCaarlos0(t, byRoot["CAAuto"], func() any { return new(difftest.CAAuto) },
			env.Options{Prefix: "APP_", UseFieldNameByDefault: true})
	})
	t.Run("required-if-no-def", func(t *testing.T) {
		compareCaarlos0(t, byRoot["CATypes"], func() any { return new(difftest.CATypes) }, env.Options{RequiredIfNoDef: true})
	})
	t.Run("renamed", func(t *testing.T) {
		compareCaarlos0(t, byRoot["CARenamed"], func() any { return new(difftest.CARenamed) },
			env.Options{TagName: "cfg", PrefixTagName: "pfx", DefaultValueTagName: "def"})
	})
}

func compareCaarlos0(t *testing.T, got map[string]lint.ConfigKey, target func() any, opts env.Options) {
	t.Helper()
	params, err := env.GetFieldParamsWithOptions(target(), opts)
	if err != nil {
		t.Fatal(err)
	}
	// Required: parse with an empty environment; errors are aggregated.
	o := opts
	o.Environment = map[string]string{}
	required := map[string]bool{}
	var agg env.AggregateError
	if err := env.ParseWithOptions(target(), o); errors.As(err, &agg) {
		for _, e := range agg.Errors {
			var notSet env.VarIsNotSetError
			var empty env.EmptyVarError
			switch {
			case errors.As(e, &notSet):
				required[notSet.Key] = true
			case errors.As(e, &empty):
				required[empty.Key] = true
			}
		}
	}
	var want []seen
	for _, p := range params {
		// Deliberate: a variable the library can never set (a struct field
		// named by UseFieldNameByDefault, with no parser) is not a key.
		o := opts
		o.Environment = map[string]string{p.Key: "x"}
		var noParser env.NoParserError
		if err := env.ParseWithOptions(target(), o); errors.As(err, &noParser) {
			continue
		}
		s := seen{Name: p.Key, Required: required[p.Key]}
		if p.HasDefaultValue {
			s.Default = strPtr(p.DefaultValue)
		}
		want = append(want, s)
	}
	if diff := cmp.Diff(sortSeen(want), toSeen(got)); diff != "" {
		t.Errorf("caarlos0 (-library +envlint):\n%s", diff)
	}
}

var khTemplate = template.Must(template.New("").Parse(`{{range .}}{{.Key}}|{{.Alt}}|{{.Tags.Get "default"}}{{"\n"}}{{end}}`))

var khRequired = regexp.MustCompile(`^required key (\S+) missing value$`)

func TestDiff_Kelseyhightower(t *testing.T) {
	for _, prefix := range []string{"myapp", "", "APP_"} {
		t.Run("prefix="+prefix, func(t *testing.T) {
			got := static(t, lint.Kelseyhightower, "KHConfig", prefix)
			var buf bytes.Buffer
			if err := khenv.Usaget(prefix, new(difftest.KHConfig), &buf, khTemplate); err != nil {
				t.Fatal(err)
			}
			var want []seen
			var names []string
			for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
				parts := strings.Split(line, "|")
				s := seen{Name: parts[0]}
				if parts[1] != "" && parts[1] != parts[0] {
					s.Aliases = []string{parts[1]}
				}
				if parts[2] != "" {
					s.Default = strPtr(parts[2])
				}
				names = append(names, parts[0], parts[1])
				want = append(want, s)
			}
			// Required: Process with the names unset; it stops at the first
			// missing required key, which is then set and the load retried.
			clearEnv(t, allNames(got, names...))
			required := map[string]bool{}
			for range 100 {
				err := khenv.Process(prefix, new(difftest.KHConfig))
				if err == nil {
					break
				}
				m := khRequired.FindStringSubmatch(err.Error())
				if m == nil {
					t.Fatalf("unexpected error %v", err)
				}
				required[m[1]] = true
				t.Setenv(m[1], validValue(got[m[1]]))
			}
			for i := range want {
				want[i].Required = required[want[i].Name]
			}
			if diff := cmp.Diff(sortSeen(want), toSeen(got)); diff != "" {
				t.Errorf("kelseyhightower (-library +envlint):\n%s", diff)
			}
		})
	}
}

func TestDiff_Sethvargo(t *testing.T) {
	for _, prefix := range []string{"APP_", ""} {
		t.Run("prefix="+prefix, func(t *testing.T) {
			got := static(t, lint.Sethvargo, "SVConfig", prefix)
			set := map[string]string{}
			recorded := map[string]bool{}
			required := map[string]bool{}
			for range 100 {
				recorded = map[string]bool{}
				l := svenv.LookuperFunc(func(k string) (string, bool) {
					recorded[k] = true
					v, ok := set[k]
					return v, ok
				})
				var lk svenv.Lookuper = l
				if prefix != "" {
					lk = svenv.PrefixLookuper(prefix, l)
				}
				err := svenv.ProcessWith(context.Background(), &svenv.Config{Target: new(difftest.SVConfig), Lookuper: lk})
				if err == nil {
					break
				}
				if !errors.Is(err, svenv.ErrMissingRequired) {
					t.Fatalf("unexpected error %v", err)
				}
				k := err.Error()[strings.LastIndex(err.Error(), " ")+1:]
				required[k] = true
				set[k] = validValue(got[k])
			}
			// The documented difference: $USER in a default is read, unprefixed.
			if !recorded["USER"] {
				t.Errorf("the library no longer reads USER through default=$USER; update the documented difference")
			}
			delete(recorded, "USER")
			for k := range got {
				if got[k].Expand && !strings.Contains(*got[k].Default, "$USER") {
					t.Errorf("%s: unexpected Expand", k)
				}
			}
			var want, gotS []seen
			for k := range recorded {
				want = append(want, seen{Name: k, Required: required[k]})
			}
			for _, k := range got {
				gotS = append(gotS, seen{Name: k.Name, Required: k.Required})
			}
			if diff := cmp.Diff(sortSeen(want), sortSeen(gotS)); diff != "" {
				t.Errorf("sethvargo (-library +envlint):\n%s", diff)
			}
		})
	}
}

var ceLine = regexp.MustCompile(`^  (.*) [a-z0-9]+( \(alternative to (.*)\))?$`)
var ceDefault = regexp.MustCompile(` \(default ("(?:[^"\\]|\\.)*")\)$`)
var ceRequired = regexp.MustCompile(`^field "(\w+)" is required but the value is not provided$`)

func TestDiff_Cleanenv(t *testing.T) {
	got := static(t, lint.Cleanenv, "CEConfig", "")
	desc, err := cleanenv.GetDescription(new(difftest.CEConfig), new(string))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*seen{}
	aliases := map[string][]string{}
	var order []string
	lines := strings.Split(desc, "\n")
	for i := 0; i+1 < len(lines); i++ {
		m := ceLine.FindStringSubmatch(lines[i])
		if m == nil || !strings.HasPrefix(lines[i+1], "    \t") {
			continue
		}
		var def *string
		if d := ceDefault.FindStringSubmatch(lines[i+1]); d != nil {
			v, err := strconv.Unquote(d[1])
			if err != nil {
				t.Fatal(err)
			}
			def = &v
		}
		if m[2] != "" {
			aliases[m[3]] = append(aliases[m[3]], m[1])
			continue
		}
		byName[m[1]] = &seen{Name: m[1], Default: def}
		order = append(order, m[1])
	}
	for n, a := range aliases {
		slices.Sort(a)
		byName[n].Aliases = a
	}
	clearEnv(t, allNames(got))
	required := map[string]bool{}
	for range 100 {
		err := cleanenv.ReadEnv(new(difftest.CEConfig))
		if err == nil {
			break
		}
		m := ceRequired.FindStringSubmatch(err.Error())
		if m == nil {
			t.Fatalf("unexpected error %v", err)
		}
		// The library names the Go field: find the unset key it belongs to.
		found := false
		for _, k := range got {
			if strings.HasSuffix(k.Field, "."+m[1]) && os.Getenv(k.Name) == "" && !required[k.Name] {
				required[k.Name] = true
				t.Setenv(k.Name, validValue(k))
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("library requires field %s that envlint does not read", m[1])
		}
	}
	var want []seen
	for _, n := range order {
		s := *byName[n]
		s.Required = required[n]
		want = append(want, s)
	}
	if diff := cmp.Diff(sortSeen(want), toSeen(got)); diff != "" {
		t.Errorf("cleanenv (-library +envlint):\n%s", diff)
	}
}

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
