package gostruct

import (
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
	"testing"
)

// TestWithoutLiterals parses Go with syntax errors next to literals and
// requires that the messages go/parser gives keep none of them.
func TestWithoutLiterals(t *testing.T) {
	for _, src := range []string{
		"package p\n\nvar x = \"a\" \"CANARY1\"\n",
		"package p\n\ntype C struct {\n\tA int `env:\"A\"` `CANARY2`\n}\n",
		"package p\n\nvar x = 1 918273\n",
		"package p\n\nimport \"CANARY3\" \"x\"\n",
		"package p\n\nvar x = 'a' 'Z'\n",
	} {
		_, err := parser.ParseFile(token.NewFileSet(), "x.go", src, 0)
		el, ok := err.(scanner.ErrorList)
		if !ok || len(el) == 0 {
			t.Fatalf("%q: no syntax error: %v", src, err)
		}
		msg := withoutLiterals(el[0].Msg)
		if strings.Contains(msg, "CANARY") || strings.Contains(msg, "918273") {
			t.Errorf("%q: message %q (from %q) quotes the source", src, msg, el[0].Msg)
		}
		if !strings.Contains(msg, "expected") {
			t.Errorf("%q: message %q lost its meaning", src, msg)
		}
	}
	if got := optionName("defualt=CANARY"); got != "defualt=…" {
		t.Errorf("optionName = %q", got)
	}
}
