package report

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/envlint/envlint/internal/lint"
)

// sarifSchemaFile is the OASIS SARIF 2.1.0 schema (errata 01), copied from
// github.com/oasis-tcs/sarif-spec sarif-2.1/schema/sarif-schema-2.1.0.json.
const sarifSchemaFile = "testdata/sarif-schema-2.1.0.json"

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(sarifSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // uri, uri-reference, date-time are checked, not just annotated
	if err := c.AddResource(sarifSchema, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(sarifSchema)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validateSARIF(sch *jsonschema.Schema, b []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// TestSARIF_Schema validates the golden fixture and a clean run against the
// official schema, and checks that the validator does reject broken logs,
// so that a pass means something.
func TestSARIF_Schema(t *testing.T) {
	sch := compileSARIFSchema(t)
	fs, rules := loadFixture(t)
	for name, b := range map[string][]byte{
		"fixture": render(t, "sarif", fs, rules),
		"empty":   render(t, "sarif", nil, nil),
	} {
		if err := validateSARIF(sch, b); err != nil {
			t.Errorf("%s: SARIF does not match the 2.1.0 schema: %v", name, err)
		}
	}

	good := render(t, "sarif", fs, rules)
	for _, tc := range []struct{ name, old, new string }{
		{"info is not a level", `"level": "note"`, `"level": "info"`},
		{"line 0", `"startLine": 3`, `"startLine": 0`},
		{"wrong version", `"version": "2.1.0"`, `"version": "2.1"`},
		{"bad uri", `"uri": ".env.example"`, `"uri": "a b:%zz"`},
	} {
		bad := bytes.Replace(good, []byte(tc.old), []byte(tc.new), 1)
		if bytes.Equal(bad, good) {
			t.Fatalf("%s: %q not in the output", tc.name, tc.old)
		}
		if err := validateSARIF(sch, bad); err == nil {
			t.Errorf("%s: the schema accepted a broken log", tc.name)
		}
	}
}

// TestSARIF_Multitool runs Microsoft's SARIF Multitool, with its SARIF
// rules and the GitHub ingestion rules, on the fixture. The Multitool comes
// from npm: $SARIF_MULTITOOL names the binary, or the test installs the
// platform package into the user cache with npm (not in -short mode). It
// skips when neither works, unless CI is set.
func TestSARIF_Multitool(t *testing.T) {
	tool := multitool(t)
	fs, rules := loadFixture(t)

	// GitHub requires a physical location on every result, and a finding
	// without a file has none (see sarif.go), so the GitHub rules see the
	// findings that have a file; the SARIF rules see them all.
	var located []lint.Finding
	for _, f := range fs {
		if f.Pos.File != "" {
			located = append(located, f)
		}
	}
	for _, tc := range []struct {
		name, kinds string
		fs          []lint.Finding
	}{
		{"all findings, SARIF rules", "Sarif", fs},
		{"located findings, GitHub and SARIF rules", "Gh;Sarif", located},
		{"no findings, GitHub and SARIF rules", "Gh;Sarif", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in, out := filepath.Join(dir, "in.sarif"), filepath.Join(dir, "out.sarif")
			if err := os.WriteFile(in, render(t, "sarif", tc.fs, rules), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(tool, "validate", in, "--output", out, "--log", "ForceOverwrite", "--rule-kind", tc.kinds)
			cmd.Env = append(os.Environ(), "DOTNET_CLI_TELEMETRY_OPTOUT=1")
			outText, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%s: %v\n%s", tool, err, outText)
			}
			var log struct {
				Runs []struct {
					Results []struct {
						RuleID  string `json:"ruleId"`
						Level   string `json:"level"`
						Message struct {
							Text string `json:"text"`
						} `json:"message"`
					} `json:"results"`
					Invocations []struct {
						ExecutionSuccessful bool `json:"executionSuccessful"`
					} `json:"invocations"`
				} `json:"runs"`
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatalf("%v\n%s", err, outText)
			}
			if err := json.Unmarshal(b, &log); err != nil {
				t.Fatal(err)
			}
			if len(log.Runs) != 1 || len(log.Runs[0].Invocations) != 1 || !log.Runs[0].Invocations[0].ExecutionSuccessful {
				t.Fatalf("the Multitool did not run to completion:\n%s", outText)
			}
			// Every result the Multitool reports is a defect in our output:
			// errors and warnings alike.
			for _, r := range log.Runs[0].Results {
				t.Errorf("%s %s: %s", r.Level, r.RuleID, r.Message.Text)
			}
		})
	}

	// A result without locations is what GitHub refuses: prove the
	// Multitool notices, so that the clean runs above mean something.
	t.Run("control: unlocated finding fails the GitHub rules", func(t *testing.T) {
		dir := t.TempDir()
		in, out := filepath.Join(dir, "in.sarif"), filepath.Join(dir, "out.sarif")
		if err := os.WriteFile(in, render(t, "sarif", fs[:1], rules), 0o644); err != nil {
			t.Fatal(err)
		}
		if b, err := exec.Command(tool, "validate", in, "--output", out, "--log", "ForceOverwrite", "--rule-kind", "Gh").CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, b)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(`"GH1015"`)) {
			t.Errorf("the Multitool did not report GH1015 for a result without locations")
		}
	})
}

