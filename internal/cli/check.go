package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/envlint/envlint/internal/config"
	"github.com/envlint/envlint/internal/diff"
	"github.com/envlint/envlint/internal/discover"
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/report"
)

var usageErrorPattern = regexp.MustCompile(`^(unknown command|unknown (shorthand )?flag|accepts .* arg|invalid argument|flag needs an argument|required flag|unknown flag)`)

type checkOptions struct {
	global        *globalOptions
	diff          bool
	baseline      string
	writeBaseline string
	newFromRev    string
	manifest      string
}

func addCheckFlags(cmd *cobra.Command, o *checkOptions) {
	f := cmd.Flags()
	f.BoolVar(&o.diff, "diff", false, "also print, per component and layer pair, the keys only one side has")
	f.StringVar(&o.baseline, "baseline", "", "report only findings that the baseline `FILE` does not record")
	f.StringVar(&o.writeBaseline, "write-baseline", "", "record the current findings in `FILE` and exit 0")
	f.StringVar(&o.newFromRev, "new-from-rev", "", "report only findings on keys or lines changed since the git revision `REV`")
	f.StringVar(&o.manifest, "manifest", "", "take the config layer from the manifest `FILE` (envlint manifest) instead of Go source")
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
	root, err := filepath.Abs(g.dir)
	if err != nil {
		return err
	}
	// An unknown --format is a usage error before anything is read; the
	// reporter itself is made once the run's root is known.
	if _, err := report.New(g.format, report.Options{}); err != nil {
		return &FlagError{err}
	}
	// Inside GitHub Actions, annotate the pull request too, unless the
	// user chose a format.
	annotate := g.io.Getenv("GITHUB_ACTIONS") == "true" && !cmd.Flags().Changed("format")
	p, err := g.load()
	if err != nil {
		return err
	}
	if o.manifest != "" {
		if err := p.useManifest(o.manifest); err != nil {
			return err
		}
	}
	// A gate that checked nothing must not pass: a wrong -C or a missing
	// example file would otherwise look like a clean repository.
	if len(p.components) == 0 && len(p.unassigned) == 0 && len(p.notChecked) > 0 {
		return &runError{fmt.Sprintf("nothing to check in %s: the example files (%s) document no Go service and no template; list the components in %s",
			g.dir, p.notChecked[0].Examples[0], config.DefaultFile)}
	}
	if len(p.components) == 0 && len(p.unassigned) == 0 {
		return &runError{fmt.Sprintf("nothing to check in %s: no example file (%s, ...) and no components in %s; add one, or run envlint init",
			g.dir, strings.Join(discover.ExampleNames[:2], ", "), config.DefaultFile)}
	}
	fs := p.check()
	if o.manifest != "" {
		fs = dropConfigOnly(fs, o.manifest)
	}
	if o.newFromRev != "" {
		ch, err := gitChanges(p.root, o.newFromRev)
		if err != nil {
			return err
		}
		fs = p.newSince(fs, ch)
	}
	if o.writeBaseline != "" {
		if err := writeBaseline(p.root, p.path(o.writeBaseline), fs); err != nil {
			return &runError{fmt.Sprintf("cannot write baseline %s: %v", o.writeBaseline, unwrapPathError(err))}
		}
		fmt.Fprintf(g.io.ErrOut, "envlint: recorded %d findings in %s\n", len(fs), o.writeBaseline)
		return nil
	}
	var suppressed, fixed int
	if o.baseline != "" {
		counts, err := readBaseline(p.root, o.baseline, p.path(o.baseline))
		if err != nil {
			return err
		}
		fs, suppressed, fixed = applyBaseline(fs, counts)
	}
	if o.diff && g.format == "text" {
		writeDiff(g.io.Out, p)
	}
	rep, shown, err := g.reporter(g.format, p.root, root, fs, g.color(g.io.Out))
	if err != nil {
		return &FlagError{err}
	}
	report.SetCoverage(rep, p.coverage)
	if err := rep.Report(g.io.Out, shown, diff.Rules()); err != nil {
		return err
	}
	if annotate {
		gh, shown, _ := g.reporter("github", p.root, root, fs, false)
		if err := gh.Report(g.io.Out, shown, diff.Rules()); err != nil {
			return err
		}
	}
	if o.baseline != "" {
		fmt.Fprintf(g.io.ErrOut, "envlint: baseline %s: %d known findings not shown, %d fixed since it was written\n", o.baseline, suppressed, fixed)
	}
	if summary := g.io.Getenv("GITHUB_STEP_SUMMARY"); summary != "" && g.io.Getenv("GITHUB_ACTIONS") == "true" {
		if err := appendSummary(summary, fs); err != nil {
			return &runError{fmt.Sprintf("cannot write the step summary: %v", unwrapPathError(err))}
		}
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

// appendSummary appends the markdown report to GitHub's step summary file.
func appendSummary(file string, fs []lint.Finding) error {
	md, err := report.New("markdown", report.Options{})
	if err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if err := md.Report(f, fs, diff.Rules()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// check runs the rules on every component and returns the findings in
// their canonical order.
func (p *project) check() []lint.Finding {
	opts := diff.Options{Severity: p.cfg.Rules}
	fs := diff.Unassigned(p.unassigned, opts)
	fs = append(fs, p.hygiene(opts)...)
	p.coverage = nil
	for _, c := range p.components {
		cfs, cov := diff.CheckCoverage(c, opts)
		fs = append(fs, cfs...)
		p.coverage = append(p.coverage, cov)
	}
	p.coverage = append(p.coverage, p.notChecked...)
	return lint.Normalize(p.missingExamples(fs))
}

// writeDiff prints, for each component and each pair of layers, the keys
// only one side has: "-" for the first layer, "+" for the second.
func writeDiff(w io.Writer, p *project) {
	for _, c := range p.components {
		m := newMatrix(c)
		fmt.Fprintf(w, "component %s\n", lint.Visible(c.Name))
		pairs := [][2]layer{{layerVault, layerConfig}, {layerConfig, layerExample}, {layerVault, layerExample}}
		if len(c.Deploy) > 0 {
			pairs = append(pairs, [2]layer{layerConfig, layerDeploy})
		}
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
					lines = append(lines, fmt.Sprintf("  -%s\t%s", lint.Visible(row.name), lint.Visible(row.where(a))))
				case inB && !inA && !(a == layerVault && b != layerVault):
					// Keys missing from Vault are not drift: most config keys are not secrets.
					lines = append(lines, fmt.Sprintf("  +%s\t%s", lint.Visible(row.name), lint.Visible(row.where(b))))
				}
			}
			fmt.Fprintf(w, "--- %s\n+++ %s\n", a, b)
			if len(lines) == 0 {
				fmt.Fprintln(w, "  (in agreement)")
			}
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			for _, l := range lines {
				fmt.Fprintln(tw, l)
			}
			tw.Flush()
		}
		fmt.Fprintln(w)
	}
}
