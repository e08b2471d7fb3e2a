package ctmpl

import (
	"slices"
	"strings"
	"testing"

	"github.com/joho/godotenv"

	"github.com/envlint/envlint/internal/lint"
)

// TestParse_RenderSemantics holds one case per form of render semantics
// the reader follows. Each is judged twice: by the hand-written keys (and
// check), and by consul-template's own render under every env and field
// assumption (compareWithEngine), so a wrong hand-written expectation
// cannot pass either.
func TestParse_RenderSemantics(t *testing.T) {
	const a, b = "ENVLINT_FZ_A", "ENVLINT_FZ_B"
	tests := []struct {
		name  string
		src   string
		keys  []string
		check func(t *testing.T, got *lint.Template)
	}{
		{
			name: "secret is never empty",
			src:  "{{ with secret \"secret/data/s\" }}K1={{ .Data.data.alpha }}\n{{ else }}K2=1\n{{ end }}",
			keys: []string{"K1"},
		},
		{
			name: "constant eq folds",
			src:  "{{ if eq \"prod\" \"prod\" }}K1=1\n{{ else }}K2=1\n{{ end }}",
			keys: []string{"K1"},
		},
		{
			name: "not, and, or fold",
			src:  "{{ if not (or \"\" 0) }}K1=1\n{{ end }}{{ if and 1 \"\" }}K2=1\n{{ end }}{{ if or (env \"" + a + "\") true }}K3=1\n{{ end }}",
			keys: []string{"K1", "K3"},
		},
		{
			name: "a condition that never holds",
			src:  "{{ if and (env \"" + a + "\") (not (env \"" + a + "\")) }}K1=1\n{{ end }}K2=1\n",
			keys: []string{"K2"},
		},
		{
			name: "range over an integer",
			src:  "{{ range $i := 3 }}K{{ $i }}=1\n{{ end }}",
			keys: []string{"K0", "K1", "K2"},
		},
		{
			name: "break and continue",
			src:  "{{ range $i := 5 }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ if eq $i 3 }}{{ break }}{{ end }}K{{ $i }}=1\n{{ end }}",
			keys: []string{"K0", "K2"},
		},
		{
			name: "a variable assigned in a branch holds either value after it",
			src:  "{{ $k := \"K1\" }}{{ if env \"" + a + "\" }}{{ $k = \"K2\" }}{{ end }}{{ $k }}=1\n",
			keys: []string{"K1", "K2"},
		},
		{
			name: "the else arm sees only the outer value",
			src:  "{{ $k := \"K1\" }}{{ if env \"" + a + "\" }}{{ $k = \"K2\" }}{{ else }}{{ $k }}_E=1\n{{ end }}",
			keys: []string{"K1_E"},
		},
		{
			name: "printf over a variable with two values",
			src:  "{{ $k := \"a\" }}{{ if env \"" + a + "\" }}{{ $k = \"b\" }}{{ end }}{{ printf \"K1_%s\" $k }}=1\n",
			keys: []string{"K1_a", "K1_b"},
		},
		{
			name: "scratch setters render nothing",
			src:  "{{ scratch.Set \"x\" \"1\" }}K1=1\n{{ scratch.MapSet \"m\" \"k\" \"v\" }}K2=2\n",
			keys: []string{"K1", "K2"},
		},
		{
			name: "writeToFile renders nothing",
			src:  "{{ writeToFile \"/nonexistent/x\" \"\" \"\" \"0644\" \"c\" }}K1=1\n",
			keys: []string{"K1"},
		},
		{
			name: "executeTemplate renders the define",
			src:  "{{ define \"d\" }}K1=1\n{{ end }}{{ executeTemplate \"d\" }}K2=2\n{{ template \"d\" }}",
			keys: []string{"K1", "K2"},
		},
		{
			name: "a printf path of constants is folded",
			src:  "{{ with secret (printf \"secret/data/%s/x\" \"prod\") }}K1={{ .Data.data.alpha }}\n{{ end }}",
			keys: []string{"K1"},
			check: func(t *testing.T, got *lint.Template) {
				if p := got.Keys[0].Path; p != "secret/data/prod/x" {
					t.Errorf("path %q", p)
				}
			},
		},
		{
			name: "an env part of a path keeps its verb",
			src:  "{{ with secret (printf \"secret/data/%s/%s\" (env \"" + a + "\") \"x\") }}K1={{ .Data.data.alpha }}\n{{ end }}",
			keys: []string{"K1"},
			check: func(t *testing.T, got *lint.Template) {
				if p := got.Keys[0].Path; p != "secret/data/%s/x" {
					t.Errorf("path %q", p)
				}
			},
		},
		{
			name: "print folds too",
			src:  "{{ with secret (print \"secret/data/\" \"app\") }}K1={{ .Data.data.alpha }}\n{{ end }}",
			keys: []string{"K1"},
			check: func(t *testing.T, got *lint.Template) {
				if p := got.Keys[0].Path; p != "secret/data/app" {
					t.Errorf("path %q", p)
				}
			},
		},
		{
			name: "a value reading two secrets names each path",
			src:  "{{ $x := secret \"secret/data/a\" }}{{ $y := secret \"secret/data/b\" }}K1={{ $x.Data.data.alpha }}:{{ $y.Data.data.beta }}\n",
			keys: []string{"K1"},
			check: func(t *testing.T, got *lint.Template) {
				k := got.Keys[0]
				if !slices.Equal(k.Fields, []string{"alpha", "beta"}) || !slices.Equal(k.FieldPaths, []string{"secret/data/a", "secret/data/b"}) {
					t.Errorf("fields %q from %q", k.Fields, k.FieldPaths)
				}
			},
		},
		{
			name: "printf follows fmt",
			src:  "{{ printf \"K_%d\" 3 }}=1\nK1={{ printf \"%v\" 1.50 }}\n",
			keys: []string{"K1", "K_3"},
		},
		{
			name: "a field tested before it is read has no empty fallback",
			src:  "{{ with secret \"secret/data/s\" }}{{ if .Data.data.alpha }}K1={{ or .Data.data.alpha \"\" }}\n{{ end }}{{ end }}",
			keys: []string{"K1"},
			check: func(t *testing.T, got *lint.Template) {
				if got.Keys[0].EmptyFallback {
					t.Error("EmptyFallback on a path where the field is present")
				}
			},
		},
		{
			name: "the same condition twice is one condition",
			src:  "{{ if env \"" + b + "\" }}K1=1\n{{ end }}{{ if not (env \"" + b + "\") }}K1=2\n{{ end }}",
			keys: []string{"K1"},
		},
		{
			name: "empty fallbacks through pipes",
			src: "{{ with secret \"secret/data/s\" }}K1={{ .Data.data.alpha | sprig_default \"\" | trimSpace }}\n" +
				"K2={{ printf \"%s\" (or .Data.data.beta \"\") }}\nK3={{ or .Data.data.gamma \" \" }}\n{{ end }}",
			keys: []string{"K1", "K2", "K3"},
			check: func(t *testing.T, got *lint.Template) {
				for _, k := range got.Keys {
					if !k.EmptyFallback {
						t.Errorf("%s: no EmptyFallback", k.Name)
					}
				}
			},
		},
		{
			name: "trimming joins two keys",
			src: "{{- with secret \"kv/data/proxy/dashboard\" -}}\nK1={{ .Data.data.alpha }}\n{{- end }}\n" +
				"{{- with secret \"kv/data/proxy/cloudflare\" -}}\nK2={{ .Data.data.beta }}\n{{- end }}\n",
			keys: []string{"K1"},
			check: func(t *testing.T, got *lint.Template) {
				if len(got.Merged) != 1 || got.Merged[0].Key != "K2" || got.Merged[0].Prev != "K1" || got.Merged[0].Pos.Line != 3 {
					t.Errorf("merged %+v", got.Merged)
				}
			},
		},
		{
			// Reduced from fuzz seed 41677667f6379b5f: the first
			// iteration's K3 runs on into "K2=..." (no line break between
			// iterations), but the second iteration sets K3 again and
			// godotenv keeps that value, which reads only gamma.
			name: "a key a later range iteration sets again keeps only the last value's fields",
			src:  "{{ range $i := 2 }}{{ with secret \"secret/db\" }}K2={{ .Data.alpha }}\nK3={{ .Data.gamma }}{{ end }}{{ end }}",
			keys: []string{"K2", "K3"},
			check: func(t *testing.T, got *lint.Template) {
				for _, k := range got.Keys {
					if k.Name == "K3" && !slices.Equal(k.Fields, []string{"gamma"}) {
						t.Errorf("K3 fields %v, want [gamma]", k.Fields)
					}
				}
			},
		},
		{
			// Fuzz seed 861286c4903902e3: the trim that joins two
			// iterations is at the end of the body, on an action that
			// renders nothing, not before the next iteration's text.
			name: "a trim at the end of a range body joins the next iteration's key",
			src:  "{{ range $r := sprig_list \"u\" \"z\" }}{{ printf \"K1_%s\" $r }}=1\n\n{{- $v := \"D\" }}{{ end }}\n",
			keys: []string{"K1_u"},
			check: func(t *testing.T, got *lint.Template) {
				if len(got.Merged) != 1 || got.Merged[0].Key != "K1_z" || got.Merged[0].Pos.Line != 3 {
					t.Errorf("merged %+v", got.Merged)
				}
			},
		},
		{
			name: "a trim on the range's own end joins the next iteration's key",
			src:  "{{ range $i := 2 }}{{ if true }}K{{ $i }}=1{{ end }}\n{{- end }}\n",
			keys: []string{"K0"},
		},
		{
			name: "a right trim after the body's last action joins the next iteration's key",
			src:  "{{ range $i := 2 }}K{{ $i }}=1{{ $v := 1 -}}\n{{ end }}\n",
			keys: []string{"K0"},
		},
		{
			name: "a trim at the end of an else chain inside the body",
			src:  "{{ range $i := 2 }}{{ if eq $i 5 }}A=1{{ else if eq $i 6 }}B=1{{ else }}K{{ $i }}=1\n{{- end }}{{ end }}\n",
			keys: []string{"K0"},
		},
		{
			name: "a trim after the loop does not join its iterations",
			src:  "{{ range $i := 2 }}K{{ $i }}=1\n{{ end }}\n{{- $v := 1 }}\nK9=1\n",
			keys: []string{"K0", "K1", "K9"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse("t.ctmpl", []byte(tt.src), Options{})
			var names []string
			for _, k := range got.Keys {
				names = append(names, k.Name)
			}
			slices.Sort(names)
			if !slices.Equal(names, tt.keys) || len(got.Dynamic) > 0 || len(got.Errors) > 0 {
				t.Errorf("keys %q (dynamic %v, errors %v), want %q", names, got.Dynamic, got.Errors, tt.keys)
			}
			if tt.check != nil && len(got.Keys) > 0 {
				tt.check(t, got)
			}
			diffs, skip := compareWithEngine(tt.src)
			if skip != "" {
				t.Fatalf("the engine cannot judge: %s", skip)
			}
			if len(diffs) > 0 {
				t.Errorf("disagreements with the engine:\n%s", strings.Join(diffs, "\n"))
			}
		})
	}
}

