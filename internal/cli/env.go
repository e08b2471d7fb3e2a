package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	ediff "github.com/envlint/envlint/internal/diff"
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/dotenv"
	"github.com/envlint/envlint/internal/report"
)

type envOptions struct {
	global *globalOptions
	files  []string
	schema string
	// parsed are the env files as read, for secret-reused.
	parsed []*lint.ExampleFile
}

func newEnvCmd(g *globalOptions) *cobra.Command {
	o := &envOptions{global: g}
	cmd := &cobra.Command{
		Use:   "env",
		Short: "Check a real environment or rendered env files against the config layer",
		Long: `Check the variables a program is about to start with: the process environment, or one
or more env files (later files override earlier ones, as with docker --env-file). The
config layer comes from the Go source, as "check" reads it, or with --schema from a
manifest written by "envlint manifest", so a container image needs only envlint and the
manifest. Values are never printed, only key names and what is wrong.

Rules: env-missing-required, env-empty-required, env-type-mismatch and env-unknown (off
unless .envlint.yaml turns it on).

Exit status: 0 no finding at or above --fail-on; 1 such findings; 2 the run could not be done.`,
		Example: `  envlint env --file deploy/rendered.env
  envlint env --schema /etc/envlint-manifest.json --file /etc/secrets/app.env && exec app
  envlint env --schema envlint-manifest.json --component api   # the process environment`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runEnv(o) },
	}
	cmd.Flags().StringArrayVarP(&o.files, "file", "f", nil, "check the env `PATH` instead of the process environment (repeatable; later files win)")
	cmd.Flags().StringVar(&o.schema, "schema", "", "read the config layer from the manifest `FILE` instead of the Go source")
	return cmd
}

func runEnv(o *envOptions) error {
	g := o.global
	threshold, failing, err := g.failThreshold()
	if err != nil {
		return err
	}
	if _, err := report.New(g.format, report.Options{}); err != nil {
		return &FlagError{err}
	}
	root, err := filepath.Abs(g.dir)
	if err != nil {
		return err
	}
	c, sev, err := o.component(root)
	if err != nil {
		return err
	}
	env, err := o.environment(&project{root: root})
	if err != nil {
		return err
	}
	c.Repo = &ediff.Repo{Secrets: envFileSecrets(o.parsed, c.Name)}
	fs := ediff.CheckEnv(c, env, ediff.Options{Severity: sev})
	rep, shown, err := g.reporter(g.format, root, root, fs, g.color(g.io.Out))
	if err != nil {
		return &FlagError{err}
	}
	if err := rep.Report(g.io.Out, shown, ediff.Rules()); err != nil {
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

// component returns the component whose config layer the environment is
// checked against, and the rule severities of the config file.
func (o *envOptions) component(root string) (*ediff.Component, map[string]lint.Severity, error) {
	g := o.global
	if o.schema == "" {
		p, err := g.load()
		if err != nil {
			return nil, nil, err
		}
		if len(p.components) == 0 {
			return nil, nil, &runError{"no component found (no example file, and no components in .envlint.yaml); use --schema with a manifest"}
		}
		if len(p.components) > 1 {
			return nil, nil, flagErrorf("there are %d components; choose one with --component (have: %s)", len(p.components), strings.Join(componentNames(p.components), ", "))
		}
		return p.components[0], p.cfg.Rules, nil
	}
	// A container has no repository: the config file is optional, and
	// read only for rule severities.
	var sev map[string]lint.Severity
	if cfg, _, _, err := g.loadConfig(root); err != nil {
		return nil, nil, err
	} else if cfg != nil {
		sev = cfg.Rules
	}
	m, err := (&project{root: root}).readManifest(o.schema)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case g.component != "":
		mc := m.Lookup(g.component)
		if mc == nil {
			return nil, nil, flagErrorf("--component %s: no such component in %s (have: %s)", g.component, o.schema, strings.Join(m.Names(), ", "))
		}
		return &ediff.Component{Name: mc.Name, Config: mc.Config()}, sev, nil
	case len(m.Components) == 1:
		mc := m.Components[0]
		return &ediff.Component{Name: mc.Name, Config: mc.Config()}, sev, nil
	case len(m.Components) == 0:
		return nil, nil, &runError{fmt.Sprintf("manifest %s lists no component", o.schema)}
	}
	return nil, nil, flagErrorf("manifest %s has %d components; choose one with --component (have: %s)", o.schema, len(m.Components), strings.Join(m.Names(), ", "))
}

// environment reads the env files, or the process environment when none
// is given. A missing or unreadable file fails the run; a syntax error in
// one is a parse-error finding.
func (o *envOptions) environment(p *project) (*ediff.Environment, error) {
	if len(o.files) == 0 {
		var environ []string
		if o.global.io.Environ != nil {
			environ = o.global.io.Environ()
		}
		return ediff.EnvFromProcess(environ), nil
	}
	var files []*lint.ExampleFile
	for _, name := range o.files {
		rel := manifestRel(name)
		data, err := readLimited(p.path(name))
		if err != nil {
			return nil, &runError{fmt.Sprintf("cannot read env file %s: %v", rel, unwrapPathError(err))}
		}
		files = append(files, dotenv.Parse(rel, data))
	}
	o.parsed = files
	return ediff.EnvFromFiles(files), nil
}

func componentNames(cs []*ediff.Component) []string {
	ns := make([]string, len(cs))
	for i, c := range cs {
		ns[i] = c.Name
	}
	return ns
}

// readLimited reads a file named on the command line, refusing one over
// envlint's per-file limit.
func readLimited(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err == nil && len(data) > maxFileSize {
		err = fmt.Errorf("over envlint's %d MiB limit per file", maxFileSize>>20)
	}
	return data, err
}
