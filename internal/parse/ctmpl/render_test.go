package ctmpl

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/consul-template/dependency"
	"github.com/hashicorp/consul-template/template"
	"github.com/joho/godotenv"

	"github.com/envlint/envlint/internal/lint"
)

// fixture is one template of the corpus under testdata/render. Its
// sections: template.ctmpl; vault, one secret per line as
// "kv1|kv2 PATH FIELD..." (the fake data the real engine renders with);
// env1, env2, ... the environments to render under (the union of the keys
// rendered under each is the template's key set); delims; and want, written
// by hand: "KEY LINE:COL [PATH]", "dynamic LINE" or "notenv KIND".
type fixture struct {
	name    string
	src     []byte
	opts    Options
	secrets []fakeSecret
	envs    [][]string
	want    []string
}

type fakeSecret struct {
	kv2    bool
	path   string
	fields []string
}

func loadFixtures(t *testing.T) []fixture {
	t.Helper()
	files, err := filepath.Glob("testdata/render/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	var out []fixture
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fx := fixture{name: strings.TrimSuffix(filepath.Base(f), ".txtar")}
		for _, s := range splitArchive(data) {
			switch {
			case s.Name == "template.ctmpl":
				fx.src = s.Data
			case s.Name == "delims":
				d := strings.Fields(string(s.Data))
				fx.opts = Options{LeftDelim: d[0], RightDelim: d[1]}
			case s.Name == "vault":
				for _, line := range nonEmptyLines(s.Data) {
					f := strings.Fields(line)
					fx.secrets = append(fx.secrets, fakeSecret{kv2: f[0] == "kv2", path: f[1], fields: f[2:]})
				}
			case strings.HasPrefix(s.Name, "env"):
				fx.envs = append(fx.envs, nonEmptyLines(s.Data))
			case s.Name == "want":
				fx.want = nonEmptyLines(s.Data)
			}
		}
		if len(fx.envs) == 0 {
			fx.envs = [][]string{nil}
		}
		out = append(out, fx)
	}
	return out
}

type section struct {
	Name string
	Data []byte
}

// splitArchive reads the txtar format: "-- name --" lines open sections.
// (go-internal's txtar needs a module go.sum does not list.)
func splitArchive(data []byte) []section {
	var out []section
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		if n, ok := bytes.CutPrefix(line, []byte("-- ")); ok && bytes.HasSuffix(n, []byte(" --")) {
			out = append(out, section{Name: string(bytes.TrimSuffix(n, []byte(" --")))})
		} else if len(out) > 0 {
			out[len(out)-1].Data = append(out[len(out)-1].Data, line...)
			if len(rest) > 0 || bytes.HasSuffix(data, []byte("\n")) {
				out[len(out)-1].Data = append(out[len(out)-1].Data, '\n')
			}
		}
		data = rest
	}
	return out
}

func nonEmptyLines(b []byte) []string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// marker is the unique value a field holds in the fake Vault.
func marker(secret, field int) string { return fmt.Sprintf("mk%dx%dq", secret, field) }

