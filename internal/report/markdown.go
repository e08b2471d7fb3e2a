package report

// Notes on the Markdown summary: it is written for $GITHUB_STEP_SUMMARY,
// which GitHub renders as GitHub-flavoured Markdown and rejects above
// 1 MiB, so the list of findings stops after markdownMaxFindings. Text that
// comes from findings is escaped so that it can neither break a table row
// (`|`, newlines) nor turn into markup (emphasis, links, HTML).

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

// markdownMaxFindings caps the list so that the summary stays far below
// GitHub's 1 MiB limit; the table still counts every finding.
const markdownMaxFindings = 500

// Markdown writes a summary for $GITHUB_STEP_SUMMARY: a heading, a table of
// findings per component and rule, then the findings as a list.
type Markdown struct{}

type markdownRow struct {
	component, rule string
	severity        lint.Severity
	count           int
}

// Report implements Reporter.
func (Markdown) Report(w io.Writer, fs []lint.Finding, _ []*lint.Rule) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("## envlint\n\n")
	if len(fs) == 0 {
		bw.WriteString("No problems found.\n")
		return bw.Flush()
	}
	fmt.Fprintf(bw, "**%s**\n\n", Summary(fs))

	bw.WriteString("| Component | Rule | Severity | Findings |\n|---|---|---|---:|\n")
	for _, r := range markdownRows(fs) {
		fmt.Fprintf(bw, "| %s | %s | %s | %d |\n",
			tableCell(codeSpan(cmp.Or(r.component, "-"))), tableCell(codeSpan(r.rule)), r.severity, r.count)
	}

	bw.WriteString("\n### Findings\n\n")
	for i, f := range fs {
		if i == markdownMaxFindings {
			fmt.Fprintf(bw, "\n… and %d more; run envlint locally or read the job log for all of them.\n", len(fs)-i)
			break
		}
		fmt.Fprintf(bw, "- **%s** %s: %s (%s)\n", f.Severity, codeSpan(f.Pos.String()), inlineText(f.Message), codeSpan(f.Rule))
	}
	return bw.Flush()
}

// markdownRows counts findings per component, rule and severity, most
// severe first, then by component and rule.
func markdownRows(fs []lint.Finding) []markdownRow {
	type k struct {
		component, rule string
		severity        lint.Severity
	}
	counts := map[k]int{}
	for _, f := range fs {
		counts[k{f.Component, f.Rule, f.Severity}]++
	}
	rows := make([]markdownRow, 0, len(counts))
	for key, n := range counts {
		rows = append(rows, markdownRow{key.component, key.rule, key.severity, n})
	}
	slices.SortFunc(rows, func(a, b markdownRow) int {
		return cmp.Or(cmp.Compare(b.severity, a.severity), strings.Compare(a.component, b.component), strings.Compare(a.rule, b.rule))
	})
	return rows
}

// inlineEscaper backslash-escapes the ASCII punctuation that could start
// markup in running text and flattens line breaks, which would end a list
// item or a table row. `#`, `!` and list markers matter only at the start
// of a line, where a message never is.
var inlineEscaper = strings.NewReplacer(
	"\r\n", " ", "\r", " ", "\n", " ",
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "~", `\~`, "&", `\&`,
)

// inlineText escapes s for running Markdown text.
func inlineText(s string) string { return lint.Visible(inlineEscaper.Replace(s)) }

// tableCell escapes what ends a cell. GFM splits rows on `|` before it
// parses code spans, so the pipe needs its backslash even inside one.
func tableCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// codeSpan wraps s in a code span whose backtick fence is longer than any
// run of backticks in s; line breaks become spaces.
func codeSpan(s string) string {
	s = lint.Visible(oneLine(s))
	longest, run := 0, 0
	for _, c := range []byte(s) {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || (strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") && strings.TrimSpace(s) != "") {
		s = " " + s + " "
	}
	return fence + s + fence
}
