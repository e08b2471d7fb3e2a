package lint

import (
	"fmt"
	"slices"
	"strings"
)

// Severity is how serious a finding is.
type Severity int

// Severities, from least to most serious. Off disables a rule.
const (
	Off Severity = iota
	Info
	Warning
	Error
)

var severityNames = [...]string{Off: "off", Info: "info", Warning: "warning", Error: "error"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("Severity(%d)", int(s))
	}
	return severityNames[s]
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity name: error, warning, info or off.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity reads a severity name: error, warning, info or off.
func ParseSeverity(name string) (Severity, error) {
	for i, n := range severityNames {
		if n == name {
			return Severity(i), nil
		}
	}
	return Off, fmt.Errorf("unknown severity %q (want error, warning, info or off)", name)
}

// Related is a second location that explains a finding, such as the other
// side of a mismatch.
type Related struct {
	Pos     Pos
	Message string
}

// Edit replaces the bytes between Pos and End with NewText.
type Edit struct {
	Pos     Pos
	End     Pos
	NewText string
}

// Fix is a mechanical, safe change that resolves a finding.
type Fix struct {
	Message string
	Edits   []Edit
}

// Finding is one problem envlint reports. It is data, not an error.
type Finding struct {
	Rule      string
	Severity  Severity
	Pos       Pos
	End       Pos
	Key       string
	Component string
	Message   string
	Related   []Related
	Fix       *Fix
}

// String is the canonical one-line form: path:line[:col]: severity: message [rule].
func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s [%s]", f.Pos, f.Severity, f.Message, f.Rule)
}

func compareFindings(a, b Finding) int {
	if c := strings.Compare(a.Pos.File, b.Pos.File); c != 0 {
		return c
	}
	if a.Pos.Line != b.Pos.Line {
		return a.Pos.Line - b.Pos.Line
	}
	if a.Pos.Col != b.Pos.Col {
		return a.Pos.Col - b.Pos.Col
	}
	if c := strings.Compare(a.Rule, b.Rule); c != 0 {
		return c
	}
	if c := strings.Compare(a.Component, b.Component); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}

// Normalize sorts findings by file, line, column, rule and message and drops
// exact duplicates, so that output never depends on the order work was done in.
func Normalize(fs []Finding) []Finding {
	slices.SortStableFunc(fs, compareFindings)
	return slices.CompactFunc(fs, func(a, b Finding) bool { return compareFindings(a, b) == 0 })
}

// Count returns how many findings have each severity.
func Count(fs []Finding) map[Severity]int {
	n := map[Severity]int{Error: 0, Warning: 0, Info: 0}
	for _, f := range fs {
		n[f.Severity]++
	}
	return n
}
