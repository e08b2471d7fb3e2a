// Package cli is envlint's command tree. It is the only package that
// connects discovery, the parsers, the rule engine and the reporters.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/envlint/envlint/internal/lint"
)

// IO holds a command's streams and environment, so tests can run commands
// without touching the process's own.
type IO struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	Getenv func(string) string
	// Environ lists the whole environment (NAME=value) for envlint env.
	Environ func() []string
}

// globalOptions are the flags every command takes.
type globalOptions struct {
	io        *IO
	dir       string
	config    string
	component string
	format    string
	failOn    string
	noColor   bool
}

// Main runs envlint with args and returns the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return run(args, &IO{In: stdin, Out: stdout, ErrOut: stderr, Getenv: os.Getenv, Environ: os.Environ})
}

func run(args []string, io *IO) int {
	root := newRootCmd(io)
	root.SetArgs(args)
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	cmd, err := root.ExecuteC()
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, errFindings) {
		return ExitFindings
	}
	fmt.Fprintf(io.ErrOut, "envlint: %v\n", err)
	var fe *FlagError
	if errors.As(err, &fe) || isCobraUsageError(err) {
		fmt.Fprintf(io.ErrOut, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return ExitError
}

// isCobraUsageError recognises the errors cobra itself returns for bad
// flags and arguments, which it does not type.
func isCobraUsageError(err error) bool {
	var fe *FlagError
	return !errors.As(err, &fe) && usageErrorPattern.MatchString(err.Error())
}

func newRootCmd(io *IO) *cobra.Command {
	g := &globalOptions{io: io}
	co := &checkOptions{global: g}
	root := &cobra.Command{
		Use:   "envlint",
		Short: "Keep environment variables consistent across Vault templates, Go config and .env.example",
		Long: `envlint checks that the environment variables of a Go service agree across three layers:
Vault / consul-template templates (*.ctmpl), the Go config struct that reads them,
and .env.example. Without a subcommand it runs "envlint check".

Exit status: 0 no finding at or above --fail-on; 1 such findings (or a --check /
--dry-run that would change a file); 2 the run could not be done (bad flag, bad
config file, a named file missing or unreadable).`,
		Example: `  envlint                      # check the repository in the current directory
  envlint --diff               # also show which keys each layer lacks
  envlint -C services/api list --format json`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          cobra.NoArgs,
		RunE:          func(cmd *cobra.Command, _ []string) error { return runCheck(cmd, co) },
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &FlagError{err} })
	// --version prints what `envlint version` prints.
	root.Version = versionLine()
	root.SetVersionTemplate("{{.Version}}\n")
	pf := root.PersistentFlags()
	pf.StringVarP(&g.dir, "directory", "C", ".", "run as if envlint was started in `DIR`")
	pf.StringVar(&g.config, "config", "", "config `FILE` (default .envlint.yaml in DIR, if present)")
	pf.StringVar(&g.component, "component", "", "check only the component `NAME`")
	pf.StringVar(&g.format, "format", "text", "output format: text|json|sarif|github|markdown (list, rules, version and explain: text|json)")
	pf.StringVar(&g.failOn, "fail-on", "error", "lowest severity that makes the exit status 1: error|warning|info|never")
	pf.BoolVar(&g.noColor, "no-color", false, "never colour the output (NO_COLOR is honoured too)")
	addCheckFlags(root, co)
	root.AddCommand(
		newCheckCmd(g),
		newListCmd(g),
		newRulesCmd(g),
		newExplainCmd(g),
		newVersionCmd(g),
		newManifestCmd(g),
		newEnvCmd(g),
		newFixCmd(g),
		newDocsCmd(g),
		newInitCmd(g),
	)
	strictCompletion(root)
	return root
}

// color reports whether to colour output written to w.
func (g *globalOptions) color(w io.Writer) bool {
	if g.noColor || g.io.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// failThreshold parses --fail-on; ok is false for "never".
func (g *globalOptions) failThreshold() (sev lint.Severity, ok bool, err error) {
	if g.failOn == "never" {
		return lint.Off, false, nil
	}
	s, err := lint.ParseSeverity(g.failOn)
	if err != nil || s == lint.Off {
		return lint.Off, false, flagErrorf("--fail-on must be error, warning, info or never, not %q", g.failOn)
	}
	return s, true, nil
}
