package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/envlint/envlint/internal/diff"
)

// docsURL is where docs/rules.md is published; each rule has an anchor.
const docsURL = "https://github.com/envlint/envlint/blob/main/docs/rules.md"

func newRulesCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:     "rules",
		Short:   "List every rule with its default severity",
		Example: "  envlint rules",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tw := tabwriter.NewWriter(g.io.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "RULE\tDEFAULT\tSUMMARY")
			for _, r := range diff.Rules() {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Summary)
			}
			return tw.Flush()
		},
	}
}

func newExplainCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:     "explain RULE",
		Short:   "Explain a rule, with a failing and a passing example",
		Example: "  envlint explain example-key-orphaned",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, ok := diff.Lookup(args[0])
			if !ok {
				return flagErrorf("unknown rule %q (envlint rules lists them)", args[0])
			}
			fmt.Fprintf(g.io.Out, "%s (default: %s)\n\n%s.\nReported at: %s.\n\n%s\n\n%s#%s\n",
				r.ID, r.Severity, capitalize(r.Summary), r.Points, r.Doc, docsURL, r.ID)
			return nil
		},
	}
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
