package vaultagent

import (
	"fmt"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	src, err := os.ReadFile("testdata/agent.hcl")
	if err != nil {
		t.Fatal(err)
	}
	got := Parse("deploy/agent.hcl", src)
	if got == nil || len(got.Errors) > 0 {
		t.Fatalf("got %+v", got)
	}
	var lines []string
	for _, tm := range got.Templates {
		s := fmt.Sprintf("%s source=%q dest=%q", tm.Pos, tm.Source, tm.Destination)
		if tm.Contents != nil {
			for _, k := range tm.Contents.Keys {
				s += fmt.Sprintf(" key %s at %s", k.Name, k.Pos)
			}
		}
		lines = append(lines, s)
	}
	want := []string{
		`deploy/agent.hcl:15:1 source="templates/api.ctmpl" dest="/vault/secrets/api.env"`,
		`deploy/agent.hcl:20:1 source="" dest="/vault/secrets/inline.env" key INLINE_TOKEN at deploy/agent.hcl:24:1`,
		`deploy/agent.hcl:29:1 source="" dest="a.env" key A at deploy/agent.hcl:30:18`,
	}
	if d := cmp.Diff(want, lines); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestNotAgent(t *testing.T) {
	for _, src := range []string{"", "resource \"x\" \"y\" {}\n", "broken {{{ \n", "vault { address = \"http://x\" }\n"} {
		if got := Parse("x.hcl", []byte(src)); got != nil {
			t.Errorf("%q: read as an agent configuration: %+v", src, got)
		}
	}
	if got := Parse("x.hcl", []byte("template {\n  source = \n}\n")); got == nil || len(got.Errors) == 0 {
		t.Errorf("a broken template stanza is not an error: %+v", got)
	}
}