// render runs consul-template's real execution path over a brain holding
// the fixture's fake secrets, leaving out the field skip ("path\x00field").
func render(t *testing.T, fx fixture, env []string, skip string) string {
	t.Helper()
	brain := template.NewBrain()
	for i, s := range fx.secrets {
		fields := map[string]any{}
		for j, f := range s.fields {
			if s.path+"\x00"+f != skip {
				fields[f] = marker(i, j)
			}
		}
		data := fields
		if s.kv2 {
			data = map[string]any{"data": fields, "metadata": map[string]any{"version": 1}}
		}
		d, err := dependency.NewVaultReadQuery(s.path)
		if err != nil {
			t.Fatal(err)
		}
		brain.Remember(d, &dependency.Secret{Data: data})
	}
	tmpl, err := template.NewTemplate(&template.NewTemplateInput{
		Contents: string(fx.src), LeftDelim: fx.opts.LeftDelim, RightDelim: fx.opts.RightDelim,
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := tmpl.Execute(&template.ExecuteInput{Brain: brain, Env: env})
	if err != nil {
		t.Fatalf("consul-template: %v", err)
	}
	if res.Missing.Len() > 0 {
		t.Fatalf("the fake Vault lacks %v", res.Missing.List())
	}
	return string(res.Output)
}

// fieldsOf names the fake fields whose markers appear in v, in order.
func fieldsOf(fx fixture, v string) []string {
	type hit struct {
		at   int
		name string
	}
	var hits []hit
	v = strings.ToLower(v)
	for i, s := range fx.secrets {
		for j, f := range s.fields {
			if at := strings.Index(v, marker(i, j)); at >= 0 {
				hits = append(hits, hit{at, f})
			}
		}
	}
	sort.Slice(hits, func(a, b int) bool { return hits[a].at < hits[b].at })
	out := []string{}
	for _, h := range hits {
		out = append(out, h.name)
	}
	return out
}

// TestParse_RenderedKeys checks the static reading of every corpus template
// against what consul-template really renders, read as godotenv reads it.
func TestParse_RenderedKeys(t *testing.T) {
	for _, fx := range loadFixtures(t) {
		t.Run(fx.name, func(t *testing.T) {
			got := Parse(fx.name+".ctmpl", fx.src, fx.opts)
			if len(got.Errors) > 0 {
				t.Fatalf("errors: %v", got.Errors)
			}
			checkWant(t, fx, got)
			if got.NotEnv != "" {
				return
			}

			rendered := map[string]string{}
			for _, env := range fx.envs {
				out := render(t, fx, env, "")
				m, err := godotenv.Unmarshal(out)
				if err != nil {
					t.Fatalf("godotenv cannot read the rendered output: %v\n%s", err, out)
				}
				for k, v := range m {
					if old, ok := rendered[k]; !ok || len(v) > len(old) {
						rendered[k] = v
					}
				}
			}
			static := map[string]lint.VaultKey{}
			for _, k := range got.Keys {
				static[k.Name] = k
			}
			var gotNames, wantNames []string
			for k := range static {
				gotNames = append(gotNames, k)
			}
			for k := range rendered {
				if _, ok := static[k]; ok || len(got.Dynamic) == 0 {
					wantNames = append(wantNames, k)
				}
			}
			slices.Sort(gotNames)
			slices.Sort(wantNames)
			if diff := cmp.Diff(wantNames, gotNames); diff != "" {
				t.Errorf("keys differ from the rendered ones (-rendered +static):\n%s", diff)
			}
			for name, k := range static {
				v, ok := rendered[name]
				if !ok {
					continue
				}
				if diff := cmp.Diff(fieldsOf(fx, v), k.Fields); diff != "" {
					t.Errorf("%s: fields differ (-rendered +static):\n%s", name, diff)
				}
			}
			checkEmptyFallback(t, fx, got, rendered)
		})
	}
}

// checkEmptyFallback renders again with each field a key reads left out of
// the fake Vault, and sees whether the key then renders with an empty value.
func checkEmptyFallback(t *testing.T, fx fixture, got *lint.Template, rendered map[string]string) {
	t.Helper()
	for _, k := range got.Keys {
		v, ok := rendered[k.Name]
		if !ok {
			continue
		}
		want := false
		for _, f := range fieldsOf(fx, v) {
			for _, s := range fx.secrets {
				if !slices.Contains(s.fields, f) {
					continue
				}
				for _, env := range fx.envs {
					m, err := godotenv.Unmarshal(render(t, fx, env, s.path+"\x00"+f))
					if err != nil {
						t.Fatalf("godotenv: %v", err)
					}
					if val, ok := m[k.Name]; ok && val == "" {
						want = true
					}
				}
			}
		}
		if k.EmptyFallback != want {
			t.Errorf("%s: EmptyFallback = %v, rendering with the field absent says %v", k.Name, k.EmptyFallback, want)
		}
	}
}

// checkWant compares the hand-written positions, paths, dynamic lines and
// format with what Parse reports.
func checkWant(t *testing.T, fx fixture, got *lint.Template) {
	t.Helper()
	var want, have []string
	paths := map[string]string{}
	for _, w := range fx.want {
		f := strings.Fields(w)
		switch f[0] {
		case "dynamic", "notenv":
			want = append(want, f[0]+" "+f[1])
		default:
			want = append(want, f[0]+" "+f[1])
			if len(f) > 2 {
				paths[f[0]] = f[2]
			}
		}
	}
	for _, k := range got.Keys {
		have = append(have, fmt.Sprintf("%s %d:%d", k.Name, k.Pos.Line, k.Pos.Col))
		if p, ok := paths[k.Name]; ok && p != k.Path {
			t.Errorf("%s: path %q, want %q", k.Name, k.Path, p)
		}
		if k.Pos.File != fx.name+".ctmpl" {
			t.Errorf("%s: file %q", k.Name, k.Pos.File)
		}
	}
	for _, d := range got.Dynamic {
		have = append(have, "dynamic "+strconv.Itoa(d.Pos.Line))
	}
	if got.NotEnv != "" {
		have = append(have, "notenv "+got.NotEnv)
	}
	slices.Sort(want)
	slices.Sort(have)
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("want section differs (-want +got):\n%s", diff)
	}
}
