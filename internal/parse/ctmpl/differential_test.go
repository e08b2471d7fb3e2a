package ctmpl

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/consul-template/dependency"
	"github.com/hashicorp/consul-template/template"
	"github.com/joho/godotenv"
)

// The differential test renders a template with consul-template's own
// engine (its Execute, its function map, text/template) under every
// assumption that matters to the key set: each generated env variable set
// or unset, each Vault field present or absent. Only `secret` is replaced,
// by a recording stub that answers any path with the fake fields (as the
// real function does once Vault has answered), so that the paths the
// template reads are known. What the engine renders, read by godotenv, is
// the truth envlint's static reading is compared with.

// engineMarker is what field f of the p-th path read holds.
func engineMarker(f, p int) string { return fmt.Sprintf("mk%dp%dq", f, p) }

var engineMarkerRE = regexp.MustCompile(`mk(\d+)p(\d+)q`)

// engineRender renders src with the fields in absent left out and the
// variables in set holding genEnvValue.
func engineRender(src string, absent, set map[string]bool) (string, []string, error) {
	var paths []string
	secret := func(s ...string) (any, error) {
		if len(s) != 1 {
			return nil, fmt.Errorf("secret: write queries are not generated")
		}
		idx := slices.Index(paths, s[0])
		if idx < 0 {
			idx = len(paths)
			paths = append(paths, s[0])
		}
		fields := map[string]any{}
		for i, f := range genFields {
			if !absent[f] {
				fields[f] = engineMarker(i, idx)
			}
		}
		data := fields
		if strings.Contains(s[0], "/data/") {
			data = map[string]any{"data": fields, "metadata": map[string]any{"version": 1}}
		}
		return &dependency.Secret{Data: data}, nil
	}
	env := []string{genValueEnv + "=" + genEnvValue}
	for _, e := range genEnv {
		if set[e] {
			env = append(env, e+"="+genEnvValue)
		}
	}
	tmpl, err := template.NewTemplate(&template.NewTemplateInput{
		Contents: src,
		ExtFuncMap: map[string]any{
			"secret":      secret,
			"writeToFile": func(...string) (string, error) { return "", nil },
		},
	})
	if err != nil {
		return "", nil, err
	}
	res, err := tmpl.Execute(&template.ExecuteInput{Brain: template.NewBrain(), Env: env})
	if err != nil {
		return "", nil, err
	}
	return string(res.Output), paths, nil
}

// engineKey is what the renders say about one key.
type engineKey struct {
	fields map[string]map[string]bool // field -> paths it is read from
	first  map[string]bool            // path of the first field in the value
	// emptyWhen lists fields whose absence alone renders the key empty.
	emptyWhen map[string]bool
}

type engineTruth struct {
	keys     map[string]*engineKey
	merged   map[string]bool
	renders  int
	execErr  int
	parseErr bool
}

// genAssignRE finds a generated key name followed by `=` anywhere in a
// line; one that does not start the line was joined onto it.
var genAssignRE = regexp.MustCompile(`(K\d+(?:_[A-Za-z0-9]*)?|P\d+_\d+)[ \t]*=`)

// engineTruthOf renders src under every assumption.
func engineTruthOf(src string) engineTruth {
	tr := engineTruth{keys: map[string]*engineKey{}, merged: map[string]bool{}}
	// Only what the template mentions can change its render.
	mentioned := func(names []string) []string {
		return slices.DeleteFunc(slices.Clone(names), func(n string) bool { return !strings.Contains(src, n) })
	}
	envs, fields := mentioned(genEnv), mentioned(genFields)
	for envMask := range 1 << len(envs) {
		set := map[string]bool{}
		for i, e := range envs {
			set[e] = envMask&(1<<i) != 0
		}
		for absMask := range 1 << len(fields) {
			absent := map[string]bool{}
			only := ""
			for i, f := range fields {
				if absMask&(1<<i) != 0 {
					absent[f] = true
					only = f
				}
			}
			if len(absent) != 1 {
				only = ""
			}
			out, paths, err := engineRender(src, absent, set)
			tr.renders++
			if err != nil {
				tr.execErr++
				continue
			}
			m, err := godotenv.Unmarshal(out)
			if err != nil {
				tr.parseErr = true
				continue
			}
			for name, v := range m {
				k := tr.keys[name]
				if k == nil {
					k = &engineKey{fields: map[string]map[string]bool{}, first: map[string]bool{}, emptyWhen: map[string]bool{}}
					tr.keys[name] = k
				}
				for i, mm := range engineMarkerRE.FindAllStringSubmatch(v, -1) {
					fi, _ := strconv.Atoi(mm[1])
					pi, _ := strconv.Atoi(mm[2])
					f := genFields[fi]
					if k.fields[f] == nil {
						k.fields[f] = map[string]bool{}
					}
					k.fields[f][paths[pi]] = true
					// Path is where the first field comes from when
					// every field is there.
					if i == 0 && absMask == 0 {
						k.first[paths[pi]] = true
					}
				}
				if only != "" && v == "" {
					k.emptyWhen[only] = true
				}
			}
			for _, line := range strings.Split(out, "\n") {
				for _, loc := range genAssignRE.FindAllStringSubmatchIndex(line, -1) {
					lead := strings.TrimLeft(line[:loc[0]], " \t")
					if lead == "" || lead == "export " {
						continue
					}
					// Joined, and so never set in this render.
					if name := line[loc[2]:loc[3]]; !slices.Contains(slices.Collect(maps.Keys(m)), name) {
						tr.merged[name] = true
					}
				}
			}
		}
	}
	return tr
}