// TestParse_FailuresAndFormats covers templates that never render, renders
// godotenv rejects, and formats that are not env files; each expectation is
// checked against the engine's render (or failure) and godotenv's reading.
func TestParse_FailuresAndFormats(t *testing.T) {
	tests := []struct {
		name, file, src string
		execFails       bool   // the engine fails to render
		renderError     int    // line of the first render error; 0 for none
		notEnv          string // "" for an env file
	}{
		{name: "template of a missing define", src: "{{ template \"missing\" }}\nK1=1\n", execFails: true},
		{name: "executeTemplate of a missing define", src: "K1={{ executeTemplate \"missing\" }}\n", execFails: true},
		{name: "base64Decode of bad constant", src: "K1={{ base64Decode \"!!\" }}\n", execFails: true},
		{name: "a line godotenv rejects", src: "K1=1\nnot a line\nK2=2\n", renderError: 2},
		{name: "an INI section further down", src: "K1=1\n[db]\nK2=2\n", notEnv: "INI or TOML"},
		{name: "an HCL block after KEY=value lines", src: "K1=1\nblock \"label\" {\n  a = 1\n}\n", notEnv: "HCL"},
		{name: "a properties file", file: "app.properties.ctmpl", src: "spring.datasource.url=jdbc:x\n", notEnv: "a properties file"},
		{name: "an env file is an env file", file: "app.env.ctmpl", src: "K1=1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "t.ctmpl"
			}
			got := Parse(file, []byte(tt.src), Options{})
			out, _, err := engineRender(tt.src, nil, nil)
			if (err != nil) != tt.execFails {
				t.Fatalf("the engine's render error %v, want failure %v", err, tt.execFails)
			}
			if (len(got.Errors) > 0) != tt.execFails {
				t.Errorf("errors %v, want failure %v", got.Errors, tt.execFails)
			}
			if tt.execFails {
				return
			}
			_, gerr := godotenv.Unmarshal(out)
			if tt.notEnv != "" {
				if got.NotEnv != tt.notEnv {
					t.Errorf("NotEnv %q, want %q", got.NotEnv, tt.notEnv)
				}
				if tt.file == "" && gerr == nil {
					t.Errorf("godotenv reads the render as an env file")
				}
				return
			}
			if got.NotEnv != "" {
				t.Errorf("NotEnv %q", got.NotEnv)
			}
			if (gerr != nil) != (tt.renderError > 0) {
				t.Fatalf("godotenv: %v, want a render error: %v", gerr, tt.renderError > 0)
			}
			if tt.renderError == 0 {
				if len(got.RenderErrors) > 0 {
					t.Errorf("render errors %v", got.RenderErrors)
				}
				return
			}
			if len(got.RenderErrors) != 1 || got.RenderErrors[0].Pos.Line != tt.renderError {
				t.Errorf("render errors %v, want one at line %d", got.RenderErrors, tt.renderError)
			}
		})
	}
}
