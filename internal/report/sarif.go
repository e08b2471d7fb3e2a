package report

// Notes on SARIF as GitHub code scanning reads it:
//
// URIs are relative to %SRCROOT%, the root of the checkout
// ($GITHUB_WORKSPACE, else the git top-level; the caller rebases paths),
// which GitHub maps to the repository whatever directory envlint ran in. originalUriBaseIds leaves %SRCROOT% without a uri because
// an absolute path would differ on every machine and leak the runner's
// layout; a relative base is not allowed there.
//
// SARIF allows only two column units, UTF-16 code units and Unicode code
// points; envlint counts bytes. We declare utf16CodeUnits, what GitHub and
// editors use, and convert by reading the line from Source. Without Source,
// or when the line cannot be read, the byte column is written unchanged:
// the two agree whenever the text before the column is ASCII, which is the
// case for keys at the start of an env line or after a Go field's indent.
//
// partialFingerprints must survive commits that only move lines, so it is
// a hash of rule, component, key and file, never the line. Findings without
// a key add their message; equal hashes within one run get an ordinal.
//
// automationDetails.id ("envlint/<dir>/") names the run's category, so that
// uploads from several directories of a monorepo do not replace each other.
// Rules about secrets carry the "security" tag and a security-severity,
// which makes code scanning file their results as security alerts.
//
// A finding without a file (the process environment) has no location.
// GitHub code scanning refuses a whole upload that holds such a result
// ("expected at least one location", github/codeql-action#1738); `check`
// never produces one, `envlint env` on the process environment does.

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/envlint/envlint/internal/lint"
)

const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion = "2.1.0"
	sarifSrcRoot = "%SRCROOT%"
	// fingerprintKey names the scheme of partialFingerprints; bump the
	// suffix if the hash input ever changes.
	fingerprintKey = "envlintFinding/v1"
	infoURI        = "https://github.com/envlint/envlint"
	rulesDocURI    = "https://github.com/envlint/envlint/blob/main/docs/rules.md#"
)

// SARIF writes a SARIF 2.1.0 log with one run, for GitHub code scanning
// and other SARIF viewers.
type SARIF struct {
	// Version is written as tool.driver.version when not empty.
	Version string
	// Source is the directory paths are relative to, read to convert
	// columns to UTF-16.
	Source fs.FS
	// AutomationID, when set, is written as the run's automationDetails.id.
	AutomationID string
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds"`
	Results            []sarifResult               `json:"results"`
	ColumnKind         string                      `json:"columnKind"`
	AutomationDetails  *sarifAutomation            `json:"automationDetails,omitempty"`
}

type sarifAutomation struct {
	ID string `json:"id"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     *sarifText         `json:"shortDescription,omitempty"`
	FullDescription      *sarifText         `json:"fullDescription,omitempty"`
	Help                 *sarifHelp         `json:"help,omitempty"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           *sarifRuleProps    `json:"properties,omitempty"`
}

// sarifRuleProps are the rule properties GitHub code scanning reads.
type sarifRuleProps struct {
	Tags             []string `json:"tags,omitempty"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations,omitempty"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
}

type sarifArtifactLoc struct {
	URI         string     `json:"uri,omitempty"`
	URIBaseID   string     `json:"uriBaseId,omitempty"`
	Description *sarifText `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
}

// Report implements Reporter.
func (s *SARIF) Report(w io.Writer, fs []lint.Finding, rules []*lint.Rule) error {
	descs, index := sarifRules(rules, fs)
	lines := &lineCache{fsys: s.Source, files: map[string][]string{}}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "envlint", InformationURI: infoURI, Version: driverVersion(s.Version), Rules: descs,
		}},
		OriginalURIBaseIDs: map[string]sarifArtifactLoc{sarifSrcRoot: {
			Description: &sarifText{Text: "The root of the checkout (GITHUB_WORKSPACE, else the git top-level); every path is relative to it."},
		}},
		Results:    []sarifResult{},
		ColumnKind: "utf16CodeUnits",
	}
	if s.AutomationID != "" {
		run.AutomationDetails = &sarifAutomation{ID: s.AutomationID}
	}
	seen := map[string]int{}
	for _, f := range fs {
		r := sarifResult{
			RuleID:              f.Rule,
			RuleIndex:           index[f.Rule],
			Level:               sarifLevel(f.Severity),
			Message:             sarifText{Text: f.Message},
			PartialFingerprints: map[string]string{fingerprintKey: fingerprint(f, seen)},
		}
		if loc, ok := lines.location(f.Pos); ok {
			r.Locations = []sarifLocation{loc}
		}
		for i, rel := range f.Related {
			loc, ok := lines.location(rel.Pos)
			if !ok {
				continue
			}
			id := i + 1
			loc.ID = &id
			if rel.Message != "" {
				loc.Message = &sarifText{Text: rel.Message}
			}
			r.RelatedLocations = append(r.RelatedLocations, loc)
		}
		run.Results = append(run.Results, r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// driverVersion drops the "v" of a tag such as v1.2.3, and a version that
// does not start with a number, such as "(devel)": SARIF consumers compare
// versions numerically, and the field is optional.
func driverVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	if v == "" || v[0] < '0' || v[0] > '9' {
		return ""
	}
	return v
}

// sarifRules builds one descriptor per rule, in the registry's order, and
// appends a bare descriptor for any rule id a finding uses that the
// registry lacks, so that every result has a ruleIndex.
func sarifRules(rules []*lint.Rule, fs []lint.Finding) ([]sarifRule, map[string]int) {
	descs := []sarifRule{}
	index := map[string]int{}
	add := func(d sarifRule) {
		if _, dup := index[d.ID]; dup {
			return
		}
		index[d.ID] = len(descs)
		descs = append(descs, d)
	}
	for _, r := range rules {
		d := sarifRule{
			ID:                   r.ID,
			Name:                 ruleName(r.ID),
			HelpURI:              rulesDocURI + r.ID,
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Severity)},
		}
		if r.Summary != "" {
			d.ShortDescription = &sarifText{Text: r.Summary}
		}
		if full := fullDescription(r); full != "" {
			d.FullDescription = &sarifText{Text: full}
		}
		if r.Doc != "" {
			d.Help = &sarifHelp{Text: r.Doc, Markdown: r.Doc}
		}
		if r.SecuritySeverity > 0 {
			d.Properties = &sarifRuleProps{Tags: []string{"security"},
				SecuritySeverity: strconv.FormatFloat(r.SecuritySeverity, 'f', 1, 64)}
		}
		add(d)
	}
	for _, f := range fs {
		// GitHub rejects descriptors without descriptions and help.
		see := "See " + rulesDocURI + f.Rule
		add(sarifRule{
			ID:                   f.Rule,
			Name:                 ruleName(f.Rule),
			ShortDescription:     &sarifText{Text: f.Rule},
			FullDescription:      &sarifText{Text: see + "."},
			Help:                 &sarifHelp{Text: see, Markdown: "See [" + f.Rule + "](" + rulesDocURI + f.Rule + ")."},
			HelpURI:              rulesDocURI + f.Rule,
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(f.Severity)},
		})
	}
	return descs, index
}

