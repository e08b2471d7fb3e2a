package dotenv

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/envlint/envlint/internal/lint"
)

// TestParse_Hostile feeds inputs built to hurt a reader. Each must report
// positioned errors and keep every position inside the input. How long they
// take is measured by BenchmarkParse, never asserted: a busy CI machine
// must not fail the gate.
func TestParse_Hostile(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	binary := make([]byte, 1<<20)
	for i := range binary {
		binary[i] = byte(rng.Uint32())
	}
	big := strings.Repeat("x", 10<<20)
	var keys strings.Builder
	for i := range 50_000 {
		keys.WriteString("KEY_")
		keys.WriteString(strings.Repeat("A", i%7))
		keys.WriteString("=value # doc\n")
	}
	tests := []struct {
		name    string
		src     string
		entries int
		errors  []lint.Problem // nil: only count them
		minErrs int
	}{
		{name: "binary", src: string(binary), entries: -1, minErrs: maxErrors},
		{name: "invalid utf-8", src: "A=\xff\xfe\xfd\nB=\"\xc3\x28\"\n\xe2\x82=1\n", entries: 2, minErrs: 1},
		{name: "10 MB value", src: "A=" + big, entries: 1},
		{name: "10 MB quoted value", src: "A=\"" + big + "\"\nB=1\n", entries: 2},
		{name: "10 MB name", src: big, minErrs: 1},
		{name: "10 MB comment", src: "#" + big + "\nA=1", entries: 1},
		{name: "50,000 keys", src: keys.String(), entries: 50_000},
		// Each quote closes the value the previous line opened, as in godotenv.
		{name: "50,000 opening quotes", src: strings.Repeat("A=\"x\n", 50_000), entries: 25_000, minErrs: maxErrors},
		{name: "50,000 commented unterminated quotes", src: strings.Repeat("# A=\"x\n", 50_000), entries: 50_000},
		{name: "50,000 group markers", src: strings.Repeat("# [VAULT] A_*\n", 50_000) + "A_1=\n", entries: 1},
		{name: "50,000 block markers", src: strings.Repeat("# [VAULT]\nA=\n", 50_000), entries: 50_000},
		{name: "unterminated quote at end of file", src: "A=1\nB=\"never", entries: 2,
			errors: []lint.Problem{{Pos: lint.Pos{File: file, Line: 2, Col: 3}, Msg: "unterminated quoted value"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			f := Parse(file, src)
			if tt.entries >= 0 && len(f.Entries) != tt.entries {
				t.Errorf("%d entries, want %d", len(f.Entries), tt.entries)
			}
			if tt.errors != nil {
				if len(f.Errors) != len(tt.errors) || f.Errors[0] != tt.errors[0] {
					t.Errorf("errors %v, want %v", f.Errors, tt.errors)
				}
			} else if len(f.Errors) < tt.minErrs || tt.minErrs == 0 && len(f.Errors) > 0 {
				t.Errorf("%d errors, want at least %d (and none if 0): %.200v", len(f.Errors), tt.minErrs, f.Errors)
			}
			if len(f.Errors) > maxErrors {
				t.Errorf("%d errors, more than %d", len(f.Errors), maxErrors)
			}
			checkPositions(t, file, src, f)
		})
	}
}

// BenchmarkParse reads a realistic 2,000-line example file.
func BenchmarkParse(b *testing.B) {
	src := benchFile(2000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(file, src)
	}
}

func benchFile(lines int) []byte {
	var buf bytes.Buffer
	for i := 0; buf.Len() >= 0; i++ {
		for _, l := range []string{
			"# ---- Section ----",
			"# [VAULT] PostgreSQL DSN",
			"DATABASE_URL=postgres://user:pass@localhost:5432/app?sslmode=disable",
			"DATABASE_POOL=10 # connections",
			"",
			"# [VAULT] All S3_* variables are managed by Vault",
			"S3_BUCKET=dev-bucket",
			"S3_REGION=\"eu-west-1\"",
			"# DEBUG=true",
			"export GREETING='hello world'",
			"",
		} {
			if lines == 0 {
				return buf.Bytes()
			}
			buf.WriteString(l)
			buf.WriteByte('\n')
			lines--
		}
	}
	return buf.Bytes()
}
