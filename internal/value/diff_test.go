package value_test

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	caarlos0 "github.com/caarlos0/env/v11"
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/value"
	"github.com/ilyakaznacheev/cleanenv"
	kh "github.com/kelseyhightower/envconfig"
	sethvargo "github.com/sethvargo/go-envconfig"
)

// Defined types, as a config package would declare them.
type (
	namedDur    time.Duration
	namedInt    int16
	namedString string
	namedBool   bool
)

// lt builds the lint.Type the Go struct reader produces for a field.
func lt(name string, kind lint.Kind, bits int) lint.Type {
	return lint.Type{Name: name, Kind: kind, Bits: bits}
}

func ptr(elem lint.Type) lint.Type {
	return lint.Type{Name: "*" + elem.Name, Kind: lint.KindPointer, Elem: &elem}
}

func slice(elem lint.Type) lint.Type {
	return lint.Type{Name: "[]" + elem.Name, Kind: lint.KindSlice, Elem: &elem}
}

func mapOf(key, elem lint.Type) lint.Type {
	return lint.Type{Name: "map[" + key.Name + "]" + elem.Name, Kind: lint.KindMap, Key: &key, Elem: &elem}
}

var (
	tBool     = lt("bool", lint.KindBool, 0)
	tString   = lt("string", lint.KindString, 0)
	tInt      = lt("int", lint.KindInt, 0)
	tInt8     = lt("int8", lint.KindInt, 8)
	tInt16    = lt("int16", lint.KindInt, 16)
	tInt32    = lt("int32", lint.KindInt, 32)
	tInt64    = lt("int64", lint.KindInt, 64)
	tUint     = lt("uint", lint.KindUint, 0)
	tUint8    = lt("uint8", lint.KindUint, 8)
	tUint16   = lt("uint16", lint.KindUint, 16)
	tUint32   = lt("uint32", lint.KindUint, 32)
	tUint64   = lt("uint64", lint.KindUint, 64)
	tFloat32  = lt("float32", lint.KindFloat, 32)
	tFloat64  = lt("float64", lint.KindFloat, 64)
	tDuration = lt("time.Duration", lint.KindDuration, 0)
	tTime     = lt("time.Time", lint.KindTime, 0)
	tURL      = lt("url.URL", lint.KindURL, 0)
	tLocation = lt("time.Location", lint.KindLocation, 0)
	tIP       = lt("net.IP", lint.KindText, 0)
)

// fieldType pairs a Go type with the lint.Type envlint derives for it and
// the decoding options of the field.
type fieldType struct {
	name   string
	rt     reflect.Type
	lt     lint.Type
	sep    string // slice/map item separator tag, "" for the default
	kv     string // map key/value separator tag, "" for the default
	layout string // cleanenv env-layout
	// skip lists libraries that panic on this type instead of failing.
	skip []lint.Library
}

func rt[T any]() reflect.Type { return reflect.TypeFor[T]() }

