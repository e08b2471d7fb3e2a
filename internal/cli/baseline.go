package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/atomicfile"
	"github.com/envlint/envlint/internal/lint"
)

// A baseline records the findings a repository already had when it adopted
// envlint, so that only new ones fail. Entries are keyed by rule,
// component, key and file, never by line, so the baseline survives edits
// that move lines; a key with the same finding twice is recorded twice.
type baseline struct {
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	Rule      string `json:"rule"`
	Component string `json:"component"`
	Key       string `json:"key,omitempty"`
	File      string `json:"file"`
	// At identifies findings that have no key (a syntax error): a hash of
	// the rule and position. Never the message, which may quote the source
	// (#15).
	At string `json:"at,omitempty"`
	// Message is read from baselines written before At existed, to match
	// their keyless findings; it is never written.
	Message string `json:"message,omitempty"`
}

func entryOf(f *lint.Finding) baselineEntry {
	e := baselineEntry{Rule: f.Rule, Component: f.Component, Key: f.Key, File: f.Pos.File}
	if f.Key == "" {
		h := sha256.Sum256(fmt.Appendf(nil, "%s\x00%s\x00%d\x00%d", f.Rule, f.Pos.File, f.Pos.Line, f.Pos.Col))
		e.At = hex.EncodeToString(h[:8])
	}
	return e
}

func writeBaseline(root, file string, fs []lint.Finding) error {
	b := baseline{Version: 1, Findings: []baselineEntry{}}
	for i := range fs {
		b.Findings = append(b.Findings, entryOf(&fs[i]))
	}
	slices.SortFunc(b.Findings, func(x, y baselineEntry) int {
		return strings.Compare(x.Rule+"\x00"+x.Component+"\x00"+x.Key+"\x00"+x.File+"\x00"+x.At,
			y.Rule+"\x00"+y.Component+"\x00"+y.Key+"\x00"+y.File+"\x00"+y.At)
	})
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(root, file, append(data, '\n'), 0o644)
}

// readBaseline reads the baseline at path; name is how the user wrote it.
func readBaseline(root, name, path string) (map[baselineEntry]int, error) {
	data, err := readRepoFile(root, path)
	if err != nil {
		return nil, &runError{fmt.Sprintf("cannot read baseline %s: %v", name, unwrapPathError(err))}
	}
	var b baseline
	if err := json.Unmarshal(data, &b); err != nil || b.Version != 1 {
		return nil, &runError{fmt.Sprintf("%s is not an envlint baseline (write one with --write-baseline)", name)}
	}
	counts := map[baselineEntry]int{}
	for _, e := range b.Findings {
		counts[e]++
	}
	return counts, nil
}

// applyBaseline drops the findings the baseline records and returns the
// rest, with the number suppressed and the number of recorded findings that
// no longer occur.
func applyBaseline(fs []lint.Finding, counts map[baselineEntry]int) (kept []lint.Finding, suppressed, fixed int) {
	for i := range fs {
		e := entryOf(&fs[i])
		legacy := e
		legacy.At, legacy.Message = "", fs[i].Message
		switch {
		case counts[e] > 0:
			counts[e]--
		case e.Key == "" && counts[legacy] > 0:
			counts[legacy]--
		default:
			kept = append(kept, fs[i])
			continue
		}
		suppressed++
	}
	for _, n := range counts {
		fixed += n
	}
	return kept, suppressed, fixed
}
