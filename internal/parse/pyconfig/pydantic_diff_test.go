package pyconfig

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/value"
)

// The differential test holds the static reading to pydantic-settings
// itself: each class below is written to a temporary module and
// instantiated by python3 (testdata/pyrun.py) under chosen environments.
// For every key envlint reads it checks, against the real library:
//   - every name envlint says the field accepts is read (the field takes
//     the value), and the field's bare name is not when a prefix applies;
//   - required-ness: unsetting the key's names fails with "missing"
//     exactly when envlint says Required;
//   - the default: setting the key to envlint's Default string gives the
//     same value as leaving it unset;
//   - validation: for each candidate value, pydantic accepts it exactly
//     when value.Check does.
// Each class's `good` environment sets every key to a valid value that
// differs from its default, so that each assertion can fail.

type pyClass struct {
	class string
	good  map[string]string
	// values are extra candidate values for a key.
	values map[string][]string
	// partial are keys whose constraints (Field(gt=...)) envlint does not
	// model: pydantic may reject values envlint accepts, never the reverse.
	partial []string
	// keys is the number of keys envlint must read (a guard against a
	// reading that silently finds nothing).
	keys int
}

type pyCase struct {
	name    string
	src     string
	classes []pyClass
}

// candidates are tried on every key: a few common ones, and those that
// probe the rules of its kind.
var (
	commonCandidates = []string{"", "abc", "1", "null", `["a"]`, `{"a": 1}`, " 2"}
	kindCandidates   = map[lint.Kind][]string{
		lint.KindInt:      {"0", "-1", "1.0", "1.", "1.5", "1e3", "1_000", "0x10", "+7", "1 "},
		lint.KindFloat:    {"1.5", "1e3", "1_000", "0x10", "inf", "nan", "-Infinity", ".5", "1e"},
		lint.KindBool:     {"0", "true", "yes", "Off", "T", "2", "on ", "n"},
		lint.KindURL:      {"http://x.com", "https://x.com/p?q=1", "ftp://x", "http://", "x.com", "postgres://u:p@h:5432/db", "postgresql+asyncpg://h/db", "redis://h:6379/0", "http:x"},
		lint.KindDuration: {"P1D", "PT1H30M", "01:00:00", "1 day", "1d", "1:00", "3 days, 01:02:03", "P", "-PT5S", "10"},
		lint.KindSlice:    {"[]", "[1, 2]", `["a", null]`, "a,b", `[true]`, `{}`},
		lint.KindMap:      {"{}", `{"a": "x"}`, `{"a": [1]}`, "[]", "a=1"},
		lint.KindStruct:   {"{}", `{"a": "x"}`, "[]"},
		lint.KindText:     {"info", "DEBUG", "a"},
		lint.KindTime:     {"2020-01-02", "1700000000"},
	}
)

func candidatesFor(k *lint.ConfigKey) []string {
	return append(slices.Clone(commonCandidates), kindCandidates[k.Type.Kind]...)
}

func requirePydantic(t *testing.T) string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err == nil {
		err = exec.Command(py, "-c", "import pydantic, pydantic_settings").Run()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3 with pydantic and pydantic-settings is needed for the differential test: %v", err)
		}
		t.Skipf("python3 with pydantic-settings not available: %v", err)
	}
	return py
}

type probe struct {
	Module string            `json:"module"`
	Class  string            `json:"class"`
	Env    map[string]string `json:"env"`
}

type result struct {
	OK      bool           `json:"ok"`
	Dump    map[string]any `json:"dump"`
	Missing []string       `json:"missing"`
	Failed  []string       `json:"failed"`
}

func runProbes(t *testing.T, py, dir string, probes []probe) []result {
	t.Helper()
	in, _ := json.Marshal(map[string]any{"dir": dir, "probes": probes})
	runner, _ := filepath.Abs("testdata/pyrun.py")
	cmd := exec.Command(py, runner)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pyrun.py: %v\n%s", err, stderr.String())
	}
	var res []result
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatal(err)
	}
	return res
}

// without returns env minus every name of k (names match case-insensitively
// unless the class is case-sensitive; removing both spellings is safe).
func without(env map[string]string, k *lint.ConfigKey) map[string]string {
	out := map[string]string{}
	for n, v := range env {
		drop := false
		for _, kn := range k.Names() {
			if strings.EqualFold(n, kn) {
				drop = true
			}
		}
		if !drop {
			out[n] = v
		}
	}
	return out
}

func with(env map[string]string, name, v string) map[string]string {
	out := map[string]string{name: v}
	for n, x := range env {
		out[n] = x
	}
	return out
}

// top is the Python attribute of the class that k sets: "Settings.db.host"
// sets db.
func top(k *lint.ConfigKey) string {
	parts := strings.Split(k.Field, ".")
	return parts[1]
}

// plan is the probes of one class and where their results land.
type plan struct {
	cas              string
	cls              pyClass
	keys             []lint.ConfigKey
	goodAt           int
	withoutAt, defAt map[int]int // key index -> probe index
	nameAt, valAt    map[[2]int]int
	vals             map[int][]string
	decoyAt          map[int]int
}

