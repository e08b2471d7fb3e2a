package cli

import (
	"strings"

	"github.com/spf13/cobra"
)

// strictCompletion makes `envlint completion SHELL` with a shell cobra
// does not support a usage error (exit 2): cobra's own command prints its
// help and exits 0, so a script asking for tcsh completion would install
// a help text (#15 item 15).
func strictCompletion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		var shells []string
		for _, s := range c.Commands() {
			shells = append(shells, s.Name())
		}
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return flagErrorf("completion %s: unknown shell (have: %s)", args[0], strings.Join(shells, ", "))
			}
			return cmd.Help()
		}
	}
}
