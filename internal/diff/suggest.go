package diff

import "strings"

// maxSuggestCandidates caps the candidates nearest looks at for one name:
// beyond it no suggestion is made. With the length pre-filter and the
// bounded distance below a candidate costs O(len) (a few hundred byte
// comparisons at most), so the cap bounds a key's cost whatever the
// repository.
const maxSuggestCandidates = 20000

// maxSuggestLen is the longest name nearest compares: no one mistypes a
// 300-byte variable name, and a long one would make a distance quadratic.
const maxSuggestLen = 128

// nearest returns the candidate that looks like a rename or a typo of name,
// or "" when none is close enough. Ties go to the first in candidates, which
// callers pass sorted.
func nearest(name string, candidates []string) string {
	if len(candidates) > maxSuggestCandidates || len(name) > maxSuggestLen {
		return ""
	}
	la := strings.ToUpper(name)
	scratch := make([]int, 3*(maxSuggestLen+1))
	best, bestScore := "", 0
	for _, c := range candidates {
		if c == name || len(c) > maxSuggestLen {
			continue
		}
		if s := similarity(la, c, &scratch); s > bestScore {
			best, bestScore = c, s
		}
	}
	return best
}

// similarity scores how likely b is a rename or typo of la (upper-cased):
// 0 is unrelated.
func similarity(la, b string, scratch *[]int) int {
	lb := strings.ToUpper(b) // no allocation for a name already upper-case
	if la == lb {
		return 100 // differs only in case
	}
	// A typo: within k edits, which needs lengths within k of each other.
	k := max(1, min(len(la), len(lb))/4)
	if abs(len(la)-len(lb)) <= k {
		if d, ok := editDistanceBuf(la, lb, k, scratch); ok {
			return 90 - d
		}
	}
	// A rename that changes one word: DB_URL ~ DATABASE_URL, DB_HOST ~
	// DB_HOSTNAME. The names share everything but one word; found from the
	// common prefix and suffix, without splitting either name.
	if strings.IndexByte(la, '_') < 0 {
		return 0
	}
	p := 0
	for p < len(la) && p < len(lb) && la[p] == lb[p] {
		p++
	}
	s := 0
	for s < len(la)-p && s < len(lb)-p && la[len(la)-1-s] == lb[len(lb)-1-s] {
		s++
	}
	start := strings.LastIndexByte(la[:p], '_') + 1
	endA, endB := len(la)-s, len(lb)-s
	if j := strings.IndexByte(la[endA:], '_'); j >= 0 {
		endA, endB = endA+j, endB+j
	} else {
		endA, endB = len(la), len(lb)
	}
	wa, wb := la[start:endA], lb[start:endB]
	if strings.IndexByte(wa, '_') >= 0 || strings.IndexByte(wb, '_') >= 0 {
		return 0 // more than one word differs
	}
	if related(wa, wb) {
		return 50
	}
	return 0
}

// related reports whether one word abbreviates or extends the other: a
// prefix (HOST, HOSTNAME), an abbreviation keeping the first letter (DB,
// DATABASE), or a typo.
func related(x, y string) bool {
	if len(x) > len(y) {
		x, y = y, x
	}
	if x == "" {
		return false
	}
	if strings.HasPrefix(y, x) {
		return true
	}
	if _, ok := editDistanceWithin(x, y, 1); ok {
		return true
	}
	return x[0] == y[0] && len(x) >= 2 && subsequence(x, y)
}

func subsequence(x, y string) bool {
	i := 0
	for j := 0; i < len(x) && j < len(y); j++ {
		if x[i] == y[j] {
			i++
		}
	}
	return i == len(x)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// countCells, when set (by tests), is told how many cells each distance
// computation fills.
var countCells func(int)

// editDistanceWithin is the optimal string alignment distance (insertions,
// deletions, substitutions and transpositions of adjacent bytes) when it is
// at most k, and false otherwise. Only the diagonal band |i-j| <= k is
// computed, and it stops as soon as a row exceeds k: O(k·len) rather than
// O(len²).
func editDistanceWithin(a, b string, k int) (int, bool) {
	var scratch []int
	return editDistanceBuf(a, b, k, &scratch)
}

// editDistanceBuf is editDistanceWithin reusing *scratch for its rows.
func editDistanceBuf(a, b string, k int, scratch *[]int) (int, bool) {
	if abs(len(a)-len(b)) > k {
		return 0, false
	}
	inf := k + 1
	n := len(b) + 1
	if cap(*scratch) < 3*n {
		*scratch = make([]int, 3*n)
	}
	rows := (*scratch)[:3*n]
	prev2, prev, cur := rows[:n:n], rows[n:2*n:2*n], rows[2*n:]
	for j := range prev {
		prev[j] = min(j, inf)
		prev2[j] = inf
	}
	cells := 0
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-k), min(len(b), i+k)
		// Outside the band a cell is "more than k": only the cells next
		// to it are ever read.
		cur[lo-1] = inf
		if lo == 1 {
			cur[0] = min(i, inf)
		}
		if hi < len(b) {
			cur[hi+1] = inf
		}
		rowMin := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = min(v, inf)
			rowMin = min(rowMin, cur[j])
		}
		cells += hi - lo + 1
		if rowMin > k {
			if countCells != nil {
				countCells(cells)
			}
			return 0, false
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if countCells != nil {
		countCells(cells)
	}
	d := prev[len(b)]
	return d, d <= k
}

// didYouMean formats a suggestion suffix for a message.
func didYouMean(s string) string {
	if s == "" {
		return ""
	}
	return "; did you mean " + s + "?"
}
