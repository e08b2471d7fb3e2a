// Package report writes findings in envlint's output formats. Reporters are
// pure: findings arrive sorted and deduplicated, and a reporter neither
// filters them nor decides the exit status.
package report

import (
	"fmt"
	"io"
	"io/fs"

	"github.com/envlint/envlint/internal/lint"
)

// Reporter writes a set of findings.
type Reporter interface {
	Report(w io.Writer, fs []lint.Finding, rules []*lint.Rule) error
}

// Formats lists the names New accepts.
var Formats = []string{"text", "json", "sarif", "github", "markdown"}

// Options tune reporters that care.
type Options struct {
	Color bool // text: ANSI colours
	// Version is envlint's version, written into SARIF's tool.driver.
	Version string
	// Source, when set, is the directory finding paths are relative to.
	// SARIF reads the lines that findings point at from it, only to turn
	// byte columns into UTF-16 columns; without it byte columns are
	// written unchanged.
	Source fs.FS
	// AutomationID is SARIF's automationDetails.id, when set.
	AutomationID string
}

// New returns the reporter for a format name.
func New(format string, opts Options) (Reporter, error) {
	switch format {
	case "text":
		return &Text{Color: opts.Color}, nil
	case "json":
		return &JSON{}, nil
	case "sarif":
		return &SARIF{Version: opts.Version, Source: opts.Source, AutomationID: opts.AutomationID}, nil
	case "github":
		return GitHub{}, nil
	case "markdown":
		return Markdown{}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %v)", format, Formats)
}

// plural formats a count with its noun.
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Summary is the one-line count of findings by severity.
func Summary(fs []lint.Finding) string {
	if len(fs) == 0 {
		return "no problems found"
	}
	n := lint.Count(fs)
	return fmt.Sprintf("%s, %s, %d info", plural(n[lint.Error], "error"), plural(n[lint.Warning], "warning"), n[lint.Info])
}
