package gostruct

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The sethvargo/go-envconfig v0 oracle: v0 and v1 share one module path, so
// this module cannot require both. The test writes a scratch module that
// requires v0.9.0 and asks the real library, with `go run`, which names it
// reads and which it requires; envlint reads the same source. The module
// comes from the module cache or the Go module proxy (the CI has it).

const svV0GoMod = `module example.com/v0

go 1.22

require github.com/sethvargo/go-envconfig v0.9.0
`

const svV0GoSum = `github.com/google/go-cmp v0.5.8/go.mod h1:17dUlkBOakJ0+DkrSSNjCkIjxS6bF9zb3elmeNGIjoY=
github.com/sethvargo/go-envconfig v0.9.0 h1:Q6FQ6hVEeTECULvkJZakq3dZMeBQ3JUpcKMfPQbKMDE=
github.com/sethvargo/go-envconfig v0.9.0/go.mod h1:Iz1Gy1Sf3T64TQlJSvee81qDhf7YIlt8GMUX6yyNFs0=
`

// svV0Config is read by envlint; every shape where v0 and v1 differ.
const svV0Config = "package cfg\n\n" + `import (
	"context"

	"github.com/sethvargo/go-envconfig"
)

// Dec decodes itself: v0 never descends into it, v1 does when DEC is unset.
type Dec struct {
	Inner string ` + "`env:\"INNER\"`" + `
}

func (d *Dec) EnvDecode(string) error { return nil }

type DB struct {
	Host string ` + "`env:\"HOST\"`" + `
	User string ` + "`env:\"USER, required\"`" + `
}

type Config struct {
	Name string ` + "`env:\"NAME, required\"`" + `
	// v1 makes every DB field required; v0 does not inherit required.
	DB  DB  ` + "`env:\",required\"`" + `
	Sub DB  ` + "`env:\",prefix=SUB_\"`" + `
	// A keyed struct with required: its own name is required, its fields not.
	Keyed DB ` + "`env:\"KEYED,required,prefix=K_\"`" + `
	D   Dec ` + "`env:\"DEC\"`" + `
	Opt string ` + "`env:\"OPT,default=x\"`" + `
}

func Load(ctx context.Context) (*Config, error) {
	var c Config
	err := envconfig.ProcessWith(ctx, &c, envconfig.PrefixLookuper("APP_", envconfig.OsLookuper()))
	return &c, err
}
`

// svV0Oracle loads cfg.Config with v0.9.0 and a recording lookuper: an unset
// required name fails the load, so it is set and the load retried.
const svV0Oracle = `package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strconv"
	"strings"

	"example.com/v0/cfg"
	"github.com/sethvargo/go-envconfig"
)

type rec struct {
	m    map[string]string
	seen map[string]bool
}

func (r *rec) Lookup(k string) (string, bool) { r.seen[k] = true; v, ok := r.m[k]; return v, ok }

func main() {
	if len(os.Args) > 1 {
		// Which tags does v0 reject? One *string field per tag.
		res := map[string]bool{}
		for _, tag := range os.Args[1:] {
			t := reflect.StructOf([]reflect.StructField{{Name: "A", Type: reflect.TypeOf(new(string)), Tag: reflect.StructTag("env:" + strconv.Quote(tag))}})
			res[tag] = envconfig.ProcessWith(context.Background(), reflect.New(t).Interface(), envconfig.MapLookuper(map[string]string{"A": "x"})) == nil
		}
		json.NewEncoder(os.Stdout).Encode(res)
		return
	}
	r := &rec{m: map[string]string{}}
	required := map[string]bool{}
	for i := 0; ; i++ {
		r.seen = map[string]bool{}
		var c cfg.Config
		err := envconfig.ProcessWith(context.Background(), &c, envconfig.PrefixLookuper("APP_", r))
		if err == nil {
			break
		}
		_, name, ok := strings.Cut(err.Error(), envconfig.ErrMissingRequired.Error()+": ")
		if !errors.Is(err, envconfig.ErrMissingRequired) || !ok || i > 50 {
			panic(err)
		}
		required[name], r.m[name] = true, "x"
	}
	out := map[string]bool{}
	for k := range r.seen {
		out[k] = required[k]
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
`

