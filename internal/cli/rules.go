package cli

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/envlint/envlint/internal/diff"
	"github.com/envlint/envlint/internal/lint"
)

// docsURL is where docs/rules.md is published; each rule has an anchor.
const docsURL = "https://github.com/envlint/envlint/blob/main/docs/rules.md"

// ruleJSON is a rule as `rules` and `explain` write it with --format json.
type ruleJSON struct {
	ID       string `json:"id"`
	Severity string `json:"severity"`
	Category string `json:"category"`
	Summary  string `json:"summary"`
	Points   string `json:"points"`
	Since    string `json:"since"`
	URL      string `json:"url"`
	// Doc is the Markdown documentation; explain only.
	Doc string `json:"doc,omitempty"`
	// SecuritySeverity is set on rules about secrets.
	SecuritySeverity float64 `json:"security_severity,omitempty"`
}

func toRuleJSON(r *lint.Rule, doc bool) ruleJSON {
	j := ruleJSON{ID: r.ID, Severity: r.Severity.String(), Category: string(r.Category), Summary: r.Summary,
		Points: r.Points, Since: r.Since, URL: docsURL + "#" + r.ID, SecuritySeverity: r.SecuritySeverity}
	if doc {
		j.Doc = r.Doc
	}
	return j
}

// textOrJSON reports whether --format asks for JSON; a command that only
// writes text or JSON rejects the other formats.
func (g *globalOptions) textOrJSON(cmd string) (bool, error) {
	switch g.format {
	case "text":
		return false, nil
	case "json":
		return true, nil
	}
	return false, flagErrorf("%s writes --format text or json, not %q", cmd, g.format)
}

// writeJSON writes v as indented JSON, as every envlint command does.
func (g *globalOptions) writeJSON(v any) error {
	enc := json.NewEncoder(g.io.Out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func newRulesCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:     "rules",
		Short:   "List every rule with its default severity",
		Example: "  envlint rules\n  envlint rules --format json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			asJSON, err := g.textOrJSON("rules")
			if err != nil {
				return err
			}
			if asJSON {
				rules := []ruleJSON{}
				for _, r := range diff.Rules() {
					rules = append(rules, toRuleJSON(r, false))
				}
				return g.writeJSON(struct {
					Version int        `json:"version"`
					Rules   []ruleJSON `json:"rules"`
				}{1, rules})
			}
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
		Example: "  envlint explain example-key-orphaned\n  envlint explain example-key-orphaned --format json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			asJSON, err := g.textOrJSON("explain")
			if err != nil {
				return err
			}
			r, ok := diff.Lookup(args[0])
			if !ok {
				return flagErrorf("unknown rule %q (envlint rules lists them)", args[0])
			}
			if asJSON {
				return g.writeJSON(toRuleJSON(r, true))
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
