package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Set by the linker: -X github.com/envlint/envlint/internal/cli.version=v1.2.3
var (
	version = ""
	commit  = ""
	date    = ""
)

func newVersionCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print envlint's version, commit and build date",
		Example: "  envlint version\n  envlint --version\n  envlint version --format json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			asJSON, err := g.textOrJSON("version")
			if err != nil {
				return err
			}
			v, c, d := buildInfo()
			if asJSON {
				return g.writeJSON(struct {
					Version string `json:"version"`
					Commit  string `json:"commit"`
					Date    string `json:"date"`
				}{v, c, d})
			}
			fmt.Fprintln(g.io.Out, versionLine())
			return nil
		},
	}
}

// versionLine is what `envlint version` and `envlint --version` print.
func versionLine() string {
	v, c, d := buildInfo()
	return fmt.Sprintf("envlint %s (commit %s, built %s)", v, c, d)
}

// versionString is the version alone, for machine-readable output.
func versionString() string {
	v, _, _ := buildInfo()
	return v
}

// buildInfo prefers the linker-set values and falls back to what the Go
// toolchain records for `go install ...@version`.
func buildInfo() (v, c, d string) {
	v, c, d = version, commit, date
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "" && bi.Main.Version != "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && c == "":
				c = s.Value
			case s.Key == "vcs.time" && d == "":
				d = s.Value
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	if c == "" {
		c = "unknown"
	}
	if d == "" {
		d = "unknown"
	}
	return v, c, d
}
