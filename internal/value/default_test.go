package value_test

import (
	"context"
	"log/slog"
	"net"
	"os"
	"reflect"
	"testing"
	"time"

	caarlos0 "github.com/caarlos0/env/v11"
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/value"
	"github.com/ilyakaznacheev/cleanenv"
	kh "github.com/kelseyhightower/envconfig"
	sethvargo "github.com/sethvargo/go-envconfig"
)

// decodeWithDefault asks the library to load a one-field struct whose field
// has the default def (nil: no default tag) with the variable unset
// (raw == nil) or set to *raw.
func decodeWithDefault(lib lint.Library, typ reflect.Type, def, raw *string) (err error) {
	const envName = "ENVLINT_DEF_V"
	tag := ""
	switch lib {
	case lint.Caarlos0:
		tag = `env:"` + envName + `"`
		if def != nil {
			tag += ` envDefault:"` + *def + `"`
		}
	case lint.Kelseyhightower:
		tag = `envconfig:"` + envName + `"`
		if def != nil {
			tag += ` default:"` + *def + `"`
		}
	case lint.Sethvargo:
		tag = `env:"` + envName
		if def != nil {
			tag += `,default=` + *def
		}
		tag += `"`
	case lint.Cleanenv:
		tag = `env:"` + envName + `"`
		if def != nil {
			tag += ` env-default:"` + *def + `"`
		}
	}
	st := reflect.StructOf([]reflect.StructField{{Name: "F", Type: typ, Tag: reflect.StructTag(tag)}})
	target := reflect.New(st).Interface()
	environ := map[string]string{}
	os.Unsetenv(envName)
	if raw != nil {
		environ[envName] = *raw
		os.Setenv(envName, *raw)
	}
	switch lib {
	case lint.Caarlos0:
		return caarlos0.ParseWithOptions(target, caarlos0.Options{Environment: environ})
	case lint.Kelseyhightower:
		return kh.Process("", target)
	case lint.Sethvargo:
		return sethvargo.ProcessWith(context.Background(), &sethvargo.Config{Target: target, Lookuper: sethvargo.MapLookuper(environ)})
	default:
		return cleanenv.ReadEnv(target)
	}
}

// TestEffective_Differential checks Effective and CheckDefault against each
// library's default and empty-value rules: loading fails exactly when the
// string Effective says is decoded fails Check.
func TestEffective_Differential(t *testing.T) {
	t.Setenv("ENVLINT_DEF_V", "")
	str := func(s string) *string { return &s }
	types := []struct {
		rt reflect.Type
		lt lint.Type
	}{
		{reflect.TypeFor[int](), tInt},
		{reflect.TypeFor[string](), tString},
		{reflect.TypeFor[[]int](), slice(tInt)},
		{reflect.TypeFor[time.Time](), tTime},
		{reflect.TypeFor[time.Duration](), tDuration},
		{reflect.TypeFor[net.IP](), tIP},
		{reflect.TypeFor[slog.Level](), lt("slog.Level", lint.KindText, 0)},
	}
	defaults := []*string{nil, str(""), str("5"), str("x"), str("2024-01-02T15:04:05Z")}
	raws := []*string{nil, str(""), str("7"), str("y"), str("1,2")}
	n := 0
	for _, lib := range lint.Libraries {
		for _, ty := range types {
			for _, def := range defaults {
				for _, raw := range raws {
					libErr := decodeWithDefault(lib, ty.rt, def, raw)
					k := &lint.ConfigKey{Name: "ENVLINT_DEF_V", Library: lib, Type: ty.lt, Default: def}
					set, r := raw != nil, ""
					if set {
						r = *raw
					}
					var got error
					if v, ok := value.Effective(k, r, set); ok {
						got = value.Check(k, v)
					}
					n++
					if (libErr != nil) != (got != nil) {
						t.Errorf("%s %s default=%s raw=%s: library error = %v, Effective+Check = %v", lib, ty.lt.Name, show(def), show(raw), libErr, got)
					}
					// CheckDefault is the unset case where the default is used.
					if v, ok := value.Effective(k, "", false); raw == nil && ok && def != nil && v == *def && !(lib == lint.Sethvargo && *def == "") {
						if dErr := value.CheckDefault(k); (dErr != nil) != (got != nil) {
							t.Errorf("%s %s default=%s: CheckDefault = %v, Effective+Check = %v", lib, ty.lt.Name, show(def), dErr, got)
						}
					}
				}
			}
		}
	}
	t.Logf("%d (library, type, default, value) combinations compared", n)
}

// TestRejectsEmpty_Differential sets each variable to "" and compares with
// the library, caarlos0 notEmpty included.
func TestRejectsEmpty_Differential(t *testing.T) {
	t.Setenv("ENVLINT_DEF_V", "")
	str := func(s string) *string { return &s }
	empty := str("")
	types := []struct {
		rt reflect.Type
		lt lint.Type
	}{
		{reflect.TypeFor[int](), tInt},
		{reflect.TypeFor[string](), tString},
		{reflect.TypeFor[bool](), tBool},
		{reflect.TypeFor[[]string](), slice(tString)},
		{reflect.TypeFor[time.Time](), tTime},
		{reflect.TypeFor[net.IP](), tIP},
		{reflect.TypeFor[slog.Level](), lt("slog.Level", lint.KindText, 0)},
	}
	for _, lib := range lint.Libraries {
		for _, ty := range types {
			for _, def := range []*string{nil, str(""), str("5")} {
				for _, notEmpty := range []bool{false, true} {
					if notEmpty && lib != lint.Caarlos0 {
						continue
					}
					var libErr error
					if notEmpty {
						libErr = decodeNotEmpty(ty.rt, def)
					} else {
						libErr = decodeWithDefault(lib, ty.rt, def, empty)
					}
					k := &lint.ConfigKey{Library: lib, Type: ty.lt, Default: def, NotEmpty: notEmpty}
					if got := value.RejectsEmpty(k); got != (libErr != nil) {
						t.Errorf("%s %s default=%s notEmpty=%v: RejectsEmpty = %v, library error = %v", lib, ty.lt.Name, show(def), notEmpty, got, libErr)
					}
				}
			}
		}
	}
}

func decodeNotEmpty(typ reflect.Type, def *string) error {
	tag := `env:"ENVLINT_DEF_V,notEmpty"`
	if def != nil {
		tag += ` envDefault:"` + *def + `"`
	}
	st := reflect.StructOf([]reflect.StructField{{Name: "F", Type: typ, Tag: reflect.StructTag(tag)}})
	return caarlos0.ParseWithOptions(reflect.New(st).Interface(), caarlos0.Options{Environment: map[string]string{"ENVLINT_DEF_V": ""}})
}

func show(s *string) string {
	if s == nil {
		return "<none>"
	}
	return `"` + *s + `"`
}

func TestEmptyIsUnset(t *testing.T) {
	want := map[lint.Library]bool{lint.Caarlos0: true, lint.Kelseyhightower: false, lint.Sethvargo: false, lint.Cleanenv: false}
	for lib, w := range want {
		if got := value.EmptyIsUnset(lib); got != w {
			t.Errorf("EmptyIsUnset(%s) = %v, want %v", lib, got, w)
		}
	}
}
