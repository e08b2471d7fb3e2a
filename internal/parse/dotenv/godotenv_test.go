package dotenv

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/joho/godotenv"

	"github.com/envlint/envlint/internal/lint"
)

// liveValues is what a loader would set from the file: the last value of
// each live entry.
func liveValues(f *lint.ExampleFile) map[string]string {
	m := make(map[string]string)
	for _, e := range f.Entries {
		if !e.Commented {
			m[e.Name] = e.Value
		}
	}
	return m
}

// godotenvValues asks godotenv v1.5.1 to read src. A leading byte order mark
// is removed first, because envlint skips it on purpose (see the package
// doc), and the empty name that godotenv accepts is dropped, because envlint
// reports it as an error instead.
func godotenvValues(src []byte) (map[string]string, error) {
	m, err := godotenv.UnmarshalBytes(bytes.TrimPrefix(src, bom))
	delete(m, "")
	return m, err
}

// TestGodotenvAgreement reads every file in testdata with envlint and with
// godotenv. Files godotenv rejects are named invalid-*, and envlint must
// report an error in each. Files godotenv accepts but where envlint
// deliberately reports an error are named diverge-*. In every file godotenv
// accepts, the live values envlint reads must equal godotenv's.
func TestGodotenvAgreement(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.env")
	if err != nil || len(paths) < 20 {
		t.Fatalf("corpus: %d files, %v", len(paths), err)
	}
	for _, path := range paths {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f := Parse(name, src)
			want, gerr := godotenvValues(src)
			switch {
			case gerr != nil:
				if !strings.HasPrefix(name, "invalid-") {
					t.Fatalf("godotenv rejects the file (%v); name it invalid-*", gerr)
				}
				if len(f.Errors) == 0 {
					t.Fatalf("godotenv rejects the file (%v), envlint reports no error", gerr)
				}
				return
			case strings.HasPrefix(name, "invalid-"):
				t.Fatalf("godotenv accepts the file")
			case strings.HasPrefix(name, "diverge-"):
				if len(f.Errors) == 0 {
					t.Errorf("envlint reports no error for a documented difference")
				}
			case len(f.Errors) > 0:
				t.Errorf("envlint reports errors that godotenv does not: %v", f.Errors)
			}
			if diff := cmp.Diff(want, liveValues(f)); diff != "" {
				t.Errorf("live values differ from godotenv (-godotenv +envlint):\n%s", diff)
			}
		})
	}
}

// TestGodotenvAgreement_Generated compares envlint with godotenv on files
// assembled at random from the pieces that decide godotenv's reading:
// quotes, backslashes, `$` references, `#`, blanks, separators and line
// breaks of every kind. Half the files are free-form, half are made of
// lines shaped like statements and comments, so that godotenv accepts many
// of them. The seed is fixed, so failures reproduce.
func TestGodotenvAgreement_Generated(t *testing.T) {
	pieces := []string{
		"A", "B_1", "export ", "export", "=", ":", " ", "\t", "\u00a0", "\u2003", "\n", "\r\n", "\r",
		"\"", "'", "`", "\\", "\\\"", "\\n", "\\r", "\\$", "$A", "${B_1}", "$(A)", "${", "$", "#", " #", "# ",
		"x", "é", "\xff", "[VAULT]", "S3_*", "envlint:ignore r", "=\"v\"", "='v'", "=v # c\n",
	}
	names := []string{"A", "B_1", "export A", "a.b", "K K", " A"}
	seps := []string{"=", " = ", ":", "= "}
	breaks := []string{"\n", "\r\n", "\r", "\n\n"}
	rng := rand.New(rand.NewPCG(7, 11))
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	var buf []byte
	accepted := 0
	const cases = 20_000
	for n := range cases {
		buf = buf[:0]
		if n%2 == 0 {
			for range 1 + rng.IntN(24) {
				buf = append(buf, pick(pieces)...)
			}
		} else {
			for range 1 + rng.IntN(6) {
				if rng.IntN(4) == 0 {
					buf = append(buf, "# "...)
				} else {
					buf = append(buf, pick(names)+pick(seps)...)
				}
				for range rng.IntN(5) {
					buf = append(buf, pick(pieces)...)
				}
				buf = append(buf, pick(breaks)...)
			}
		}
		f := Parse("gen.env", buf)
		want, err := godotenvValues(buf)
		if err != nil {
			if len(f.Errors) == 0 {
				t.Fatalf("case %d %q: godotenv rejects it (%v), envlint reports no error", n, buf, err)
			}
			continue
		}
		accepted++
		if diff := cmp.Diff(want, liveValues(f)); diff != "" {
			t.Fatalf("case %d %q: live values differ (-godotenv +envlint):\n%s", n, buf, diff)
		}
	}
	t.Logf("godotenv accepted %d of %d", accepted, cases)
	if accepted < cases/4 {
		t.Errorf("godotenv accepts only %d of %d generated files; the comparison is too weak", accepted, cases)
	}
}
