package cli

import (
	"fmt"
	"io"
	"regexp"

	"github.com/spf13/cobra"

	"github.com/envlint/envlint/internal/diff"
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/report"
)

var usageErrorPattern = regexp.MustCompile(`^(unknown command|unknown (shorthand )?flag|accepts .* arg|invalid argument|flag needs an argument|required flag|unknown flag)`)

type checkOptions struct {
	global *globalOptions
	diff   bool
}

func addCheckFlags(cmd *cobra.Command, o *checkOptions) {
	cmd.Flags().BoolVar(&o.diff, "diff", false, "also print, per component and layer pair, the keys only one side has")
}

func newCheckCmd(g *globalOptions) *cobra.Command {
	o := &checkOptions{global: g}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Run every rule (the default command)",
		Long: `Run every rule on every component and report the findings.

Exit status: 0 no finding at or above --fail-on; 1 such findings; 2 the run could not be done.`,
		Example: `  envlint check
  envlint check --diff
  envlint check --format json --fail-on warning`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runCheck(cmd, o) },
	}
	addCheckFlags(cmd, o)
	return cmd
}

func runCheck(cmd *cobra.Command, o *checkOptions) error {
	g := o.global
	threshold, failing, err := g.failThreshold()
	if err != nil {
		return err
	}
	rep, err := report.New(g.format, report.Options{Color: g.color(g.io.Out)})
	if err != nil {
		return &FlagError{err}
	}
	p, err := g.load()
	if err != nil {
		return err
	}
	fs := p.check()
	if o.diff && g.format == "text" {
		writeDiff(g.io.Out, p)
	}
	if err := rep.Report(g.io.Out, fs, diff.Rules()); err != nil {
		return err
	}
	if failing {
		for _, f := range fs {
			if f.Severity >= threshold {
				return errFindings
			}
		}
	}
	return nil
}

// check runs the rules on every component and returns the findings in
// their canonical order.
func (p *project) check() []lint.Finding {
	opts := diff.Options{Severity: p.cfg.Rules}
	fs := diff.Unassigned(p.unassigned, opts)
	for _, c := range p.components {
		fs = append(fs, diff.Check(c, opts)...)
	}
	return lint.Normalize(fs)
}

// writeDiff prints, for each component and each pair of layers, the keys
// only one side has: "-" for the first layer, "+" for the second.
func writeDiff(w io.Writer, p *project) {
	for _, c := range p.components {
		m := newMatrix(c)
		fmt.Fprintf(w, "component %s\n", c.Name)
		pairs := [][2]layer{{layerVault, layerConfig}, {layerConfig, layerExample}, {layerVault, layerExample}}
		for _, pair := range pairs {
			a, b := pair[0], pair[1]
			if (a == layerVault || b == layerVault) && len(c.Templates) == 0 {
				continue
			}
			var lines []string
			for _, row := range m.rows {
				inA, inB := row.has(a), row.has(b)
				switch {
				case inA && !inB:
					lines = append(lines, fmt.Sprintf("  -%s\t%s", row.name, row.where(a)))
				case inB && !inA && !(a == layerVault && b != layerVault):
					// Keys missing from Vault are not drift: most config keys are not secrets.
					lines = append(lines, fmt.Sprintf("  +%s\t%s", row.name, row.where(b)))
				}
			}
			fmt.Fprintf(w, "--- %s\n+++ %s\n", a, b)
			if len(lines) == 0 {
				fmt.Fprintln(w, "  (in agreement)")
			}
			for _, l := range lines {
				fmt.Fprintln(w, l)
			}
		}
		fmt.Fprintln(w)
	}
}
