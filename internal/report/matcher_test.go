package report

import (
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// matched is what a problem matcher extracts from one line.
type matched struct {
	Owner, File, Line, Column, Severity, Message, Code string
}

// TestProblemMatcher applies .github/envlint-matcher.json to the text
// golden, as the Actions runner would, and checks that every finding line
// yields the finding's own file, position, severity, message and rule, and
// that the summary line yields nothing.
func TestProblemMatcher(t *testing.T) {
	b, err := os.ReadFile("../../.github/envlint-matcher.json")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		ProblemMatcher []struct {
			Owner    string `json:"owner"`
			Severity string `json:"severity"`
			Pattern  []struct {
				Regexp                                      string `json:"regexp"`
				File, Line, Column, Severity, Message, Code int
			} `json:"pattern"`
		} `json:"problemMatcher"`
	}
	if err := json.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	match := func(line string) *matched {
		for _, m := range cfg.ProblemMatcher {
			if len(m.Pattern) != 1 {
				t.Fatalf("%s: %d patterns, want 1", m.Owner, len(m.Pattern))
			}
			p := m.Pattern[0]
			sub := regexp.MustCompile(p.Regexp).FindStringSubmatch(line)
			if sub == nil {
				continue
			}
			group := func(i int) string {
				if i == 0 {
					return ""
				}
				return sub[i]
			}
			sev := group(p.Severity)
			if sev == "" {
				sev = m.Severity
			}
			// The runner accepts only these; anything else is dropped.
			if sev != "error" && sev != "warning" && sev != "notice" {
				t.Errorf("%s: severity %q is not one the runner accepts", m.Owner, sev)
			}
			return &matched{m.Owner, group(p.File), group(p.Line), group(p.Column), sev, group(p.Message), group(p.Code)}
		}
		return nil
	}

	fs, _ := loadFixture(t)
	flatten := strings.NewReplacer("\r\n", " ", "\n", " ")
	var want []*matched
	for _, f := range fs {
		m := &matched{Owner: "envlint", File: f.Pos.File, Severity: f.Severity.String(), Message: flatten.Replace(f.Message), Code: f.Rule}
		if m.File == "" {
			m.File = "-"
		}
		if f.Pos.File != "" && f.Pos.Line > 0 {
			m.Line = strconv.Itoa(f.Pos.Line)
			if f.Pos.Col > 0 {
				m.Column = strconv.Itoa(f.Pos.Col)
			}
		}
		if m.Severity == "info" {
			m.Owner, m.Severity = "envlint-info", "notice"
		}
		want = append(want, m)
	}
	want = append(want, nil) // the summary line

	golden, err := os.ReadFile("testdata/golden.txt")
	if err != nil {
		t.Fatal(err)
	}
	var got []*matched
	for line := range strings.SplitSeq(strings.TrimSuffix(string(golden), "\n"), "\n") {
		got = append(got, match(line))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("matches (-want +got):\n%s", diff)
	}
}
