package lint

import "testing"

func TestVisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"apps/api/.env.example", "apps/api/.env.example"},
		{`C:\repo\.env`, `C:\repo\.env`}, // nothing to escape: backslashes stay
		{"a\nb::error::x", `a\nb::error::x`},
		{"KEY\x1b[31mRED", `KEY\x1b[31mRED`},
		{"\x1b]8;;http://x\x07", `\x1b]8;;http://x\x07`},
		{"a\\b\x00", `a\\b\x00`},
		{"tab\there", `tab\there`},
		{"del\x7f", `del\x7f`},
		{"c1\u009bcsi", `c1\u009bcsi`},
		{"bidi\u202egnp.exe", `bidi\u202egnp.exe`},
		{"isolate\u2066x\u2069", `isolate\u2066x\u2069`},
		{"zw\u200bsp", `zw\u200bsp`},
		{"bad\xffutf8", `bad\xffutf8`},
		{"ünïcødé ✓", "ünïcødé ✓"},
	}
	for _, tt := range tests {
		if got := Visible(tt.in); got != tt.want {
			t.Errorf("Visible(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
