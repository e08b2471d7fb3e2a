package value_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/value"
)

// TestCheck_Rules pins the documented differences between libraries
// (LIBRARIES.md §7 item 9) and the exact wording of a few messages.
func TestCheck_Rules(t *testing.T) {
	namedDur := lt("Timeout", lint.KindInt, 64)
	tests := []struct {
		name string
		key  lint.ConfigKey
		raw  string
		want string // "" for valid
	}{
		{"caarlos0 int is 32-bit", lint.ConfigKey{Library: lint.Caarlos0, Type: tInt}, "3000000000",
			"value out of range for int: caarlos0/env parses int as a 32-bit signed integer (base 10 only)"},
		{"kh int is native", lint.ConfigKey{Library: lint.Kelseyhightower, Type: tInt}, "3000000000", ""},
		{"caarlos0 base 10", lint.ConfigKey{Library: lint.Caarlos0, Type: tInt64}, "0x10",
			"not an integer for int64: caarlos0/env parses int64 as a 64-bit signed integer (base 10 only)"},
		{"sethvargo base 0", lint.ConfigKey{Library: lint.Sethvargo, Type: tInt64}, "0x10", ""},
		{"cleanenv underscores", lint.ConfigKey{Library: lint.Cleanenv, Type: tInt}, "1_000", ""},
		{"int8 overflow", lint.ConfigKey{Library: lint.Kelseyhightower, Type: tInt8}, "128",
			"value out of range for int8: kelseyhightower/envconfig parses int8 as an 8-bit signed integer (base prefixes 0x, 0o, 0b and _ separators allowed)"},
		{"named duration is an integer", lint.ConfigKey{Library: lint.Sethvargo, Type: namedDur}, "5s",
			"not an integer for Timeout: sethvargo/go-envconfig parses Timeout as a 64-bit signed integer (base prefixes 0x, 0o, 0b and _ separators allowed)"},
		{"caarlos0 empty uses the default", lint.ConfigKey{Library: lint.Caarlos0, Type: tInt}, "", ""},
		{"kh empty int", lint.ConfigKey{Library: lint.Kelseyhightower, Type: tInt}, "",
			"empty value for int: kelseyhightower/envconfig parses int as a 64-bit signed integer (base prefixes 0x, 0o, 0b and _ separators allowed)"},
		{"sethvargo empty keeps zero", lint.ConfigKey{Library: lint.Sethvargo, Type: tInt}, "", ""},
		{"caarlos0 []byte is numbers", lint.ConfigKey{Library: lint.Caarlos0, Type: slice(tUint8)}, "hello",
			`item 1 of []uint8 (split on ",", not trimmed): not an unsigned integer for uint8: caarlos0/env parses uint8 as an 8-bit unsigned integer (base 10 only)`},
		{"cleanenv []byte is raw", lint.ConfigKey{Library: lint.Cleanenv, Type: slice(tUint8)}, "hello", ""},
		{"kh map value with colon", lint.ConfigKey{Library: lint.Kelseyhightower, Type: mapOf(tString, tString)}, "a:http://x",
			`item 1 of map[string]string is not key:value: kelseyhightower/envconfig splits items on "," and each item on every ":", so keys and values cannot contain ":"`},
		{"caarlos0 map value with colon", lint.ConfigKey{Library: lint.Caarlos0, Type: mapOf(tString, tString)}, "a:http://x", ""},
		{"sethvargo trims items", lint.ConfigKey{Library: lint.Sethvargo, Type: slice(tInt)}, "1, 2", ""},
		{"caarlos0 does not trim", lint.ConfigKey{Library: lint.Caarlos0, Type: slice(tInt)}, "1, 2",
			`item 2 of []int (split on ",", not trimmed): not an integer for int: caarlos0/env parses int as a 32-bit signed integer (base 10 only)`},
		{"custom separator", lint.ConfigKey{Library: lint.Caarlos0, Type: slice(tInt), Separator: ";"}, "1;2", ""},
		{"cleanenv layout", lint.ConfigKey{Library: lint.Cleanenv, Type: tTime, Layout: "2006-01-02"}, "2024-01-02T15:04:05Z",
			`not a time for time.Time: cleanenv parses time.Time with the env-layout "2006-01-02"`},
		{"caarlos0 file is a path", lint.ConfigKey{Library: lint.Caarlos0, Type: tInt, File: true}, "/run/secrets/port", ""},
		{"caarlos0 expand", lint.ConfigKey{Library: lint.Caarlos0, Type: tInt, Expand: true}, "${PORT}", ""},
		{"caarlos0 no expand", lint.ConfigKey{Library: lint.Caarlos0, Type: tInt}, "${PORT}",
			"not an integer for int: caarlos0/env parses int as a 32-bit signed integer (base 10 only)"},
		{"unknown text type", lint.ConfigKey{Library: lint.Caarlos0, Type: lt("LogLevel", lint.KindText, 0)}, "anything", ""},
		{"cleanenv pointer", lint.ConfigKey{Library: lint.Cleanenv, Type: ptr(tInt)}, "1",
			"unsupported type *int: cleanenv cannot decode it (of pointers it decodes only *time.Location)"},
		{"location", lint.ConfigKey{Library: lint.Caarlos0, Type: tLocation}, "Mars/Olympus",
			"not a time zone for time.Location: caarlos0/env parses time.Location with time.LoadLocation (an IANA zone name such as Europe/Paris, UTC or Local)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if err := value.Check(&tt.key, tt.raw); err != nil {
				got = err.Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Check(%q) mismatch (-want +got):\n%s", tt.raw, diff)
			}
		})
	}
}

func TestCheck_NilKey(t *testing.T) {
	if err := value.Check(nil, "x"); err != nil {
		t.Errorf("Check(nil) = %v, want nil", err)
	}
	if err := value.CheckDefault(nil); err != nil {
		t.Errorf("CheckDefault(nil) = %v, want nil", err)
	}
}

func FuzzCheck(f *testing.F) {
	for _, v := range values {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		for _, lib := range lint.Libraries {
			for _, ft := range fieldTypes {
				k := keyFor(lib, ft)
				_ = value.Check(k, raw) // must not panic
			}
		}
	})
}
