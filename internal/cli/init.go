package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/envlint/envlint/internal/atomicfile"
	"github.com/envlint/envlint/internal/config"
	"github.com/envlint/envlint/internal/diff"
	"github.com/envlint/envlint/internal/discover"
	"github.com/envlint/envlint/internal/lint"
)

type initOptions struct {
	global *globalOptions
	force  bool
}

func newInitCmd(g *globalOptions) *cobra.Command {
	o := &initOptions{global: g}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write .envlint.yaml from what zero-config discovery finds",
		Long: `Write .envlint.yaml (or the file --config names) with the components that
zero-config discovery finds: for each, its name, directory, example file,
templates and config structs (directory, struct, library, prefix), each line
commented. The written file gives the same findings as discovery; edit it to
override what discovery gets wrong. An existing file is kept unless --force.

Exit status: 0 written; 2 the file exists (without --force) or the run could
not be done.`,
		Example: `  envlint init
  envlint -C services/api init --force`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runInit(o) },
	}
	cmd.Flags().BoolVar(&o.force, "force", false, "overwrite an existing config file")
	return cmd
}

func runInit(o *initOptions) error {
	g := o.global
	root, err := filepath.Abs(g.dir)
	if err != nil {
		return err
	}
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return &runError{fmt.Sprintf("-C %s: no such directory", g.dir)}
	}
	name := g.config
	if name == "" {
		name = config.DefaultFile
		for _, n := range config.Names { // keep the name an existing file has
			if _, err := os.Lstat(filepath.Join(root, n)); err == nil {
				name = n
				break
			}
		}
	}
	file := name
	if !filepath.IsAbs(file) {
		file = filepath.Join(root, file)
	}
	if _, err := os.Lstat(file); err == nil && !o.force {
		return &runError{fmt.Sprintf("%s already exists; use --force to overwrite it", name)}
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &runError{fmt.Sprintf("cannot read %s: %v", name, unwrapPathError(err))}
	}
	// Discovery alone, as if no config file existed: an old file being
	// replaced must not shape the new one.
	tree, err := discover.Walk(root)
	if err != nil {
		return &runError{listError(root, err)}
	}
	p := &project{root: root, cfg: &config.File{}}
	p.discovered(tree)
	data := renderInit(p)
	if err := atomicfile.WriteFile(root, file, data, 0o644); err != nil {
		return &runError{fmt.Sprintf("cannot write %s: %v", name, unwrapPathError(err))}
	}
	fmt.Fprintf(g.io.Out, "wrote %s with %d component(s)\n", name, len(p.components))
	return nil
}

// schemaLine points editors with the YAML language server at the config
// file's JSON Schema (schema/envlint.schema.json in the repository).
const schemaLine = "# yaml-language-server: $schema=https://raw.githubusercontent.com/envlint/envlint/main/schema/envlint.schema.json\n"