func TestPydanticDifferential(t *testing.T) {
	py := requirePydantic(t)
	dir := t.TempDir()
	var probes []probe
	var plans []*plan
	for _, c := range append(append([]pyCase(nil), ownCases...), realCases...) {
		module := "m_" + strings.ReplaceAll(c.name, "-", "_")
		if err := os.WriteFile(filepath.Join(dir, module+".py"), []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
		idx := NewIndex(dir, []string{module + ".py"}, ReadFile(dir))
		add := func(cls string, env map[string]string) int {
			probes = append(probes, probe{module, cls, env})
			return len(probes) - 1
		}
		for _, cl := range c.classes {
			cfg := idx.Config([]string{module + ".py"}, []lint.Root{{Dir: ".", Struct: cl.class}}, Options{})
			if len(cfg.Errors)+len(cfg.Unresolved) > 0 {
				t.Fatalf("%s/%s: reading failed: %v %v", c.name, cl.class, cfg.Errors, cfg.Unresolved)
			}
			if len(cfg.Keys) != cl.keys {
				var names []string
				for _, k := range cfg.Keys {
					names = append(names, k.Name)
				}
				t.Fatalf("%s/%s: envlint reads %d keys %v, the case says %d", c.name, cl.class, len(cfg.Keys), names, cl.keys)
			}
			p := &plan{cas: c.name, cls: cl, keys: cfg.Keys, withoutAt: map[int]int{}, defAt: map[int]int{}, nameAt: map[[2]int]int{},
				valAt: map[[2]int]int{}, vals: map[int][]string{}, decoyAt: map[int]int{}}
			p.goodAt = add(cl.class, cl.good)
			for i := range p.keys {
				k := &p.keys[i]
				gv, ok := cl.good[k.Name]
				if !ok {
					t.Fatalf("%s/%s: the good environment lacks %s", c.name, cl.class, k.Name)
				}
				wo := without(cl.good, k)
				p.withoutAt[i] = add(cl.class, wo)
				for j, n := range k.Names() {
					p.nameAt[[2]int{i, j}] = add(cl.class, with(wo, n, gv))
				}
				if k.Default != nil {
					p.defAt[i] = add(cl.class, with(wo, k.Name, *k.Default))
				}
				field := k.Field[strings.LastIndex(k.Field, ".")+1:]
				if !strings.EqualFold(field, k.Name) && !slices.ContainsFunc(k.Aliases, func(a string) bool { return strings.EqualFold(a, field) }) {
					p.decoyAt[i] = add(cl.class, with(wo, field, gv))
				}
				vals := append(candidatesFor(k), cl.values[k.Name]...)
				p.vals[i] = vals
				for j, v := range vals {
					p.valAt[[2]int{i, j}] = add(cl.class, with(wo, k.Name, v))
				}
			}
			plans = append(plans, p)
		}
	}
	res := runProbes(t, py, dir, probes)
	for _, p := range plans {
		compare(t, p, res)
	}
	t.Logf("%d classes, %d probes compared with pydantic-settings", len(plans), len(probes))
	if len(plans) < 50 {
		t.Errorf("only %d classes; the contract asks for at least 50", len(plans))
	}
}

// unchecked are the kinds whose values envlint does not check beyond
// emptiness: pydantic rejecting a value envlint accepts is expected there.
// A model field's contents are not checked either, only that it is a
// JSON object.
func unchecked(t lint.Type) bool {
	return t.Kind == lint.KindTime || t.Kind == lint.KindUnknown || t.Kind == lint.KindStruct ||
		t.Elem != nil && unchecked(*t.Elem) || t.Key != nil && unchecked(*t.Key)
}

func compare(t *testing.T, p *plan, res []result) {
	t.Helper()
	where := p.cas + "/" + p.cls.class
	good := res[p.goodAt]
	if !good.OK {
		t.Errorf("%s: the good environment fails in pydantic: missing %v, failed %v", where, good.Missing, good.Failed)
		return
	}
	for i := range p.keys {
		k := &p.keys[i]
		at := where + " " + k.Field
		wo := res[p.withoutAt[i]]
		if wo.OK == k.Required || (!wo.OK && len(wo.Missing)+len(wo.Failed) == 0) {
			t.Errorf("%s: %s: envlint says required=%v; pydantic with it unset: ok=%v missing=%v failed=%v", at, k.Name, k.Required, wo.OK, wo.Missing, wo.Failed)
		}
		if wo.OK && reflect.DeepEqual(wo.Dump[top(k)], good.Dump[top(k)]) {
			t.Errorf("%s: %s: the good value equals the default; choose another so the test can fail", at, k.Name)
		}
		for j, n := range k.Names() {
			r := res[p.nameAt[[2]int{i, j}]]
			if !r.OK || !reflect.DeepEqual(r.Dump[top(k)], good.Dump[top(k)]) {
				t.Errorf("%s: envlint says the field reads %s, pydantic does not take it (ok=%v)", at, n, r.OK)
			}
		}
		if d, ok := p.decoyAt[i]; ok {
			r := res[d]
			if r.OK != wo.OK || r.OK && !reflect.DeepEqual(r.Dump[top(k)], wo.Dump[top(k)]) {
				t.Errorf("%s: %s: pydantic reads the field's bare name too; envlint does not say so", at, k.Name)
			}
		}
		if d, ok := p.defAt[i]; ok {
			r := res[d]
			if !r.OK || !wo.OK || !reflect.DeepEqual(r.Dump[top(k)], wo.Dump[top(k)]) {
				t.Errorf("%s: %s: envlint's default %q does not give pydantic's default (ok=%v, %v vs %v)", at, k.Name, *k.Default, r.OK, r.Dump[top(k)], wo.Dump[top(k)])
			}
		}
		for j, v := range p.vals[i] {
			r := res[p.valAt[[2]int{i, j}]]
			err := value.Check(k, v)
			switch {
			case r.OK && err != nil:
				t.Errorf("%s (%s) = %q: pydantic accepts it, envlint says %v", at, k.Type.Name, v, err)
			case !r.OK && err == nil && !unchecked(k.Type) && !slices.Contains(p.cls.partial, k.Name):
				t.Errorf("%s (%s) = %q: pydantic rejects it (%v %v), envlint accepts it", at, k.Type.Name, v, r.Missing, r.Failed)
			}
		}
	}
}
