package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/fatih/color"

	"github.com/envlint/envlint/internal/lint"
)

// lineBreaks turns the line breaks a message may carry (a parser's error
// text) into spaces: one finding is one line, which problem matchers and
// grep rely on.
var lineBreaks = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ")

// oneLine flattens s onto one line.
func oneLine(s string) string { return lineBreaks.Replace(s) }

// Text writes one canonical line per finding, path:line[:col]: severity:
// message [rule], then a summary line. With Color, findings are grouped by
// file with a blank line between files and coloured by severity.
//
// Source lines are never echoed under a finding: they may hold secrets.
type Text struct {
	Color    bool
	coverage []lint.Coverage
}

func (t *Text) setCoverage(cov []lint.Coverage) { t.coverage = cov }

// Report implements Reporter.
func (t *Text) Report(w io.Writer, fs []lint.Finding, _ []*lint.Rule) error {
	bw := bufio.NewWriter(w)
	paint := func(c *color.Color, s string) string {
		if !t.Color {
			return s
		}
		c.EnableColor()
		return c.Sprint(s)
	}
	bold, dim := color.New(color.Bold), color.New(color.Faint)
	sev := map[lint.Severity]*color.Color{
		lint.Error:   color.New(color.FgRed, color.Bold),
		lint.Warning: color.New(color.FgYellow, color.Bold),
		lint.Info:    color.New(color.FgCyan),
	}
	for i, f := range fs {
		if t.Color && i > 0 && fs[i-1].Pos.File != f.Pos.File {
			fmt.Fprintln(bw)
		}
		fmt.Fprintf(bw, "%s: %s: %s %s\n", paint(bold, lint.VisiblePath(f.Pos.String())), paint(sev[f.Severity], f.Severity.String()),
			lint.Visible(oneLine(f.Message)), paint(dim, "["+f.Rule+"]"))
	}
	if len(fs) > 0 && t.Color {
		fmt.Fprintln(bw)
	}
	fmt.Fprintln(bw, Summary(fs)+coverageSummary(t.coverage))
	return bw.Flush()
}
