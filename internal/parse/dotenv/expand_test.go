package dotenv

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// doubling is n lines where each value references the previous one twice:
// the values grow as 2^n while the file grows linearly.
func doubling(n int, quoted bool) []byte {
	var b strings.Builder
	b.WriteString("A0=xy\n")
	for i := 1; i < n; i++ {
		if quoted {
			fmt.Fprintf(&b, "A%d=\"${A%d}$A%d\"\n", i, i-1, i-1)
		} else {
			fmt.Fprintf(&b, "A%d=${A%d}${A%d}\n", i, i-1, i-1)
		}
	}
	return []byte(b.String())
}

// TestExpand_MatchesGodotenvBelowTheCap: where the values fit the cap,
// envlint expands exactly as godotenv does.
func TestExpand_MatchesGodotenvBelowTheCap(t *testing.T) {
	for _, quoted := range []bool{false, true} {
		src := doubling(16, quoted) // 2*2^15 bytes in the last value, 128 KiB in all
		want, err := godotenvValues(src)
		if err != nil {
			t.Fatal(err)
		}
		f := Parse(".env", src)
		if len(f.Errors) > 0 {
			t.Fatalf("quoted=%v: errors %v", quoted, f.Errors)
		}
		if diff := cmp.Diff(want, liveValues(f)); diff != "" {
			t.Errorf("quoted=%v: values differ from godotenv (-godotenv +envlint):\n%s", quoted, diff)
		}
	}
}

// TestExpand_Capped: 64 doubling lines would ask for 2^64 bytes (godotenv
// would try). envlint stops at maxExpansion, reports the line where it
// stopped, and the values it keeps stay within the file plus the cap.
func TestExpand_Capped(t *testing.T) {
	for _, quoted := range []bool{false, true} {
		src := doubling(64, quoted)
		f := Parse(".env", src)
		total := 0
		for _, e := range f.Entries {
			total += len(e.Value)
		}
		if total > len(src)+maxExpansion {
			t.Errorf("quoted=%v: values hold %d bytes, over the file (%d) plus the cap (%d)", quoted, total, len(src), maxExpansion)
		}
		if len(f.Entries) != 64 {
			t.Errorf("quoted=%v: %d entries, want 64", quoted, len(f.Entries))
		}
		if len(f.Errors) == 0 || !strings.Contains(f.Errors[0].Msg, "KiB limit") {
			t.Fatalf("quoted=%v: errors = %v, want the expansion limit", quoted, f.Errors)
		}
		// 2^(n+1) bytes pass the 1 MiB cap first at A19 (line 20).
		if got := f.Errors[0].Pos.Line; got != 20 {
			t.Errorf("quoted=%v: limit reported at line %d, want 20", quoted, got)
		}
		if allocs := testing.AllocsPerRun(3, func() { Parse(".env", src) }); allocs > 2000 {
			t.Errorf("quoted=%v: %v allocations per parse", quoted, allocs)
		}
	}
}

// TestParse_NUL: a NUL byte is a positioned error, whether in a name, a
// value or a comment, never a separator.
func TestParse_NUL(t *testing.T) {
	for _, src := range []string{"A=1\x00B=2\n", "A=\"1\x002\"\n", "B=1\n# A=1\x00\n"} {
		f := Parse(".env", []byte(src))
		if len(f.Errors) == 0 || !strings.Contains(f.Errors[0].Msg, "NUL byte") {
			t.Errorf("%q: errors = %v, want a NUL byte error", src, f.Errors)
		}
		for _, e := range f.Entries {
			if e.Name == "B" && strings.HasPrefix(src, "A=1\x00") {
				t.Errorf("%q: NUL read as a separator: entry B", src)
			}
		}
	}
}
