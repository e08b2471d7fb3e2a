package cli

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/envlint/envlint/internal/atomicfile"
	"github.com/envlint/envlint/internal/diff"
	"github.com/envlint/envlint/internal/fix"
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/secret"
	"github.com/envlint/envlint/internal/value"
)

type fixOptions struct {
	global *globalOptions
	dryRun bool
	prune  bool
}

func newFixCmd(g *globalOptions) *cobra.Command {
	o := &fixOptions{global: g}
	cmd := &cobra.Command{
		Use:   "fix",
		Short: "Bring .env.example in line: add missing keys, fix [VAULT] markers",
		Long: `Edit each component's example file so that config-key-not-in-example,
vault-marker-missing and vault-marker-stale are resolved; with --prune also
example-key-orphaned. A missing key is added next to its relatives, with the
field's doc as a comment, its default as the value (empty for secrets) and
[VAULT] when a template renders it. Every other byte of the file is kept.

fix never edits Go code or templates: for a template key that no config
field reads it prints the field to add. Only a component's first example
file is edited. Writes are atomic.

Exit status: 0 done; 1 with --dry-run when a file would change (a CI check);
2 the run could not be done.`,
		Example: `  envlint fix
  envlint fix --dry-run          # print the diff; exit 1 if a file would change
  envlint fix --prune            # also remove keys no config field reads
  envlint -C services/api fix --component api`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runFix(o) },
	}
	cmd.Flags().BoolVar(&o.dryRun, "dry-run", false, "print a unified diff instead of writing; exit 1 when a file would change")
	cmd.Flags().BoolVar(&o.prune, "prune", false, "also remove orphaned keys (example-key-orphaned) with their comment block")
	return cmd
}

// fixable are the rules fix resolves in example files.
var fixable = map[string]fix.Kind{
	"config-key-not-in-example": fix.AddKey,
	"vault-marker-missing":      fix.AddMarker,
	"vault-marker-stale":        fix.RemoveMarker,
	"example-key-orphaned":      fix.RemoveKey,
}

func runFix(o *fixOptions) error {
	g := o.global
	p, err := g.load()
	if err != nil {
		return err
	}
	findings := p.check()
	out := g.io.Out
	changed, broken := false, false
	for _, c := range p.components {
		var fs []lint.Finding
		for _, f := range findings {
			if f.Component == c.Name {
				fs = append(fs, f)
			}
		}
		suggestFields(out, c, fs)
		if len(c.Examples) == 0 {
			continue
		}
		ex := c.Examples[0]
		if len(ex.Errors) > 0 {
			// Editing around a syntax error could make it worse, and
			// exiting 0 would tell CI the file is in order (#15).
			for _, e := range ex.Errors {
				fmt.Fprintf(out, "%s: error: %s [parse-error]\n", lint.VisiblePath(e.Pos.String()), lint.Visible(e.Msg))
			}
			fmt.Fprintf(out, "%s: not fixed: fix the syntax errors above first\n", lint.VisiblePath(ex.File))
			broken = true
			continue
		}
		m := newMatrix(c)
		edits := fixEdits(out, c, m, fs, o.prune)
		if len(edits) == 0 {
			continue
		}
		file := filepath.Join(p.root, filepath.FromSlash(ex.File))
		// The edits were computed from these bytes: editing what is on disk
		// now could apply them twice (#15).
		parsed, ok := p.parsed.Load(ex.File)
		if !ok {
			continue // unreadable: check reports it
		}
		src := parsed.([]byte)
		res := fix.Apply(ex.File, src, edits)
		for _, s := range res.Skipped {
			fmt.Fprintf(out, "%s: not fixed: %s: %s\n", editPos(ex.File, s.Edit), describeEdit(s.Edit), lint.Visible(s.Reason))
		}
		if bytes.Equal(res.Src, src) {
			continue
		}
		changed = true
		if o.dryRun {
			out.Write(fix.Diff(ex.File, src, res.Src, func(e *lint.ExampleEntry) bool { return hideValue(m, e) }))
			continue
		}
		if err := atomicfile.Replace(p.root, file, src, res.Src); err != nil {
			return &runError{fmt.Sprintf("cannot write %s: %v", ex.File, unwrapPathError(err))}
		}
		done := slices.Clone(res.Done)
		slices.SortStableFunc(done, func(a, b fix.Edit) int {
			switch {
			case a.Line == 0 || b.Line == 0:
				return min(b.Line, 1) - min(a.Line, 1)
			}
			return a.Line - b.Line
		})
		for _, e := range done {
			fmt.Fprintf(out, "%s: %s\n", editPos(ex.File, e), describeEdit(e))
		}
	}
	if o.dryRun && changed || broken {
		return errFindings
	}
	return nil
}