// multitoolVersion is the npm release the test installs.
const multitoolVersion = "5.7.0"

// multitool returns the path of the SARIF Multitool binary.
func multitool(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SARIF_MULTITOOL"); p != "" {
		return p
	}
	unavailable := func(why string) string {
		if os.Getenv("CI") != "" {
			t.Fatalf("SARIF Multitool unavailable in CI: %s", why)
		}
		t.Skipf("SARIF Multitool unavailable (%s); set SARIF_MULTITOOL, or have npm and run without -short, to run this test", why)
		return ""
	}
	platform, exe := map[string]string{"linux": "linux", "darwin": "darwin", "windows": "win32"}[runtime.GOOS], "Sarif.Multitool"
	if platform == "" {
		return unavailable("no npm package for " + runtime.GOOS)
	}
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return unavailable(err.Error())
	}
	prefix := filepath.Join(cache, "envlint-test", "sarif-multitool-"+multitoolVersion)
	bin := filepath.Join(prefix, "node_modules", "@microsoft", "sarif-multitool-"+platform, exe)
	if _, err := os.Stat(bin); err != nil {
		if testing.Short() {
			return unavailable("not installed and -short is set")
		}
		npm, err := exec.LookPath("npm")
		if err != nil {
			return unavailable("npm not found")
		}
		cmd := exec.Command(npm, "install", "--prefix", prefix, "--no-audit", "--no-fund", "--ignore-scripts",
			"@microsoft/sarif-multitool-"+platform+"@"+multitoolVersion)
		if out, err := cmd.CombinedOutput(); err != nil {
			return unavailable("npm install failed: " + err.Error() + "\n" + string(out))
		}
	}
	// The package's postinstall only does this chmod; scripts are ignored.
	if runtime.GOOS != "windows" {
		if err := os.Chmod(bin, 0o755); err != nil {
			return unavailable(err.Error())
		}
	}
	return bin
}