// pathMatches reports whether a static path expression (printf verbs kept
// for the parts known only when rendering) covers a rendered path.
func pathMatches(static, rendered string) bool {
	if static == rendered {
		return true
	}
	if !strings.Contains(static, "%") {
		return false
	}
	parts := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`).Split(static, -1)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile("^" + strings.Join(parts, ".*") + "$").MatchString(rendered)
}

// compareWithEngine returns the disagreements between Parse and the engine
// about src, or skip when the template is outside what the comparison
// judges (it fails to render, or godotenv rejects a render).
func compareWithEngine(src string) (diffs []string, skip string) {
	tr := engineTruthOf(src)
	got := Parse("gen.ctmpl", []byte(src), Options{})
	if len(got.Errors) > 0 {
		if tr.execErr == tr.renders {
			return nil, "both reject"
		}
		return []string{fmt.Sprintf("envlint reports errors %v; the engine renders", got.Errors)}, ""
	}
	if tr.execErr > 0 {
		return nil, "the engine fails on some assumption"
	}
	if tr.parseErr != (len(got.RenderErrors) > 0) {
		return []string{fmt.Sprintf("godotenv rejects a render: %v; envlint's render errors: %v", tr.parseErr, got.RenderErrors)}, ""
	}
	if tr.parseErr {
		return nil, "godotenv rejects a render"
	}
	if got.NotEnv != "" {
		return []string{"envlint says not an env file: " + got.NotEnv}, ""
	}
	for _, d := range got.Dynamic {
		diffs = append(diffs, fmt.Sprintf("envlint reports a dynamic key at line %d: %s", d.Pos.Line, d.Msg))
	}
	static := map[string]int{}
	for i, k := range got.Keys {
		static[k.Name] = i
	}
	for _, name := range slices.Sorted(maps.Keys(tr.keys)) {
		if _, ok := static[name]; !ok {
			diffs = append(diffs, "the engine renders "+name+"; envlint misses it")
		}
	}
	for _, name := range slices.Sorted(maps.Keys(static)) {
		ek, ok := tr.keys[name]
		if !ok {
			diffs = append(diffs, "envlint reports "+name+"; the engine never renders it")
			continue
		}
		k := got.Keys[static[name]]
		want := slices.Sorted(maps.Keys(ek.fields))
		have := slices.Compact(slices.Sorted(slices.Values(k.Fields)))
		if !slices.Equal(want, have) {
			diffs = append(diffs, fmt.Sprintf("%s: fields %v, the engine reads %v", name, have, want))
			continue
		}
		if len(k.FieldPaths) != len(k.Fields) {
			diffs = append(diffs, fmt.Sprintf("%s: %d fields, %d paths", name, len(k.Fields), len(k.FieldPaths)))
			continue
		}
		for f, ps := range ek.fields {
			for p := range ps {
				found := false
				for i := range k.Fields {
					found = found || k.Fields[i] == f && pathMatches(k.FieldPaths[i], p)
				}
				if !found {
					diffs = append(diffs, fmt.Sprintf("%s: field %s read from %q, envlint has fields %q from %q", name, f, p, k.Fields, k.FieldPaths))
				}
			}
		}
		// Path is one path: where the first field comes from on some
		// render (renders under different env values may differ).
		if len(ek.first) > 0 {
			found := false
			for p := range ek.first {
				found = found || pathMatches(k.Path, p)
			}
			if !found {
				diffs = append(diffs, fmt.Sprintf("%s: path %q, the engine reads %v first", name, k.Path, slices.Sorted(maps.Keys(ek.first))))
			}
		}
		fallback := false
		for f := range ek.fields {
			fallback = fallback || ek.emptyWhen[f]
		}
		if fallback != k.EmptyFallback {
			diffs = append(diffs, fmt.Sprintf("%s: EmptyFallback %v, the engine says %v", name, k.EmptyFallback, fallback))
		}
	}
	merged := map[string]bool{}
	for _, m := range got.Merged {
		merged[m.Key] = true
	}
	for _, name := range slices.Sorted(maps.Keys(tr.merged)) {
		if !merged[name] {
			diffs = append(diffs, "the engine joins "+name+" onto the line before; envlint does not say so")
		}
	}
	for _, name := range slices.Sorted(maps.Keys(merged)) {
		if !tr.merged[name] {
			diffs = append(diffs, "envlint says "+name+" is joined onto the line before; the engine renders it on its own line")
		}
	}
	return diffs, ""
}

// diffSeeds is the fixed corpus `make test` runs.
const diffSeeds = 200

// TestDifferential_Generated compares Parse with the engine on a fixed
// corpus of generated templates.
func TestDifferential_Generated(t *testing.T) {
	skipped := map[string]int{}
	for seed := range uint64(diffSeeds) {
		src := generate(seed)
		diffs, skip := compareWithEngine(src)
		if skip != "" {
			skipped[skip]++
			continue
		}
		if len(diffs) > 0 {
			t.Errorf("seed %d: %s\n--- template:\n%s\n=====", seed, strings.Join(diffs, "\n"), src)
		}
	}
	judged := diffSeeds
	for _, n := range skipped {
		judged -= n
	}
	if judged < diffSeeds*3/4 {
		t.Errorf("only %d of %d generated templates were judged (skipped: %v): the generator drifted", judged, diffSeeds, skipped)
	}
	t.Logf("judged %d templates, skipped %v", judged, skipped)
}

// FuzzDifferential runs the comparison on templates generated from fuzzed
// seeds (`make fuzz`).
func FuzzDifferential(f *testing.F) {
	for seed := range uint64(8) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		src := generate(seed)
		if diffs, _ := compareWithEngine(src); len(diffs) > 0 {
			t.Fatalf("seed %d:\n%s\n--- disagreements:\n%s", seed, src, strings.Join(diffs, "\n"))
		}
	})
}
