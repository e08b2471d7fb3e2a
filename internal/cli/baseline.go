package cli

import (
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
	// Message identifies findings that have no key (a syntax error).
	Message string `json:"message,omitempty"`
}

func entryOf(f *lint.Finding) baselineEntry {
	e := baselineEntry{Rule: f.Rule, Component: f.Component, Key: f.Key, File: f.Pos.File}
	if f.Key == "" {
		e.Message = f.Message
	}
	return e
}

func writeBaseline(root, file string, fs []lint.Finding) error {
	b := baseline{Version: 1, Findings: []baselineEntry{}}
	for i := range fs {
		b.Findings = append(b.Findings, entryOf(&fs[i]))
	}
	slices.SortFunc(b.Findings, func(x, y baselineEntry) int {
		return strings.Compare(x.Rule+"\x00"+x.Component+"\x00"+x.Key+"\x00"+x.File+"\x00"+x.Message,
			y.Rule+"\x00"+y.Component+"\x00"+y.Key+"\x00"+y.File+"\x00"+y.Message)
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
		if counts[e] > 0 {
			counts[e]--
			suppressed++
			continue
		}
		kept = append(kept, fs[i])
	}
	for _, n := range counts {
		fixed += n
	}
	return kept, suppressed, fixed
}