var fieldTypes = []fieldType{
	{name: "bool", rt: rt[bool](), lt: tBool},
	{name: "string", rt: rt[string](), lt: tString},
	{name: "int", rt: rt[int](), lt: tInt},
	{name: "int8", rt: rt[int8](), lt: tInt8},
	{name: "int16", rt: rt[int16](), lt: tInt16},
	{name: "int32", rt: rt[int32](), lt: tInt32},
	{name: "int64", rt: rt[int64](), lt: tInt64},
	{name: "uint", rt: rt[uint](), lt: tUint},
	{name: "uint8", rt: rt[uint8](), lt: tUint8},
	{name: "uint16", rt: rt[uint16](), lt: tUint16},
	{name: "uint32", rt: rt[uint32](), lt: tUint32},
	{name: "uint64", rt: rt[uint64](), lt: tUint64},
	{name: "float32", rt: rt[float32](), lt: tFloat32},
	{name: "float64", rt: rt[float64](), lt: tFloat64},
	{name: "time.Duration", rt: rt[time.Duration](), lt: tDuration},
	{name: "namedDur", rt: rt[namedDur](), lt: lt("namedDur", lint.KindInt, 64)},
	{name: "namedInt", rt: rt[namedInt](), lt: lt("namedInt", lint.KindInt, 16)},
	{name: "namedString", rt: rt[namedString](), lt: lt("namedString", lint.KindString, 0)},
	{name: "namedBool", rt: rt[namedBool](), lt: lt("namedBool", lint.KindBool, 0)},
	{name: "time.Time", rt: rt[time.Time](), lt: tTime},
	{name: "time.Time layout", rt: rt[time.Time](), lt: tTime, layout: "2006-01-02"},
	{name: "url.URL", rt: rt[url.URL](), lt: tURL},
	{name: "*url.URL", rt: rt[*url.URL](), lt: ptr(tURL)},
	{name: "time.Location", rt: rt[time.Location](), lt: tLocation},
	{name: "*time.Location", rt: rt[*time.Location](), lt: ptr(tLocation)},
	{name: "net.IP", rt: rt[net.IP](), lt: tIP},
	{name: "slog.Level", rt: rt[slog.Level](), lt: lt("slog.Level", lint.KindText, 0)},
	{name: "netip.Addr", rt: rt[netip.Addr](), lt: lt("netip.Addr", lint.KindText, 0)},
	{name: "netip.AddrPort", rt: rt[netip.AddrPort](), lt: lt("netip.AddrPort", lint.KindText, 0)},
	{name: "netip.Prefix", rt: rt[netip.Prefix](), lt: lt("netip.Prefix", lint.KindText, 0)},
	{name: "*regexp.Regexp", rt: rt[*regexp.Regexp](), lt: ptr(lt("regexp.Regexp", lint.KindText, 0)),
		skip: []lint.Library{lint.Cleanenv}},
	{name: "*int", rt: rt[*int](), lt: ptr(tInt)},
	{name: "*time.Duration", rt: rt[*time.Duration](), lt: ptr(tDuration)},
	{name: "*string", rt: rt[*string](), lt: ptr(tString)},
	{name: "**int", rt: rt[**int](), lt: ptr(ptr(tInt))},
	{name: "*[]string", rt: rt[*[]string](), lt: ptr(slice(tString))},
	{name: "[]string", rt: rt[[]string](), lt: slice(tString)},
	{name: "[]int", rt: rt[[]int](), lt: slice(tInt)},
	{name: "[]int8", rt: rt[[]int8](), lt: slice(tInt8)},
	{name: "[]byte", rt: rt[[]byte](), lt: slice(tUint8)},
	{name: "[]bool", rt: rt[[]bool](), lt: slice(tBool)},
	{name: "[]float64", rt: rt[[]float64](), lt: slice(tFloat64)},
	{name: "[]time.Duration", rt: rt[[]time.Duration](), lt: slice(tDuration)},
	{name: "[]namedDur", rt: rt[[]namedDur](), lt: slice(lt("namedDur", lint.KindInt, 64))},
	{name: "[]time.Time", rt: rt[[]time.Time](), lt: slice(tTime)},
	{name: "[]time.Time layout", rt: rt[[]time.Time](), lt: slice(tTime), layout: "2006-01-02"},
	{name: "[]url.URL", rt: rt[[]url.URL](), lt: slice(tURL)},
	{name: "[]net.IP", rt: rt[[]net.IP](), lt: slice(tIP)},
	{name: "[]*int", rt: rt[[]*int](), lt: slice(ptr(tInt))},
	{name: "[][]string", rt: rt[[][]string](), lt: slice(slice(tString))},
	{name: "[]int sep ;", rt: rt[[]int](), lt: slice(tInt), sep: ";"},
	{name: "[]string sep ;", rt: rt[[]string](), lt: slice(tString), sep: ";"},
	{name: "map[string]string", rt: rt[map[string]string](), lt: mapOf(tString, tString)},
	{name: "map[string]int", rt: rt[map[string]int](), lt: mapOf(tString, tInt)},
	{name: "map[int]bool", rt: rt[map[int]bool](), lt: mapOf(tInt, tBool)},
	{name: "map[string]time.Duration", rt: rt[map[string]time.Duration](), lt: mapOf(tString, tDuration)},
	{name: "map[string]url.URL", rt: rt[map[string]url.URL](), lt: mapOf(tString, tURL)},
	{name: "map[string]time.Time", rt: rt[map[string]time.Time](), lt: mapOf(tString, tTime)},
	{name: "map[string]*int", rt: rt[map[string]*int](), lt: mapOf(tString, ptr(tInt))},
	{name: "map[string]string sep ; kv =", rt: rt[map[string]string](), lt: mapOf(tString, tString), sep: ";", kv: "="},
	{name: "map[string]int sep ;", rt: rt[map[string]int](), lt: mapOf(tString, tInt), sep: ";"},
}