func editPos(file string, e fix.Edit) string {
	if e.Line > 0 {
		return lint.VisiblePath(fmt.Sprintf("%s:%d", file, e.Line))
	}
	return lint.VisiblePath(file)
}

// describeEdit says what an edit does, in a line of text output.
func describeEdit(e fix.Edit) string {
	e.Name = lint.Visible(e.Name)
	switch e.Kind {
	case fix.AddKey:
		if e.Vault {
			return "added " + e.Name + " [VAULT]"
		}
		return "added " + e.Name
	case fix.AddMarker:
		return "marked " + e.Name + " [VAULT]"
	case fix.RemoveMarker:
		return "removed the [VAULT] marker of " + e.Name
	case fix.RemoveKey:
		return "removed " + e.Name
	}
	return e.Kind.String() + " " + e.Name
}

// fixEdits turns a component's findings into edits of its first example
// file. Findings in its other example files are reported as not fixed.
func fixEdits(out io.Writer, c *diff.Component, m *matrix, fs []lint.Finding, prune bool) []fix.Edit {
	ex := c.Examples[0]
	var edits []fix.Edit
	added := map[string]bool{}
	for _, f := range fs {
		if e, ok := composeVariableEdit(out, ex, f, added); ok {
			edits = append(edits, e)
			continue
		}
		kind, ok := fixable[f.Rule]
		if !ok || kind == fix.RemoveKey && !prune {
			continue
		}
		if kind == fix.AddKey {
			if k := configKey(c, f.Key); k != nil && !added[k.Name] {
				added[k.Name] = true
				edits = append(edits, addKeyEdit(c, m.row(k.Name), k))
			}
			continue
		}
		if f.Pos.File != ex.File {
			fmt.Fprintf(out, "%s: not fixed: %s: envlint fix edits only the first example file, %s\n",
				lint.VisiblePath(f.Pos.String()), lint.Visible(f.Key), lint.Visible(ex.File))
			continue
		}
		edits = append(edits, fix.Edit{Kind: kind, Name: f.Key, Line: f.Pos.Line})
	}
	return edits
}

func configKey(c *diff.Component, name string) *lint.ConfigKey {
	if c.Config == nil {
		return nil
	}
	for i := range c.Config.Keys {
		if c.Config.Keys[i].Name == name {
			return &c.Config.Keys[i]
		}
	}
	return nil
}

// addKeyEdit describes the entry to add for a config key.
func addKeyEdit(c *diff.Component, r *row, k *lint.ConfigKey) fix.Edit {
	e := fix.Edit{Kind: fix.AddKey, Name: k.Name, Doc: k.Doc, Vault: r.has(layerVault)}
	if k.Default != nil && !r.secret() {
		if _, looks := secret.Detect(k.Name, *k.Default); !looks {
			e.Value = *k.Default
		}
	}
	// An empty value is a type error where the library decodes it as set
	// (an int under kelseyhightower): write the type's zero value instead,
	// so that fix never adds a finding of its own.
	if e.Value == "" && value.Check(k, "") != nil {
		if z, ok := zeroValue(k.Type); ok && value.Check(k, z) == nil {
			e.Value = z
		}
	}
	// Relatives: the fields of the same struct before this one, nearest
	// first, then any field before it.
	keys := c.Config.Keys
	i := slices.IndexFunc(keys, func(x lint.ConfigKey) bool { return x.Name == k.Name })
	parent := parentField(k.Field)
	var others []string
	for j := i - 1; j >= 0; j-- {
		if parentField(keys[j].Field) == parent {
			e.After = append(e.After, keys[j].Name)
		} else {
			others = append(others, keys[j].Name)
		}
	}
	e.After = append(e.After, others...)
	return e
}

func parentField(f string) string {
	if i := strings.LastIndexByte(f, '.'); i >= 0 {
		return f[:i]
	}
	return ""
}

