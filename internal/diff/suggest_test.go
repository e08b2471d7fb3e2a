package diff

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// Reference: the straightforward implementation nearest replaced, full
// edit distance over every pair and names split into words. The bounded
// one must give the same answers.

func nearestRef(name string, candidates []string) string {
	best, bestScore := "", 0
	for _, c := range candidates {
		if c == name {
			continue
		}
		if s := similarityRef(name, c); s > bestScore {
			best, bestScore = c, s
		}
	}
	return best
}

func similarityRef(a, b string) int {
	la, lb := strings.ToUpper(a), strings.ToUpper(b)
	if la == lb {
		return 100
	}
	if d := editDistanceRef(la, lb); d <= max(1, min(len(la), len(lb))/4) {
		return 90 - d
	}
	wa, wb := strings.Split(la, "_"), strings.Split(lb, "_")
	if len(wa) != len(wb) || len(wa) < 2 {
		return 0
	}
	diff := -1
	for i := range wa {
		if wa[i] != wb[i] {
			if diff >= 0 {
				return 0
			}
			diff = i
		}
	}
	x, y := wa[diff], wb[diff]
	if len(x) > len(y) {
		x, y = y, x
	}
	if x == "" {
		return 0
	}
	if strings.HasPrefix(y, x) || editDistanceRef(x, y) <= 1 || x[0] == y[0] && len(x) >= 2 && subsequence(x, y) {
		return 50
	}
	return 0
}

func editDistanceRef(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// names makes n key-like names from a small alphabet of words, so that
// typos, renames and near misses are common.
func names(r *rand.Rand, n int) []string {
	words := []string{"DB", "DATABASE", "URL", "URI", "HOST", "HOSTNAME", "PORT", "API", "KEY", "TOKEN", "AUTH", "S3", "BUCKET", "LOG", "LEVEL", "A", "AB"}
	out := make([]string, n)
	for i := range out {
		var parts []string
		for range 1 + r.IntN(4) {
			w := []byte(words[r.IntN(len(words))])
			if r.IntN(4) == 0 && len(w) > 1 { // a typo
				j := r.IntN(len(w) - 1)
				w[j], w[j+1] = w[j+1], w[j]
			}
			parts = append(parts, string(w))
		}
		out[i] = strings.Join(parts, "_")
		if r.IntN(8) == 0 {
			out[i] = strings.ToLower(out[i])
		}
	}
	return out
}

func TestNearest_MatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	cands := names(r, 300)
	for _, name := range append(names(r, 500), "DB_URL", "DATABASE_URL", "DB_HOST", "X", "", "_", "A__B", "__") {
		if got, want := nearest(name, cands), nearestRef(name, cands); got != want {
			t.Errorf("nearest(%q) = %q, reference %q", name, got, want)
		}
	}
	for _, tt := range [][2]string{{"DB_URL", "DATABASE_URL"}, {"DB_HOST", "DB_HOSTNAME"}, {"APP_DATABSE_URL", "APP_DATABASE_URL"}, {"A_B_C", "A_X_C"}, {"AB", "BA"}} {
		if got, want := similarity(strings.ToUpper(tt[0]), tt[1], new([]int)), similarityRef(tt[0], tt[1]); got != want || got == 0 {
			t.Errorf("similarity(%q, %q) = %d, reference %d", tt[0], tt[1], got, want)
		}
	}
}

func TestEditDistanceWithin(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		a, b := names(r, 1)[0], names(r, 1)[0]
		k := r.IntN(6)
		d, ok := editDistanceWithin(a, b, k)
		ref := editDistanceRef(a, b)
		if ok != (ref <= k) || ok && d != ref {
			t.Fatalf("editDistanceWithin(%q, %q, %d) = %d, %v; reference distance %d", a, b, k, d, ok, ref)
		}
	}
}

// TestNearest_Bounded: keys against 3,000 candidates (3,000 such keys took a
// minute with full distances over every pair) fill at most a band of
// cells per compared pair, and names over the length cap are not compared
// at all.
func TestNearest_Bounded(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	keys, cands := names(r, 300), names(r, 3000)
	for i := range cands {
		cands[i] += fmt.Sprintf("_%d", i) // distinct, as keys are
	}
	cells, calls := 0, 0
	countCells = func(n int) { cells += n; calls++ }
	defer func() { countCells = nil }()
	for _, k := range keys {
		nearest(k, cands)
	}
	// Each distance fills at most (2k+1) cells per row, k <= len/4.
	maxLen := 0
	for _, s := range append(keys, cands...) {
		maxLen = max(maxLen, len(s))
	}
	perCall := maxLen * (2*(maxLen/4) + 1)
	if calls == 0 || cells > calls*perCall {
		t.Fatalf("%d cells in %d distances, over %d per distance", cells, calls, perCall)
	}
	full := 0
	for _, a := range keys {
		for _, b := range cands {
			full += len(a) * len(b)
		}
	}
	if cells*10 > full {
		t.Errorf("%d cells, not far below the %d of full distances", cells, full)
	}
	cells, calls = 0, 0
	long := strings.Repeat("A", 10_000)
	nearest(long, []string{long + "B", long[1:]})
	if cells != 0 {
		t.Errorf("a %d-byte name filled %d cells", len(long), cells)
	}
	if got := nearest("DB_URL", make([]string, maxSuggestCandidates+1)); got != "" {
		t.Errorf("over the candidate cap: %q", got)
	}
}
