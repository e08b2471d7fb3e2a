package gostruct

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/gostruct/internal/difftest"
	svenv "github.com/sethvargo/go-envconfig"
)

// TestDiff_SethvargoDefaults checks the defaults envlint reads from
// sethvargo tags against the library, which has no way to list them: for
// every key with a default, setting the variable to envlint's default must
// load the same field value as leaving it unset; a key without a default
// must load as the zero value.
func TestDiff_SethvargoDefaults(t *testing.T) {
	for _, prefix := range []string{"APP_", ""} {
		keys := static(t, lint.Sethvargo, "SVConfig", prefix)
		required := map[string]string{}
		for name, k := range keys {
			if k.Required {
				required[name] = validValue(k)
			}
		}
		load := func(env map[string]string) reflect.Value {
			t.Helper()
			// The map holds full names: PrefixLookuper prepends the prefix
			// before it asks the map.
			lk := svenv.Lookuper(svenv.MapLookuper(env))
			if prefix != "" {
				lk = svenv.PrefixLookuper(prefix, lk)
			}
			var c difftest.SVConfig
			if err := svenv.ProcessWith(context.Background(), &svenv.Config{Target: &c, Lookuper: lk}); err != nil {
				t.Fatalf("prefix %q: %v", prefix, err)
			}
			return reflect.ValueOf(c)
		}
		unset := load(required)
		checked := 0
		for name, k := range keys {
			if k.Required || k.Expand || k.Type.Kind == lint.KindStruct || strings.HasPrefix(k.Type.Name, "difftest.") || k.Type.Kind == lint.KindText {
				continue // set by the test, expanded at run time, a struct of its own fields, or decoded by the test's own types
			}
			got := field(t, unset, k.Field)
			if k.Default == nil {
				if !got.IsZero() {
					t.Errorf("prefix %q: %s has no default for envlint but loads as %v when unset", prefix, name, got)
				}
				continue
			}
			env := map[string]string{name: *k.Default}
			for r, v := range required {
				env[r] = v
			}
			if want := field(t, load(env), k.Field); !reflect.DeepEqual(got.Interface(), want.Interface()) {
				t.Errorf("prefix %q: %s: unset loads %v, but set to envlint's default %q loads %v", prefix, name, got, *k.Default, want)
			}
			checked++
		}
		t.Logf("prefix %q: %d defaults compared with the library", prefix, checked)
		if checked < 4 {
			t.Fatalf("prefix %q: only %d defaults compared; the test lost its cases", prefix, checked)
		}
	}
}

// field follows a Go field path such as "SVConfig.Cache.Host" from v,
// through pointers and promoted fields.
func field(t *testing.T, v reflect.Value, path string) reflect.Value {
	t.Helper()
	for _, name := range strings.Split(path, ".")[1:] {
		for v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		f := v.FieldByName(name)
		if !f.IsValid() {
			t.Fatalf("no field %s in %s", name, path)
		}
		v = f
	}
	return v
}