// values covers valid and invalid inputs for every type above: widths and
// bases, whitespace, separators, ':' inside map values, time layouts, zones,
// addresses and levels.
var values = []string{
	"", " ", "0", "1", "-1", "42", " 42", "42 ", "127", "128", "-128", "-129", "255", "256",
	"32767", "32768", "65535", "65536", "2147483647", "2147483648", "-2147483649", "3000000000",
	"4294967295", "4294967296", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
	"18446744073709551615", "18446744073709551616", "0x10", "0X1f", "0o17", "017", "0b101", "1_000", "_1",
	"1e3", "1.5", "-1.5", "3.4e39", "1e309", "NaN", "inf", "0x1p-2",
	"true", "false", "TRUE", "True", "tRUE", "yes", "t", "F", "on",
	"5s", "1h30m", "-5s", "300ms", "1.5h", "5", "0s", "1d",
	"abc", "hello", "a,b", "1,2,3", "1, 2", "1,,2", "1,", ",", "1;2;3", "1; 2", "a;b",
	"a:1", "a:1,b:2", "a: 1, b :2", "a:http://x", "a:http://x,b:y", "a=1;b=2", "a=1", "a:1;b:2", "a", "a:1:2", ":", "1:true,2:f",
	"a:5s,b:1m", "a:2024-01-02T15:04:05Z", "a:",
	"http://example.com/path?q=1", "://bad", "postgres://u:p@h:5432/db", "%zz", "http://[::1", "/relative/path",
	"2024-01-02T15:04:05Z", "2024-01-02", "2024-01-02T15:04:05.123+02:00", "2024-1-2T1:04:05Z",
	`"2024-01-02T15:04:05Z"`, "null", "2024-01-02,2025-02-03", "2024-01-02T15:04:05Z,2025-01-02T15:04:05Z",
	"Europe/Paris", "UTC", "Local", "Mars/Olympus", "../etc",
	"127.0.0.1", "::1", "10.0.0.0/8", "127.0.0.1:80", "[::1]:443", "300.1.1.1", "127.0.0.1,10.0.0.1",
	"info", "DEBUG", "warn+2", "ERROR-4", `"INFO"`, "abcd", "[a-z]+", "[",
}

var errPanic = fmt.Errorf("library panicked")

// decode asks the real library to decode raw into a one-field struct of
// type ft and returns its error.
func decode(t *testing.T, lib lint.Library, ft fieldType, raw string) (err error) {
	const envName = "ENVLINT_DIFF_V"
	var tag string
	switch lib {
	case lint.Caarlos0:
		tag = `env:"` + envName + `"`
		if ft.sep != "" {
			tag += ` envSeparator:"` + ft.sep + `"`
		}
		if ft.kv != "" {
			tag += ` envKeyValSeparator:"` + ft.kv + `"`
		}
	case lint.Kelseyhightower:
		tag = `envconfig:"` + envName + `"`
	case lint.Sethvargo:
		opts := envName
		if ft.sep != "" {
			opts += ",delimiter=" + ft.sep
		}
		if ft.kv != "" {
			opts += ",separator=" + ft.kv
		}
		tag = `env:"` + opts + `"`
	case lint.Cleanenv:
		tag = `env:"` + envName + `"`
		if ft.sep != "" {
			tag += ` env-separator:"` + ft.sep + `"`
		}
		if ft.layout != "" {
			tag += ` env-layout:"` + ft.layout + `"`
		}
	}
	st := reflect.StructOf([]reflect.StructField{{Name: "F", Type: ft.rt, Tag: reflect.StructTag(tag)}})
	target := reflect.New(st).Interface()
	defer func() {
		if r := recover(); r != nil {
			err = errPanic
		}
	}()
	switch lib {
	case lint.Caarlos0:
		return caarlos0.ParseWithOptions(target, caarlos0.Options{Environment: map[string]string{envName: raw}})
	case lint.Kelseyhightower:
		os.Setenv(envName, raw)
		return kh.Process("", target)
	case lint.Sethvargo:
		return sethvargo.ProcessWith(context.Background(), &sethvargo.Config{
			Target:   target,
			Lookuper: sethvargo.MapLookuper(map[string]string{envName: raw}),
		})
	case lint.Cleanenv:
		os.Setenv(envName, raw)
		return cleanenv.ReadEnv(target)
	}
	t.Fatalf("unknown library %s", lib)
	return nil
}