// renderInit writes a project's discovered layout as .envlint.yaml.
func renderInit(p *project) []byte {
	var b bytes.Buffer
	b.WriteString(schemaLine)
	b.WriteString(`# envlint configuration, written by "envlint init" from what zero-config
# discovery found. With this file, envlint reads exactly what it lists
# instead of discovering; "envlint list" shows the keys it finds.
components:
`)
	if len(p.components) == 0 {
		b.Reset()
		b.WriteString(schemaLine)
		b.WriteString("# envlint configuration, written by \"envlint init\": discovery found no\n" +
			"# example file (.env.example), so there is no component yet.\ncomponents: []\n")
	}
	for _, c := range p.components {
		dir := c.Name
		fmt.Fprintf(&b, "  - name: %s  # the component's name in findings and --component\n", yamlScalar(c.Name))
		if len(c.Services) > 0 {
			fmt.Fprintf(&b, "    # services documented by its example (main packages): %s\n", strings.Join(c.Services, ", "))
		}
		fmt.Fprintf(&b, "    dir: %s  # it owns the Go files and templates below this directory\n", yamlScalar(dir))
		var examples []string
		for _, ex := range c.Examples {
			examples = append(examples, ex.File)
		}
		b.WriteString("    example:  # example files; envlint fix edits the first\n")
		for _, ex := range examples {
			fmt.Fprintf(&b, "      - %s\n", yamlScalar(ex))
		}
		// Inline templates a deployer renders (injector annotations) are
		// found again through the deploy layer; vault: lists files.
		files := slices.DeleteFunc(slices.Clone(c.Templates), func(t *lint.Template) bool { return t.Pos.File != "" })
		if len(files) > 0 {
			b.WriteString("    vault:  # consul-template / Vault Agent templates (globs, ** allowed)\n")
			for _, t := range files {
				fmt.Fprintf(&b, "      - %s\n", yamlScalar(t.File))
			}
		} else {
			b.WriteString("    # vault: none found; templates (*.ctmpl) added below dir are discovered\n")
		}
		if c.Config != nil && len(c.Config.Roots) > 0 {
			b.WriteString("    config:  # root config structs, as the library's entry point is called on them\n")
			for _, r := range c.Config.Roots {
				fmt.Fprintf(&b, "      - dir: %s  # Go package directory of the struct (called at %s)\n", yamlScalar(r.Dir), fileLine(r.Pos))
				fmt.Fprintf(&b, "        struct: %s  # root struct type\n", yamlScalar(r.Struct))
				fmt.Fprintf(&b, "        library: %s  # caarlos0 | kelseyhightower | sethvargo | cleanenv | pydantic\n", yamlScalar(string(r.Library)))
				fmt.Fprintf(&b, "        prefix: %s  # prefix the call applies at run time\n", yamlScalar(r.Prefix))
			}
		} else {
			b.WriteString("    # config: no config struct found; call sites added below dir are discovered\n")
		}
		b.WriteString("    getenv: true  # constant os.Getenv / os.LookupEnv reads are config keys too\n")
		writeUnfound(&b, c)
		writeInitDeploy(&b, c)
	}
	if len(p.unassigned) > 0 {
		b.WriteString("# Found but in no component; add each to a component above:\n")
		for _, u := range p.unassigned {
			// A comment ends at a line break: the name is escaped, so that a
			// file named "x\nrules: ..." writes no live YAML (#15).
			fmt.Fprintf(&b, "#   %s\n", lint.Visible(u.Pos.File))
		}
	}
	b.WriteString(`# rules:                        # per-rule severity: error | warning | info | off
#   example-key-orphaned: warning
`)
	return b.Bytes()
}

// writeUnfound writes, as comments, what zero-config could not find for a
// component: each unresolved root or read, where it is and what to write.
func writeUnfound(b *bytes.Buffer, c *diff.Component) {
	cfg := c.Config
	if cfg == nil {
		return
	}
	var lines []string
	for _, u := range cfg.Unresolved {
		lines = append(lines, fileLine(u.Pos)+": "+u.Msg)
	}
	for _, u := range cfg.UnsupportedReaders {
		lines = append(lines, fileLine(u.Pos)+": "+u.Msg+"; list the keys it reads under ignore:")
	}
	for _, u := range cfg.DynamicReads {
		lines = append(lines, fileLine(u.Pos)+": "+u.Msg+"; list the function that passes the name under getenv_funcs: (\"import/path.Func\")")
	}
	if len(lines) == 0 {
		return
	}
	b.WriteString("    # Not found by zero-config (incomplete-coverage); write what it is above:\n")
	for _, l := range lines {
		fmt.Fprintf(b, "    #   %s\n", oneLineComment(l))
	}
}

// oneLineComment keeps a message on one comment line.
func oneLineComment(s string) string { return strings.NewReplacer("\r", " ", "\n", " ").Replace(s) }

// yamlScalar writes s as a YAML scalar, quoted when it must be.
func yamlScalar(s string) string {
	out, err := yaml.Marshal(s)
	v := strings.TrimSuffix(string(out), "\n")
	if err != nil || strings.Contains(v, "\n") {
		// A double-quoted YAML scalar takes Go's escapes.
		return strconv.Quote(s)
	}
	return v
}
