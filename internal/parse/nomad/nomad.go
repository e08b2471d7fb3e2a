// Package nomad reads Nomad job files (*.nomad, *.nomad.hcl) with
// HashiCorp's HCL parser (github.com/hashicorp/hcl/v2). Each task is a
// deploy target: its `env` block sets keys, and its `template` blocks with
// `env = true` render keys into its environment. Inline `data` templates are
// read with the template reader, positioned in the job file.
package nomad

import (
	"cmp"
	"path"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/ctmpl"
	"github.com/envlint/envlint/internal/parse/vaultagent"
)

// Parse reads one job file. A file HCL rejects is a DeployFile with one
// positioned error and no targets.
func Parse(file string, data []byte) *lint.DeployFile {
	out := &lint.DeployFile{File: file, Kind: lint.DeployNomad}
	f, diags := hclsyntax.ParseConfig(data, file, hcl.InitialPos)
	if diags.HasErrors() {
		out.Errors = append(out.Errors, vaultagent.Rejection(file, diags))
		return out
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return out
	}
	for _, job := range blocks(body, "job") {
		for _, group := range blocks(job.Body, "group") {
			for _, task := range blocks(group.Body, "task") {
				out.Targets = append(out.Targets, readTask(out, file, task))
			}
		}
	}
	return out
}

// readTask reads one task block; its templates are added to out.
func readTask(out *lint.DeployFile, file string, task *hclsyntax.Block) lint.DeployTarget {
	name := ""
	if len(task.Labels) > 0 {
		name = task.Labels[0]
	}
	t := lint.DeployTarget{Name: file + "#" + name, Kind: lint.DeployNomad, Pos: pos(file, task.TypeRange.Start)}
	for _, c := range blocks(task.Body, "config") {
		if s, _, ok := vaultagent.String(c.Body.Attributes["image"]); ok {
			t.Image = s
		}
	}
	for _, env := range blocks(task.Body, "env") {
		attrs := make([]*hclsyntax.Attribute, 0, len(env.Body.Attributes))
		for _, a := range env.Body.Attributes {
			attrs = append(attrs, a)
		}
		slices.SortFunc(attrs, func(a, b *hclsyntax.Attribute) int {
			return cmp.Compare(a.NameRange.Start.Byte, b.NameRange.Start.Byte)
		})
		for _, a := range attrs {
			k := lint.DeployKey{Name: a.Name, Pos: pos(file, a.NameRange.Start), Source: lint.SourceInterpolation}
			if s, at, ok := vaultagent.String(a); ok {
				k.Source, k.Value, k.ValuePos = lint.SourceLiteral, s, pos(file, at)
			}
			t.Keys = append(t.Keys, k)
		}
	}
	for _, b := range blocks(task.Body, "template") {
		tm := lint.AgentTemplate{Pos: pos(file, b.TypeRange.Start)}
		if s, _, ok := vaultagent.String(b.Body.Attributes["source"]); ok && s != "" {
			tm.Source = s
			if !path.IsAbs(s) {
				tm.Source = path.Clean(path.Join(path.Dir(file), s))
			}
		}
		if s, _, ok := vaultagent.String(b.Body.Attributes["destination"]); ok {
			tm.Destination = s
		}
		if s, at, ok := vaultagent.String(b.Body.Attributes["data"]); ok {
			tm.Contents = vaultagent.Inline(ctmpl.Parse(file, []byte(s), ctmpl.Options{}), at, tm.Pos)
		}
		out.Templates = append(out.Templates, tm)
		if !isTrue(b.Body.Attributes["env"]) {
			continue
		}
		switch {
		case tm.Contents != nil:
			t.Templates = append(t.Templates, tm.Contents.File)
		case tm.Source != "":
			t.Templates = append(t.Templates, tm.Source)
		default:
			// An env template envlint cannot read: the task's keys are unknown.
			t.Incomplete = true
		}
	}
	return t
}

func blocks(b *hclsyntax.Body, typ string) []*hclsyntax.Block {
	var bs []*hclsyntax.Block
	for _, x := range b.Blocks {
		if x.Type == typ {
			bs = append(bs, x)
		}
	}
	return bs
}

func isTrue(a *hclsyntax.Attribute) bool {
	if a == nil {
		return false
	}
	v, diags := a.Expr.Value(nil)
	return !diags.HasErrors() && v.IsKnown() && !v.IsNull() && v.Type() == cty.Bool && v.True()
}

func pos(file string, p hcl.Pos) lint.Pos {
	return lint.Pos{File: file, Line: p.Line, Col: p.Column}
}