func keyFor(lib lint.Library, ft fieldType) *lint.ConfigKey {
	k := &lint.ConfigKey{Name: "ENVLINT_DIFF_V", Library: lib, Type: ft.lt, Source: "struct"}
	switch lib {
	case lint.Caarlos0, lint.Sethvargo:
		k.Separator, k.KeyValSeparator = ft.sep, ft.kv
	case lint.Cleanenv:
		k.Separator = ft.sep
		if ft.lt.Kind == lint.KindTime {
			k.Layout = ft.layout
		}
	}
	return k
}

// TestCheck_Differential asks each real library to decode every value into
// every type and requires Check to fail exactly when the library fails.
func TestCheck_Differential(t *testing.T) {
	t.Setenv("ENVLINT_DIFF_V", "") // restores the variable afterwards
	for _, lib := range lint.Libraries {
		t.Run(string(lib), func(t *testing.T) {
			var runs, accepted, rejected, panics int
			for _, ft := range fieldTypes {
				if ft.layout != "" && lib != lint.Cleanenv {
					continue // env-layout is cleanenv's
				}
				if (ft.sep != "" || ft.kv != "") && lib == lint.Kelseyhightower {
					continue // no custom separators
				}
				if ft.kv != "" && lib == lint.Cleanenv {
					continue // the key/value separator is always ':'
				}
				if containsLib(ft.skip, lib) {
					continue
				}
				k := keyFor(lib, ft)
				for _, raw := range values {
					libErr := decode(t, lib, ft, raw)
					if libErr == errPanic {
						panics++
						continue
					}
					runs++
					got := value.Check(k, raw)
					if (libErr != nil) != (got != nil) {
						t.Errorf("%s %q: library error = %v, Check = %v", ft.name, raw, libErr, got)
					}
					if libErr != nil {
						rejected++
					} else {
						accepted++
					}
				}
			}
			t.Logf("%d (type, value) pairs compared: %d accepted, %d rejected by the library; %d library panics skipped", runs, accepted, rejected, panics)
		})
	}
}

func containsLib(libs []lint.Library, lib lint.Library) bool {
	for _, l := range libs {
		if l == lib {
			return true
		}
	}
	return false
}

// TestCheck_NoValueInMessage makes sure a rejected value never reaches the
// message: values may be secrets.
func TestCheck_NoValueInMessage(t *testing.T) {
	const canary = "CANARYzq7Xw9"
	inputs := []string{
		canary, canary + ",1", "1," + canary, "a:" + canary, canary + ":1", "x:" + canary + ":y",
		"2024-" + canary, "http://" + canary + "%zz", "::" + canary, canary + "/" + canary,
	}
	var rejections int
	for _, lib := range lint.Libraries {
		for _, ft := range fieldTypes {
			k := keyFor(lib, ft)
			for _, raw := range inputs {
				err := value.Check(k, raw)
				if err == nil {
					continue
				}
				rejections++
				if strings.Contains(err.Error(), "CANARY") {
					t.Errorf("%s %s: message leaks the value: %s", lib, ft.name, err)
				}
			}
		}
	}
	if rejections < 100 {
		t.Errorf("only %d rejections: the canary test checks too little", rejections)
	}
}
