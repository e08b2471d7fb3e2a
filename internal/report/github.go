package report

// Notes on GitHub workflow commands:
//
// A command is one line, `::error file=F,line=L,col=C,title=T::MESSAGE`.
// The runner splits properties on `,` and each property on its first `=`,
// and unescapes `%25`, `%0D`, `%0A`, `%3A` and `%2C`, so data escapes
// `%`, CR and LF (a raw newline would end the command) and properties
// additionally escape `:` and `,`. This matches escapeData and
// escapeProperty in @actions/core.
//
// GitHub shows at most 10 annotations of each kind per step and 50 per
// job, so the last line is a notice with the totals: it tells a reader who
// sees ten annotations that there are more in the log.
//
// `col` is written as envlint counts it, in bytes; GitHub uses it only to
// place the marker and the keys it points at are ASCII in practice.

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

// annotationLimit is how many annotations of one kind GitHub shows per step.
const annotationLimit = 10

// GitHub writes one GitHub Actions workflow command per finding, so that
// findings become annotations on the pull request, then a summary notice.
type GitHub struct{}

// Report implements Reporter.
func (GitHub) Report(w io.Writer, fs []lint.Finding, _ []*lint.Rule) error {
	bw := bufio.NewWriter(w)
	for _, f := range fs {
		bw.WriteString(githubCommand(f))
		bw.WriteByte('\n')
	}
	bw.WriteString(githubSummary(fs))
	bw.WriteByte('\n')
	return bw.Flush()
}

// githubCommand formats one finding as a workflow command.
func githubCommand(f lint.Finding) string {
	var props []string
	if f.Pos.File != "" {
		props = append(props, "file="+escapeProperty(f.Pos.File))
		if f.Pos.Line > 0 {
			props = append(props, "line="+strconv.Itoa(f.Pos.Line))
			if f.Pos.Col > 0 {
				props = append(props, "col="+strconv.Itoa(f.Pos.Col))
			}
		}
	}
	props = append(props, "title="+escapeProperty("envlint "+f.Rule))
	return fmt.Sprintf("::%s %s::%s", githubLevel(f.Severity), strings.Join(props, ","), escapeData(f.Message))
}

// githubSummary is the last line: a notice with the totals, or a plain
// line when there is nothing to annotate.
func githubSummary(fs []lint.Finding) string {
	if len(fs) == 0 {
		return "envlint: " + Summary(fs)
	}
	msg := Summary(fs)
	for _, n := range lint.Count(fs) {
		if n > annotationLimit {
			msg += fmt.Sprintf("; GitHub shows at most %d annotations of each kind per step, the log has them all", annotationLimit)
			break
		}
	}
	return "::notice title=envlint::" + escapeData(msg)
}

// githubLevel maps a severity to a workflow command.
func githubLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "notice"
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeData escapes a workflow command's message.
// Control characters other than line breaks are shown escaped
// (lint.VisibleBreaks): the Actions log renders ANSI sequences.
func escapeData(s string) string { return dataEscaper.Replace(lint.VisibleBreaks(s)) }

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string { return propertyEscaper.Replace(lint.VisibleBreaks(s)) }
