package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/envlint/envlint/internal/lint"
)

func TestCodeSpan(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a.env:3", "`a.env:3`"},
		{"a`b", "``a`b``"},
		{"a``b`c", "```a``b`c```"},
		{"`a", "`` `a ``"},
		{"a`", "`` a` ``"},
		{" a ", "`  a  `"},
		{"a\nb", "`a b`"},
		{"a|b", "`a|b`"},
	}
	for _, tc := range tests {
		if got := codeSpan(tc.in); got != tc.want {
			t.Errorf("codeSpan(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestInlineText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"A is read by Config.A", "A is read by Config.A"},
		{"a|b", `a\|b`},
		{"*x* _y_ `z`", "\\*x\\* \\_y\\_ \\`z\\`"},
		{"<script>&amp;", `\<script\>\&amp;`},
		{"[link](x) ![img](y)", `\[link\](x) !\[img\](y)`},
		{"line\n# heading\r\n- item", `line # heading - item`},
		{`back\slash`, `back\\slash`},
		{"~~gone~~", `\~\~gone\~\~`},
	}
	for _, tc := range tests {
		if got := inlineText(tc.in); got != tc.want {
			t.Errorf("inlineText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// unescapedPipes counts the pipes GFM treats as cell separators.
var unescapedPipes = regexp.MustCompile(`(^|[^\\])\|`)

// TestMarkdown_TableShape checks every table row of the fixture's summary
// has exactly the header's number of cells, whatever the messages hold.
func TestMarkdown_TableShape(t *testing.T) {
	fs, rules := loadFixture(t)
	fs = append(fs, lint.Finding{Rule: "a|b", Severity: lint.Error, Component: "c|d", Message: "x|y"})
	out := string(render(t, "markdown", fs, rules))
	var rows int
	for line := range strings.SplitSeq(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		rows++
		if n := len(unescapedPipes.FindAllString(line, -1)); n != 5 {
			t.Errorf("row with %d separators, want 5: %s", n, line)
		}
	}
	if rows < 3 {
		t.Errorf("%d table lines, want a header, a delimiter and rows:\n%s", rows, out)
	}
}

func TestMarkdownRows(t *testing.T) {
	f := func(component, rule string, sev lint.Severity) lint.Finding {
		return lint.Finding{Component: component, Rule: rule, Severity: sev}
	}
	got := markdownRows([]lint.Finding{
		f("b", "x", lint.Info), f("a", "y", lint.Error), f("a", "x", lint.Error), f("a", "y", lint.Error), f("a", "x", lint.Warning),
	})
	want := []markdownRow{
		{"a", "x", lint.Error, 1}, {"a", "y", lint.Error, 2}, {"a", "x", lint.Warning, 1}, {"b", "x", lint.Info, 1},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(markdownRow{})); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

// TestMarkdown_Truncates checks that a huge run stays a bounded summary and
// says how much it left out, while the table still counts everything.
func TestMarkdown_Truncates(t *testing.T) {
	n := markdownMaxFindings + 7
	fs := make([]lint.Finding, n)
	for i := range fs {
		fs[i] = lint.Finding{Rule: "r", Severity: lint.Error, Component: ".", Pos: lint.Pos{File: "a", Line: i + 1}, Message: "m"}
	}
	var buf bytes.Buffer
	if err := (Markdown{}).Report(&buf, fs, nil); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if items := strings.Count(out, "\n- "); items != markdownMaxFindings {
		t.Errorf("%d list items, want %d", items, markdownMaxFindings)
	}
	for _, want := range []string{"… and 7 more", "| `.` | `r` | error | 507 |"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}
