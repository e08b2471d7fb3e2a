package ctmpl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/envlint/envlint/internal/lint"
)

func pos(line, col int) lint.Pos { return lint.Pos{File: "t.ctmpl", Line: line, Col: col} }

func TestParse_Errors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []lint.Problem
	}{
		{"unknown function", "A=1\n{{ with secret \"x\" }}\nB={{ nosuch .Data }}\n{{ end }}\n",
			[]lint.Problem{{Pos: lint.Pos{File: "t.ctmpl", Line: 3}, Msg: `function "nosuch" not defined`}}},
		{"unbalanced end", "A=1\n{{ end }}\n",
			[]lint.Problem{{Pos: lint.Pos{File: "t.ctmpl", Line: 2}, Msg: "unexpected {{end}}"}}},
		{"unclosed with", "{{ with secret \"x\" }}\nA={{ .Data.data.A }}\n",
			[]lint.Problem{{Pos: lint.Pos{File: "t.ctmpl", Line: 3}, Msg: "unexpected EOF"}}},
		{"bad pipeline", "\n\nA={{ (.Data }}\n",
			[]lint.Problem{{Pos: lint.Pos{File: "t.ctmpl", Line: 3}, Msg: "unclosed left paren"}}},
		{"sprig without prefix", "A={{ upper \"x\" }}\n",
			[]lint.Problem{{Pos: lint.Pos{File: "t.ctmpl", Line: 1}, Msg: `function "upper" not defined`}}},
		{"NUL byte", "A=1\nB=\x00\n",
			[]lint.Problem{{Pos: pos(2, 3), Msg: "template contains a NUL byte"}}},
		{"invalid UTF-8", "A=1\n\nB=\xff\n",
			[]lint.Problem{{Pos: pos(3, 3), Msg: "template is not valid UTF-8"}}},
		// consul-template's own functions are accepted.
		{"consul-template functions", "{{ with secret \"x\" }}A={{ .Data.data.a | base64Decode | sprig_upper | trimSpace }}{{ end }}\n", nil},
		{"empty template", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse("t.ctmpl", []byte(tt.src), Options{})
			if diff := cmp.Diff(tt.want, got.Errors); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParse_Keys(t *testing.T) {
	tests := []struct {
		name, src string
		opts      Options
		want      []lint.VaultKey
	}{
		{
			name: "fallback forms",
			src: "{{ with secret \"secret/data/w\" }}\n" +
				"A={{ with .Data.data.A }}{{ . }}{{ else }}\"\"{{ end }}\n" +
				"B={{ .Data.data.B }}\n" +
				"C={{ or .Data.data.C \"\" }}\n" +
				"D={{ printf \"%q\" .Data.data.D }}\n" +
				"{{ end }}",
			want: []lint.VaultKey{
				{Name: "A", Pos: pos(2, 1), Path: "secret/data/w", SecretPos: pos(1, 1), Fields: []string{"A"}, FieldPaths: []string{"secret/data/w"}, EmptyFallback: true},
				{Name: "B", Pos: pos(3, 1), Path: "secret/data/w", SecretPos: pos(1, 1), Fields: []string{"B"}, FieldPaths: []string{"secret/data/w"}},
				{Name: "C", Pos: pos(4, 1), Path: "secret/data/w", SecretPos: pos(1, 1), Fields: []string{"C"}, FieldPaths: []string{"secret/data/w"}, EmptyFallback: true},
				{Name: "D", Pos: pos(5, 1), Path: "secret/data/w", SecretPos: pos(1, 1), Fields: []string{"D"}, FieldPaths: []string{"secret/data/w"}},
			},
		},
		{
			name: "literal value and key glued by a trim",
			src:  "X=1 {{- \"\" -}}\n  Y=2\nZ=3\n",
			want: []lint.VaultKey{
				{Name: "X", Pos: pos(1, 1), Fields: []string{}},
				{Name: "Z", Pos: pos(3, 1), Fields: []string{}},
			},
		},
		{
			name: "secret in a variable, inner action",
			src:  "  {{ $s := secret \"kv/a\" }}\nexport K={{ $s.Data.k }}\n",
			want: []lint.VaultKey{
				{Name: "K", Pos: pos(2, 8), Path: "kv/a", SecretPos: pos(1, 3), Fields: []string{"k"}, FieldPaths: []string{"kv/a"}},
			},
		},
		{
			name: "comment line is no key",
			src:  "# A={{ \"x\" }}\nB=2 # C=3\n",
			want: []lint.VaultKey{{Name: "B", Pos: pos(2, 1), Fields: []string{}}},
		},
		{
			name: "custom delimiters",
			src:  "<% with secret \"s\" %>K=<% .Data.k %>{{ x }}<% end %>\n",
			opts: Options{LeftDelim: "<%", RightDelim: "%>"},
			want: []lint.VaultKey{{Name: "K", Pos: pos(1, 22), Path: "s", SecretPos: pos(1, 1), Fields: []string{"k"}, FieldPaths: []string{"s"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse("t.ctmpl", []byte(tt.src), tt.opts)
			if len(got.Errors) > 0 {
				t.Fatalf("errors: %v", got.Errors)
			}
			// Block is an identity, compared by TestParse_Block.
			if diff := cmp.Diff(tt.want, got.Keys, cmpopts.IgnoreFields(lint.VaultKey{}, "Block")); diff != "" {
				t.Errorf("keys (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParse_Directives(t *testing.T) {
	src := "{{ with secret \"s\" }}\n" +
		"{{/* envlint:ignore vault-key-not-in-config,dynamic-key kept for v1 */}}\n" +
		"A={{ .Data.a }}\n" +
		"B={{ .Data.b }} {{/* envlint:ignore vault-field-mismatch */}}\n" +
		"{{/* envlint:ignore vault-empty-fallback */}}\n\n" +
		"{{/* just a comment */}}\n" +
		"{{ end }}\n"
	got := Parse("t.ctmpl", []byte(src), Options{})
	want := []lint.Directive{
		{Pos: pos(2, 1), Rules: []string{"vault-key-not-in-config", "dynamic-key"}, Reason: "kept for v1", Key: "A"},
		{Pos: pos(4, 17), Rules: []string{"vault-field-mismatch"}, Key: "B"},
		{Pos: pos(5, 1), Rules: []string{"vault-empty-fallback"}},
	}
	if diff := cmp.Diff(want, got.Directives); diff != "" {
		t.Errorf("directives (-want +got):\n%s", diff)
	}
}

func TestParse_SecretsAndDynamic(t *testing.T) {
	src := "{{ with secret (printf \"secret/data/%s/app\" (env \"ENV\")) }}\n" +
		"{{ range $k, $v := .Data.data }}{{ $k }}={{ $v }}\n{{ end }}\n" +
		"{{ end }}\n" +
		"{{ with secret \"kv/b\" }}{{ env \"PREFIX\" }}_URL={{ .Data.url }}{{ end }}\n"
	got := Parse("t.ctmpl", []byte(src), Options{})
	wantSecrets := []lint.SecretRef{{Pos: pos(1, 1), Path: "secret/data/%s/app", PathArgs: []string{`env "ENV"`}}, {Pos: pos(5, 1), Path: "kv/b"}}
	if diff := cmp.Diff(wantSecrets, got.Secrets); diff != "" {
		t.Errorf("secrets (-want +got):\n%s", diff)
	}
	var lines []int
	for _, d := range got.Dynamic {
		lines = append(lines, d.Pos.Line)
	}
	if diff := cmp.Diff([]int{2, 5}, lines); diff != "" {
		t.Errorf("dynamic lines (-want +got):\n%s", diff)
	}
	if len(got.Keys) != 0 {
		t.Errorf("keys = %v, want none", got.Keys)
	}
}

// TestParse_NoSideEffects shows that Parse executes nothing: no file is
// written, no program runs, and the host environment is not read.
func TestParse_NoSideEffects(t *testing.T) {
	dir := t.TempDir()
	written := filepath.Join(dir, "written")
	touched := filepath.Join(dir, "touched")
	t.Setenv("ENVLINT_CANARY", "leaked-canary-value")
	src := "{{ writeToFile \"" + written + "\" \"\" \"\" \"0644\" \"boom\" }}\n" +
		"{{ plugin \"/usr/bin/touch\" \"" + touched + "\" }}\n" +
		"{{ secret \"secret/data/app\" \"password=overwritten\" }}\n" +
		"{{ env \"ENVLINT_CANARY\" }}=x\n" +
		"K={{ env \"ENVLINT_CANARY\" }}\n" +
		"{{ with secret \"secret/data/app\" }}A={{ .Data.data.a }}{{ end }}\n" +
		"{{ key \"consul/key\" }}{{ nomadVar \"nomad/jobs\" }}\n"
	got := Parse("t.ctmpl", []byte(src), Options{})
	if len(got.Errors) > 0 {
		t.Fatalf("errors: %v", got.Errors)
	}
	for _, f := range []string{written, touched} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s was created", f)
		}
	}
	if s := strings.Join(keyNames(got), ","); strings.Contains(s, "leaked") {
		t.Errorf("the host environment was read: keys %s", s)
	}
	for _, k := range got.Keys {
		if k.Name == "leaked-canary-value" {
			t.Errorf("env was evaluated")
		}
	}
}

func keyNames(t *lint.Template) []string {
	var out []string
	for _, k := range t.Keys {
		out = append(out, k.Name)
	}
	return out
}

// TestParse_Bounded checks that hostile shapes finish with the right keys;
// their cost is asserted in work units by TestParse_Linear, never in time.
func TestParse_Bounded(t *testing.T) {
	deep := strings.Repeat("{{ if .X }}", 10000) + "A=1\n" + strings.Repeat("{{ end }}", 10000)
	tooDeep := strings.Repeat("{{ with .X }}", MaxNesting+1) + strings.Repeat("{{ end }}", MaxNesting+1)
	tests := []struct {
		name    string
		src     string
		keys    []string
		errLine int
	}{
		{"10000 nested ifs", deep, []string{"A"}, 0},
		{"deeper than MaxNesting", tooDeep, nil, 1},
		{"huge range over a number", "{{ range 1000000000 }}{{ range 1000000000 }}x{{ end }}{{ end }}\nA=1\n", []string{"A"}, 0},
		{"recursive template", "{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" . }}\nA=1\n", []string{"A"}, 0},
		{"many branches", strings.Repeat("{{ if .X }}a{{ else }}b{{ end }}", 200) + "=1\n", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse("t.ctmpl", []byte(tt.src), Options{})
			if tt.errLine != 0 {
				if len(got.Errors) != 1 || got.Errors[0].Pos.Line != tt.errLine {
					t.Errorf("errors = %v, want one at line %d", got.Errors, tt.errLine)
				}
				return
			}
			if len(got.Errors) > 0 {
				t.Fatalf("errors: %v", got.Errors)
			}
			if diff := cmp.Diff(tt.keys, keyNames(got)); diff != "" {
				t.Errorf("keys (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParse_Block checks which keys are written in the same block, the
// basis of duplicate-key for templates: two keys of one name in one block
// always render together, while an override in a nested if, or the arms of
// one if/else, do not.
func TestParse_Block(t *testing.T) {
	tests := []struct {
		name, src string
		same      bool // the first two keys share a block
	}{
		{"twice in one with secret", "{{ with secret \"a\" }}\nA={{ .Data.data.A }}\nA={{ .Data.data.B }}\n{{ end }}\n", true},
		{"twice at the top level", "A=1\nB=2\nA=3\n", true},
		{"override in a nested if", "{{ with secret \"a\" }}\nA=2\n{{ if .Data.data.X }}A=1{{ end }}\n{{ end }}\n", false},
		{"different secrets", "{{ with secret \"a\" }}A={{ .Data.data.A }}\n{{ end }}{{ with secret \"b\" }}A={{ .Data.data.A }}\n{{ end }}\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var as []lint.VaultKey
			for _, k := range Parse("t.ctmpl", []byte(tt.src), Options{}).Keys {
				if k.Name == "A" {
					as = append(as, k)
				}
			}
			if len(as) < 2 {
				t.Fatalf("want two keys named A, got %+v", as)
			}
			if got := as[0].Block == as[1].Block; got != tt.same {
				t.Errorf("same block = %v (%q, %q), want %v", got, as[0].Block, as[1].Block, tt.same)
			}
		})
	}
	// The arms of one if/else are one key, with a block of its own.
	ks := Parse("t.ctmpl", []byte("{{ if .X }}A=1{{ else }}A=2{{ end }}\nB=1\n"), Options{}).Keys
	if len(ks) != 2 || ks[0].Block == ks[1].Block {
		t.Errorf("if/else arms: got %+v, want one key A with a block that B does not share", ks)
	}
}
