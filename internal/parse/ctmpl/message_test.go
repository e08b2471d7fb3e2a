package ctmpl

import "testing"

func TestWithoutLiterals(t *testing.T) {
	for in, want := range map[string]string{
		`unexpected "\"CANARY\"" in end`:         `unexpected a string literal in end`,
		"unexpected \"`CANARY`\" in operand":     `unexpected a string literal in operand`,
		`unexpected "\"a\\\"b\"" in end`:         `unexpected a string literal in end`,
		`function "foo" not defined`:             `function "foo" not defined`,
		`unexpected ":=" in operand`:             `unexpected ":=" in operand`,
		`unexpected "\"x\"" in end; "\"y\"" too`: `unexpected a string literal in end; a string literal too`,
	} {
		if got := withoutLiterals(in); got != want {
			t.Errorf("withoutLiterals(%q) = %q, want %q", in, got, want)
		}
	}
}