// fullDescription is the summary as a sentence, with where the rule points.
func fullDescription(r *lint.Rule) string {
	if r.Summary == "" {
		return ""
	}
	s := strings.ToUpper(r.Summary[:1]) + r.Summary[1:]
	if r.Points != "" {
		s += " (reported at the " + r.Points + ")"
	}
	return s + "."
}

// ruleName turns a kebab-case id into the PascalCase name SARIF viewers
// show: config-key-not-in-example becomes ConfigKeyNotInExample. SARIF
// requires the name to differ from the id.
func ruleName(id string) string {
	var b strings.Builder
	for part := range strings.SplitSeq(id, "-") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]))
		b.WriteString(part[1:])
	}
	return b.String()
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	case lint.Info:
		return "note"
	}
	return "none"
}

// fingerprint hashes what identifies a finding apart from its line.
func fingerprint(f lint.Finding, seen map[string]int) string {
	parts := []string{f.Rule, f.Component, f.Key, f.Pos.File}
	if f.Key == "" {
		parts = append(parts, f.Message)
	}
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	h := hex.EncodeToString(sum[:16])
	seen[h]++
	if n := seen[h]; n > 1 {
		h += ":" + strconv.Itoa(n)
	}
	return h
}

// lineCache reads the files findings point at, once each.
type lineCache struct {
	fsys  fs.FS
	files map[string][]string
}

// location is the SARIF location of p; ok is false when p has no file.
func (c *lineCache) location(p lint.Pos) (sarifLocation, bool) {
	if p.File == "" {
		return sarifLocation{}, false
	}
	loc := sarifLocation{PhysicalLocation: sarifPhysicalLocation{
		ArtifactLocation: sarifArtifactLoc{URI: fileURI(p.File), URIBaseID: sarifSrcRoot},
	}}
	if p.Line > 0 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: p.Line, StartColumn: c.column(p)}
	}
	return loc, true
}

// column converts p's byte column to a 1-based UTF-16 column.
func (c *lineCache) column(p lint.Pos) int {
	if p.Col <= 1 {
		return 1
	}
	line, ok := c.line(p.File, p.Line)
	if !ok || p.Col-1 > len(line) {
		return p.Col
	}
	return utf16Len(line[:p.Col-1]) + 1
}

// line returns line n (1-based) of file, without its newline.
func (c *lineCache) line(file string, n int) (string, bool) {
	if c.fsys == nil {
		return "", false
	}
	lines, ok := c.files[file]
	if !ok {
		lines = readLines(c.fsys, file)
		c.files[file] = lines
	}
	if n < 1 || n > len(lines) {
		return "", false
	}
	return lines[n-1], true
}

// readLines returns the lines of a file, or nil when it cannot be read.
func readLines(fsys fs.FS, file string) []string {
	if !fs.ValidPath(file) {
		return nil
	}
	f, err := fsys.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if sc.Err() != nil {
		return nil
	}
	return lines
}

// utf16Len counts the UTF-16 code units of s. Invalid bytes count one
// each, as U+FFFD does.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r == utf8.RuneError {
			n++
			continue
		}
		n += utf16.RuneLen(r)
	}
	return n
}

// fileURI escapes a relative slash path as a URI reference: spaces become
// %20, and a first segment with a colon is kept from reading as a scheme.
func fileURI(p string) string {
	u := (&url.URL{Path: p}).EscapedPath()
	if first, _, _ := strings.Cut(u, "/"); strings.Contains(first, ":") {
		u = "./" + u
	}
	return u
}