// TestDiff_SethvargoV0 holds envlint to the real sethvargo/go-envconfig
// v0.9.0 when go.mod requires it.
func TestDiff_SethvargoV0(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a scratch module")
	}
	dir := t.TempDir()
	writeFile(t, dir, "go.mod", svV0GoMod)
	writeFile(t, dir, "go.sum", svV0GoSum)
	writeFile(t, dir, "cfg/cfg.go", svV0Config)
	writeFile(t, dir, "oracle/main.go", svV0Oracle)
	lib := svV0Run(t, dir)
	t.Logf("library v0.9.0 reads: %s", fmtKeys(lib))
	cfg := Read(dir, []string{filepath.Join("cfg", "cfg.go")}, nil, Options{})
	got := map[string]bool{}
	for _, k := range cfg.Keys {
		got[k.Name] = k.Required
	}
	if a, b := fmtKeys(lib), fmtKeys(got); a != b {
		t.Errorf("name=required\nlibrary v0.9.0: %s\nenvlint:        %s", a, b)
	}
	if len(cfg.IneffectiveTags) != 0 || len(cfg.Unresolved) != 0 {
		t.Errorf("unexpected findings: %v %v", cfg.IneffectiveTags, cfg.Unresolved)
	}
}

// svV0Run runs the oracle with args and decodes its answer. It skips when
// the module cannot be obtained, except in CI.
func svV0Run(t *testing.T, dir string, args ...string) map[string]bool {
	t.Helper()
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOTOOLCHAIN=local")
	dl := exec.Command("go", "mod", "download", "github.com/sethvargo/go-envconfig")
	dl.Dir, dl.Env = dir, env
	if out, err := dl.CombinedOutput(); err != nil {
		msg := "sethvargo/go-envconfig v0.9.0 cannot be obtained: " + err.Error() + "\n" + string(out)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	cmd := exec.Command("go", append([]string{"run", "./oracle"}, args...)...)
	cmd.Dir, cmd.Env = dir, env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatal("running the sethvargo/go-envconfig v0.9.0 oracle: " + err.Error() + "\n" + stderr.String())
	}
	var m map[string]bool
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("oracle output %q: %v", out, err)
	}
	return m
}

// TestDiff_SethvargoV0Tags: the tags v0.9.0 rejects are the ones
// svV0KeyAndOpts rejects (v1 accepts several of them).
func TestDiff_SethvargoV0Tags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a scratch module")
	}
	tags := []string{"A", "A,required", "A, required", "A,Required", "A,required ", "A,REQUIRED",
		"A,decodeunset", "A,noinit", "A,NoInit", "A,overwrite", "A,Overwrite", "A,delimiter=;",
		"A,Delimiter=;", "A,separator=|", "A,default=a,b", "A,Default=x", `A,default=a\,b`,
		`A\,B`, "A,bogus", "1A", " A ,required"}
	dir := t.TempDir()
	writeFile(t, dir, "go.mod", svV0GoMod)
	writeFile(t, dir, "go.sum", svV0GoSum)
	writeFile(t, dir, "cfg/cfg.go", svV0Config)
	writeFile(t, dir, "oracle/main.go", svV0Oracle)
	lib := svV0Run(t, dir, tags...)
	differ := 0
	for _, tag := range tags {
		_, _, perr := svV0KeyAndOpts(tag, "v0.9.0")
		if ok, seen := lib[tag]; !seen || ok != (perr == "") {
			t.Errorf("tag %q: v0.9.0 accepts=%v (answered %v), envlint v0 parser error %q", tag, ok, seen, perr)
		}
		if _, _, v1err := svKeyAndOpts(tag); (v1err == "") != (perr == "") {
			differ++
		}
	}
	if differ == 0 {
		t.Error("no tag is read differently by v0 and v1: the cases do not exercise the v0 parser")
	}
}

func fmtKeys(m map[string]bool) string {
	var s []string
	for k, v := range m {
		if v {
			k += "=required"
		}
		s = append(s, k)
	}
	sort.Strings(s)
	return strings.Join(s, " ")
}

// TestSvV0OptionsByRelease: options v0 releases did not know yet, from the
// sources of v0.3.0 (no overwrite), v0.4.0 (no noinit) and v0.5.0 (no
// delimiter=/separator=); each release fails on an unknown option.
func TestSvV0OptionsByRelease(t *testing.T) {
	for _, c := range []struct {
		tag, version string
		ok           bool
	}{
		{"A,overwrite", "v0.3.0", false},
		{"A,overwrite", "v0.4.0", true},
		{"A,noinit", "v0.4.0", false},
		{"A,noinit", "v0.5.0", true},
		{"A,delimiter=;", "v0.5.0", false},
		{"A,separator=|", "v0.5.0", false},
		{"A,delimiter=;", "v0.6.0", true},
		{"A,prefix=P_", "v0.3.0", true},
		{"A,required", "v0.3.0", true},
	} {
		if _, _, perr := svV0KeyAndOpts(c.tag, c.version); (perr == "") != c.ok {
			t.Errorf("%s %q: error %q, want ok=%v", c.version, c.tag, perr, c.ok)
		}
	}
}
