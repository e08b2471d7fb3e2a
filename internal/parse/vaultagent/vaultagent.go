// Package vaultagent reads Vault Agent configuration files with HashiCorp's
// HCL parser (github.com/hashicorp/hcl/v2): the `template` stanzas say which
// templates are deployed and where they are written. Inline `contents`
// templates are read with the template reader, positioned in the HCL file.
package vaultagent

import (
	"bytes"
	"fmt"
	"path"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/ctmpl"
)

// Parse reads one HCL file. It returns nil when the file is not a Vault
// Agent configuration (no `template` stanza); a file that HCL rejects is
// one only when it mentions a template stanza.
func Parse(file string, data []byte) (out *lint.AgentConfig) {
	f, diags := hclsyntax.ParseConfig(data, file, hcl.InitialPos)
	if diags.HasErrors() {
		if !bytes.Contains(data, []byte("template")) {
			return nil
		}
		return &lint.AgentConfig{File: file, Errors: []lint.Problem{Rejection(file, diags)}}
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil
	}
	out = &lint.AgentConfig{File: file}
	for _, b := range body.Blocks {
		if b.Type != "template" {
			continue
		}
		t := lint.AgentTemplate{Pos: lint.Pos{File: file, Line: b.TypeRange.Start.Line, Col: b.TypeRange.Start.Column}}
		if s, _, ok := String(b.Body.Attributes["source"]); ok && s != "" {
			t.Source = s
			if !path.IsAbs(s) {
				t.Source = path.Clean(path.Join(path.Dir(file), s))
			}
		}
		if s, _, ok := String(b.Body.Attributes["destination"]); ok {
			t.Destination = s
		}
		if s, at, ok := String(b.Body.Attributes["contents"]); ok {
			t.Contents = Inline(ctmpl.Parse(file, []byte(s), ctmpl.Options{}), at, t.Pos)
		}
		out.Templates = append(out.Templates, t)
	}
	if len(out.Templates) == 0 {
		return nil
	}
	return out
}

// Rejection is the first error of HCL's diagnostics as a problem,
// positioned where HCL says.
func Rejection(file string, diags hcl.Diagnostics) lint.Problem {
	d := diags.Errs()[0].(*hcl.Diagnostic)
	p := lint.Problem{Pos: lint.Pos{File: file, Line: 1}, Msg: "HCL rejects " + file + ": " + d.Summary}
	if d.Subject != nil {
		p.Pos.Line, p.Pos.Col = d.Subject.Start.Line, d.Subject.Start.Column
	}
	return p
}

// String returns an attribute's constant string value and where the string
// starts in the file; false when it is absent or not a constant.
func String(a *hclsyntax.Attribute) (string, hcl.Pos, bool) {
	if a == nil {
		return "", hcl.Pos{}, false
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", hcl.Pos{}, false
	}
	at := a.Expr.Range().Start
	if te, ok := a.Expr.(*hclsyntax.TemplateExpr); ok && len(te.Parts) > 0 {
		at = te.Parts[0].Range().Start
	}
	return v.AsString(), at, true
}

// Offset moves a template parsed from a string to where the string is
// written in the HCL file.
// Inline is Offset for a template written inside a stanza at pos: it is
// named by its place ("<file>#template@<line>"), so that several in one
// file stay distinct templates, and findings about the whole template
// point at the stanza.
func Inline(t *lint.Template, at hcl.Pos, pos lint.Pos) *lint.Template {
	t = Offset(t, at)
	t.File, t.Pos = fmt.Sprintf("%s#template@%d", pos.File, pos.Line), pos
	return t
}

func Offset(t *lint.Template, at hcl.Pos) *lint.Template {
	for _, p := range t.Positions() {
		if p.Line == 1 && p.Col > 0 {
			p.Col += at.Column - 1
		}
		if p.Line > 0 {
			p.Line += at.Line - 1
		}
	}
	return t
}