// hideValue reports whether an example entry's value must not be shown:
// it is [VAULT]-marked, its key's values are secret (see row.secret), or the
// value itself looks like a credential.
func hideValue(m *matrix, e *lint.ExampleEntry) bool {
	if e.VaultMarker {
		return true
	}
	if r := m.row(e.Name); r != nil {
		if r.secret() {
			return true
		}
	} else if secret.LooksSecretName(e.Name, lint.Type{Kind: lint.KindString}) {
		return true // an entry the matrix leaves out: commented out under commented: ignore
	}
	_, looks := secret.Detect(e.Name, e.Value)
	return looks
}

// suggestFields prints, for each template key no config field reads, the
// struct field that would read it: fix never edits Go code.
func suggestFields(out io.Writer, c *diff.Component, fs []lint.Finding) {
	for _, f := range fs {
		if f.Rule != "vault-key-not-in-config" {
			continue
		}
		fmt.Fprintf(out, "%s: not fixed: %s is rendered but no config field reads it; envlint does not edit Go code. %s\n",
			lint.VisiblePath(f.Pos.String()), lint.Visible(f.Key), lint.VisibleBreaks(fieldSuggestion(c, f.Key)))
	}
}

// fieldSuggestion is the ready-to-paste Go that reads key, for the
// component's config library.
func fieldSuggestion(c *diff.Component, key string) string {
	var root *lint.Root
	if c.Config != nil && len(c.Config.Roots) > 0 {
		root = &c.Config.Roots[0]
	}
	if root == nil {
		return fmt.Sprintf("To read it, add:\n\tos.Getenv(%q)", key)
	}
	lib := root.Library
	// The library most of the component's struct keys use wins over the
	// first root's, in case of several.
	count := map[lint.Library]int{}
	for _, k := range c.Config.Keys {
		if k.Source == "struct" {
			count[k.Library]++
		}
	}
	for _, l := range lint.Libraries {
		if count[l] > count[lib] {
			lib = l
		}
	}
	if lib == lint.Pydantic {
		return pySuggestion(root, key)
	}
	name, note := key, ""
	prefix := root.Prefix
	if lib == lint.Kelseyhightower && prefix != "" {
		prefix = strings.ToUpper(prefix) + "_"
	}
	if prefix != "" {
		if rest, ok := strings.CutPrefix(key, prefix); ok && rest != "" {
			name = rest
		} else if lib != lint.Kelseyhightower {
			note = fmt.Sprintf(" (the prefix %s applies to the struct: this field would read %s%s)", root.Prefix, prefix, key)
		}
	}
	tag := "env"
	if lib == lint.Kelseyhightower {
		tag = "envconfig"
	}
	return fmt.Sprintf("To read it, add to %s in %s%s:\n\t%s string `%s:%q`",
		root.Struct, root.Dir, note, goFieldName(key), tag, name)
}

// initialisms are written in capitals in Go names (go/lint's list, in part).
var initialisms = map[string]bool{
	"API": true, "ASCII": true, "AWS": true, "CPU": true, "CSRF": true, "DB": true, "DNS": true, "DSN": true,
	"GCP": true, "HTML": true, "HTTP": true, "HTTPS": true, "ID": true, "IP": true, "JSON": true, "JWT": true,
	"S3": true, "SMTP": true, "SQL": true, "SSH": true, "SSL": true, "TCP": true, "TLS": true, "TTL": true,
	"UDP": true, "UI": true, "URI": true, "URL": true, "UUID": true, "XML": true,
}

// goFieldName turns STRIPE_API_KEY into StripeAPIKey.
func goFieldName(key string) string {
	var b strings.Builder
	for w := range strings.FieldsFuncSeq(key, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		u := strings.ToUpper(w)
		if initialisms[u] {
			b.WriteString(u)
			continue
		}
		rs := []rune(strings.ToLower(w))
		rs[0] = unicode.ToUpper(rs[0])
		b.WriteString(string(rs))
	}
	s := b.String()
	if s == "" || !unicode.IsLetter([]rune(s)[0]) {
		s = "Key" + s
	}
	return s
}

// zeroValue is a valid example value for a type whose empty value is not.
func zeroValue(t lint.Type) (string, bool) {
	switch t.Kind {
	case lint.KindInt, lint.KindUint, lint.KindFloat:
		return "0", true
	case lint.KindBool:
		return "false", true
	case lint.KindDuration:
		return "0s", true
	}
	return "", false
}