func TestSARIF_Columns(t *testing.T) {
	src := fstest.MapFS{
		"a.env": {Data: []byte("KEY=1\nNAMÉ=x KEY=2\r\n😀 KEY=3\n\xff KEY=4\n")},
		"go.go": {Data: []byte("\tField int\n")},
	}
	tests := []struct {
		name string
		src  fstest.MapFS
		pos  lint.Pos
		want *sarifRegion
	}{
		{"ascii", src, lint.Pos{File: "a.env", Line: 1, Col: 5}, &sarifRegion{1, 5}},
		{"two-byte rune before", src, lint.Pos{File: "a.env", Line: 2, Col: 9}, &sarifRegion{2, 8}},
		{"surrogate pair before", src, lint.Pos{File: "a.env", Line: 3, Col: 6}, &sarifRegion{3, 4}},
		{"invalid byte counts one", src, lint.Pos{File: "a.env", Line: 4, Col: 3}, &sarifRegion{4, 3}},
		{"tab indent", src, lint.Pos{File: "go.go", Line: 1, Col: 2}, &sarifRegion{1, 2}},
		{"unknown column", src, lint.Pos{File: "a.env", Line: 3, Col: 0}, &sarifRegion{3, 1}},
		{"no line", src, lint.Pos{File: "a.env", Line: 0, Col: 0}, nil},
		{"line past the end keeps bytes", src, lint.Pos{File: "a.env", Line: 9, Col: 7}, &sarifRegion{9, 7}},
		{"column past the end keeps bytes", src, lint.Pos{File: "go.go", Line: 1, Col: 40}, &sarifRegion{1, 40}},
		{"missing file keeps bytes", src, lint.Pos{File: "nope.env", Line: 2, Col: 9}, &sarifRegion{2, 9}},
		{"no source keeps bytes", nil, lint.Pos{File: "a.env", Line: 2, Col: 9}, &sarifRegion{2, 9}},
		{"escaping path is not read", src, lint.Pos{File: "../a.env", Line: 2, Col: 9}, &sarifRegion{2, 9}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &lineCache{files: map[string][]string{}}
			if tc.src != nil {
				c.fsys = tc.src
			}
			loc, ok := c.location(tc.pos)
			if !ok {
				t.Fatal("no location")
			}
			if diff := cmp.Diff(tc.want, loc.PhysicalLocation.Region); diff != "" {
				t.Errorf("region (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSARIF_NoFileNoLocation(t *testing.T) {
	c := &lineCache{files: map[string][]string{}}
	if loc, ok := c.location(lint.Pos{Line: 3, Col: 2}); ok {
		t.Errorf("a position without a file got a location: %+v", loc)
	}
}

func TestFileURI(t *testing.T) {
	tests := []struct{ in, want string }{
		{".env.example", ".env.example"},
		{"deploy/prod eu/secrets.ctmpl", "deploy/prod%20eu/secrets.ctmpl"},
		{"a%b/c#d?e", "a%25b/c%23d%3Fe"},
		{"c:x/a.env", "./c:x/a.env"},
		{"dir/c:x.env", "dir/c:x.env"},
		{"dé/ü.env", "d%C3%A9/%C3%BC.env"},
	}
	for _, tc := range tests {
		if got := fileURI(tc.in); got != tc.want {
			t.Errorf("fileURI(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestSARIF_Fingerprint checks the properties GitHub relies on to track an
// alert across commits.
func TestSARIF_Fingerprint(t *testing.T) {
	base := lint.Finding{Rule: "example-key-orphaned", Component: ".", Key: "OLD", Pos: lint.Pos{File: ".env.example", Line: 3, Col: 1}, Message: "OLD is orphaned"}
	fp := func(fs ...lint.Finding) []string {
		seen := map[string]int{}
		var out []string
		for _, f := range fs {
			out = append(out, fingerprint(f, seen))
		}
		return out
	}
	moved := base
	moved.Pos = lint.Pos{File: ".env.example", Line: 40, Col: 3}
	moved.Message = "OLD is orphaned; did you mean NEW?"
	if a, b := fp(base)[0], fp(moved)[0]; a != b {
		t.Errorf("moving a keyed finding changed its fingerprint: %s -> %s", a, b)
	}
	for name, change := range map[string]func(*lint.Finding){
		"key":       func(f *lint.Finding) { f.Key = "OTHER" },
		"rule":      func(f *lint.Finding) { f.Rule = "duplicate-key" },
		"component": func(f *lint.Finding) { f.Component = "api" },
		"file":      func(f *lint.Finding) { f.Pos.File = "api/.env.example" },
	} {
		other := base
		change(&other)
		if fp(base)[0] == fp(other)[0] {
			t.Errorf("changing the %s kept the fingerprint", name)
		}
	}
	keyless := lint.Finding{Rule: "template-error", Pos: lint.Pos{File: "a.ctmpl", Line: 2}, Message: "unexpected EOF"}
	keyless2 := keyless
	keyless2.Message = "function \"x\" not defined"
	got := fp(keyless, keyless2, keyless)
	if got[0] == got[1] {
		t.Errorf("keyless findings with different messages share a fingerprint")
	}
	if got[2] != got[0]+":2" {
		t.Errorf("repeated fingerprint = %q, want %q", got[2], got[0]+":2")
	}
}

func TestSARIF_Levels(t *testing.T) {
	for sev, want := range map[lint.Severity]string{lint.Error: "error", lint.Warning: "warning", lint.Info: "note", lint.Off: "none"} {
		if got := sarifLevel(sev); got != want {
			t.Errorf("sarifLevel(%v) = %q, want %q", sev, got, want)
		}
	}
}

func TestDriverVersion(t *testing.T) {
	for in, want := range map[string]string{"v1.2.3": "1.2.3", "1.2.3": "1.2.3", "v0.1.0-3-gabc-dirty": "0.1.0-3-gabc-dirty", "(devel)": "", "v": "", "vx": "", "": ""} {
		if got := driverVersion(in); got != want {
			t.Errorf("driverVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRuleName(t *testing.T) {
	for in, want := range map[string]string{"config-key-not-in-example": "ConfigKeyNotInExample", "parse-error": "ParseError", "x": "X", "a--b-": "AB"} {
		if got := ruleName(in); got != want {
			t.Errorf("ruleName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSARIF_RuleIndex checks that every result points at the descriptor of
// its own rule, including rules the registry passed in does not list.
func TestSARIF_RuleIndex(t *testing.T) {
	fs, rules := loadFixture(t)
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, "sarif", fs, rules), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if got, want := len(run.Tool.Driver.Rules), len(rules)+1; got != want {
		t.Errorf("%d descriptors, want %d (the rules plus env-missing-required)", got, want)
	}
	if len(run.Results) != len(fs) {
		t.Fatalf("%d results, want %d", len(run.Results), len(fs))
	}
	for i, r := range run.Results {
		if r.RuleID != fs[i].Rule || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleId %q, index %d -> %q; want %q", i, r.RuleID, r.RuleIndex, run.Tool.Driver.Rules[r.RuleIndex].ID, fs[i].Rule)
		}
	}
	if !strings.Contains(string(render(t, "sarif", fs, rules)), `"columnKind": "utf16CodeUnits"`) {
		t.Error("columnKind not declared")
	}
}
