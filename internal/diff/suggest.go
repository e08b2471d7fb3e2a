package diff

import "strings"

// nearest returns the candidate that looks like a rename or a typo of name,
// or "" when none is close enough. Ties go to the first in candidates, which
// callers pass sorted.
func nearest(name string, candidates []string) string {
	best, bestScore := "", 0
	for _, c := range candidates {
		if c == name {
			continue
		}
		if s := similarity(name, c); s > bestScore {
			best, bestScore = c, s
		}
	}
	return best
}

// similarity scores how likely b is a rename or typo of a: 0 is unrelated.
func similarity(a, b string) int {
	la, lb := strings.ToUpper(a), strings.ToUpper(b)
	if la == lb {
		return 100 // differs only in case
	}
	if d := editDistance(la, lb); d <= max(1, min(len(la), len(lb))/4) {
		return 90 - d
	}
	// A rename that changes one word: DB_URL ~ DATABASE_URL, DB_HOST ~ DB_HOSTNAME.
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
	if related(wa[diff], wb[diff]) {
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
	if strings.HasPrefix(y, x) || editDistance(x, y) <= 1 {
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

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and transpositions of adjacent bytes.
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// didYouMean formats a suggestion suffix for a message.
func didYouMean(s string) string {
	if s == "" {
		return ""
	}
	return "; did you mean " + s + "?"
}
