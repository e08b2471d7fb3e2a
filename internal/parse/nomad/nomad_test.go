package nomad

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/envlint/envlint/internal/lint"
)

func TestParse(t *testing.T) {
	src, err := os.ReadFile("testdata/api.nomad.hcl")
	if err != nil {
		t.Fatal(err)
	}
	const f = "deploy/api.nomad.hcl"
	got := Parse(f, src)
	if len(got.Errors) > 0 {
		t.Fatalf("errors: %v", got.Errors)
	}
	if len(got.Targets) != 2 {
		t.Fatalf("got %d targets, want 2", len(got.Targets))
	}
	api := got.Targets[0]
	want := lint.DeployTarget{
		Name: f + "#api", Kind: lint.DeployNomad, Pos: lint.Pos{File: f, Line: 5, Col: 5},
		Image: "ghcr.io/acme/api:1.4",
		Keys: []lint.DeployKey{
			{Name: "LOG_LEVEL", Pos: lint.Pos{File: f, Line: 11, Col: 9}, Source: lint.SourceLiteral, Value: "info", ValuePos: lint.Pos{File: f, Line: 11, Col: 22}},
			{Name: "PORT", Pos: lint.Pos{File: f, Line: 12, Col: 9}, Source: lint.SourceInterpolation},
		},
		// An inline template is named by its stanza, so that several in one
		// file stay distinct.
		Templates: []string{f + "#template@14"},
	}
	if d := cmp.Diff(want, api); d != "" {
		t.Errorf("task api (-want +got):\n%s", d)
	}
	if side := got.Targets[1]; side.Name != f+"#sidecar" || !side.Incomplete {
		t.Errorf("sidecar: an env template without data or source must make the task incomplete: %+v", side)
	}
	if len(got.Templates) != 3 {
		t.Fatalf("got %d templates, want 3", len(got.Templates))
	}
	inline := got.Templates[0].Contents
	if inline == nil || len(inline.Keys) != 1 || inline.Keys[0].Name != "API_TOKEN" {
		t.Fatalf("inline template: %+v", inline)
	}
	if inline.File != f+"#template@14" || inline.Start() != (lint.Pos{File: f, Line: 14, Col: 7}) {
		t.Errorf("inline template named %q at %s, want %s#template@14 at its stanza", inline.File, inline.Start(), f)
	}
	// The key is positioned in the job file: line 18, column 36.
	if p := inline.Keys[0].Pos; p.File != f || p.Line != 18 || p.Col != 36 {
		t.Errorf("API_TOKEN at %s, want %s:18:36", p, f)
	}
	if s := got.Templates[1].Source; s != "deploy/templates/config.ctmpl" {
		t.Errorf("source template %q, want deploy/templates/config.ctmpl", s)
	}
}

func TestParseError(t *testing.T) {
	got := Parse("x.nomad", []byte("job \"a\" {\n  group \"b\" {\n    task \"c\" {{\n"))
	if len(got.Errors) != 1 || got.Errors[0].Pos.Line != 3 || len(got.Targets) != 0 {
		t.Fatalf("want one error on line 3 and no targets, got %+v", got)
	}
}
