package fix

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/joho/godotenv"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/dotenv"
)

// goldenEdit is an Edit as written in testdata/*/edits.json.
type goldenEdit struct {
	Kind  string   `json:"kind"`
	Name  string   `json:"name"`
	Line  int      `json:"line"`
	Doc   string   `json:"doc"`
	Value string   `json:"value"`
	Vault bool     `json:"vault"`
	After []string `json:"after"`
}

var kinds = map[string]Kind{"add": AddKey, "mark": AddMarker, "unmark": RemoveMarker, "remove": RemoveKey}

func readGolden(t *testing.T, dir string) (before, after []byte, edits []Edit, skip []string) {
	t.Helper()
	var err error
	if before, err = os.ReadFile(filepath.Join(dir, "before.env")); err != nil {
		t.Fatal(err)
	}
	if after, err = os.ReadFile(filepath.Join(dir, "after.env")); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "edits.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Edits []goldenEdit `json:"edits"`
		Skip  []string     `json:"skip"`
	}
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	for _, e := range g.Edits {
		k, ok := kinds[e.Kind]
		if !ok {
			t.Fatalf("unknown kind %q", e.Kind)
		}
		edits = append(edits, Edit{Kind: k, Name: e.Name, Line: e.Line, Doc: e.Doc, Value: e.Value, Vault: e.Vault, After: e.After})
	}
	return before, after, edits, g.Skip
}

// TestApply_Golden applies testdata/<case>/edits.json to before.env and
// compares the result with the hand-written after.env, byte for byte.
func TestApply_Golden(t *testing.T) {
	dirs, err := filepath.Glob("testdata/*/edits.json")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, f := range dirs {
		dir := filepath.Dir(f)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			before, after, edits, skip := readGolden(t, dir)
			orig := slices.Clone(before)
			res := Apply(".env.example", before, edits)
			if diff := cmp.Diff(string(after), string(res.Src)); diff != "" {
				t.Errorf("edited file (-want +got):\n%s", diff)
			}
			if string(before) != string(orig) {
				t.Error("Apply modified its input")
			}
			var skipped []string
			for _, s := range res.Skipped {
				skipped = append(skipped, s.Edit.Name)
				if s.Reason == "" {
					t.Errorf("skipped %s without a reason", s.Edit.Name)
				}
			}
			if diff := cmp.Diff(skip, skipped, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("skipped edits (-want +got):\n%s", diff)
			}
			if len(res.Done)+len(res.Skipped) != len(edits) {
				t.Errorf("%d done + %d skipped, want %d edits", len(res.Done), len(res.Skipped), len(edits))
			}
			// A second fix finds nothing left to do.
			if left := pending(t, after, edits, skip); len(left) > 0 {
				t.Errorf("after.env still needs: %v", left)
			}
		})
	}
}

// pending judges an edited file on its own terms, by parsing it: which of
// the edits (except the skipped ones) it does not reflect yet. This is
// what the rules would still report, so a second fix would do nothing.
func pending(t *testing.T, src []byte, edits []Edit, skip []string) []string {
	t.Helper()
	ef := dotenv.Parse(".env.example", src)
	byName := map[string][]lint.ExampleEntry{}
	for _, e := range ef.Entries {
		byName[e.Name] = append(byName[e.Name], e)
	}
	var left []string
	for _, e := range edits {
		if slices.Contains(skip, e.Name) {
			continue
		}
		es := byName[e.Name]
		switch e.Kind {
		case AddKey:
			if len(es) != 1 || es[0].VaultMarker != e.Vault {
				left = append(left, "add "+e.Name)
			}
		case AddMarker, RemoveMarker:
			for _, x := range es {
				if x.VaultMarker != (e.Kind == AddMarker) {
					left = append(left, e.Kind.String()+" "+e.Name)
				}
			}
		case RemoveKey:
			if len(es) > 0 {
				left = append(left, "remove "+e.Name)
			}
		}
	}
	if len(ef.Ambiguous) > 0 {
		left = append(left, "ambiguous: "+ef.Ambiguous[0].Msg)
	}
	return left
}

// TestApply_NoEditsIsIdentity: with nothing to do, every file comes back
// byte for byte, however odd.
func TestApply_NoEditsIsIdentity(t *testing.T) {
	srcs := []string{"", "\uFEFF", "A=1", "A=1\r\n\r\n", "A=1\rB=2\r", "# only a comment", "X='unterminated\nY=2\n"}
	for _, s := range srcs {
		if got := Apply("e", []byte(s), nil).Src; string(got) != s {
			t.Errorf("Apply(%q, nil) = %q", s, got)
		}
	}
}

// TestApply_EmptyFile adds to files with nothing in them.
func TestApply_EmptyFile(t *testing.T) {
	tests := []struct{ src, want string }{
		{"", "PORT=8080\n"},
		{"\uFEFF", "\uFEFFPORT=8080\n"},
		{"\r\n", "\r\nPORT=8080\r\n"},
		{"# header", "# header\n\nPORT=8080"},
	}
	for _, tt := range tests {
		res := Apply("e", []byte(tt.src), []Edit{{Kind: AddKey, Name: "PORT", Value: "8080"}})
		if string(res.Src) != tt.want {
			t.Errorf("add to %q = %q, want %q", tt.src, res.Src, tt.want)
		}
	}
}

// TestQuotings_Godotenv checks the value quoting against godotenv itself,
// the loader the example files are written for.
func TestQuotings_Godotenv(t *testing.T) {
	values := []string{"plain", "a b # c", "cost $5", "it's $HOME", "line1\nline2", " pad", "#fff",
		`back\slash`, `"quoted"`, "tab\there", "x=y", "${HOME}"}
	for _, v := range values {
		res := Apply("e", []byte("A=1\n"), []Edit{{Kind: AddKey, Name: "NEW", Value: v}})
		got, err := godotenv.Unmarshal(string(res.Src))
		if err != nil {
			t.Errorf("value %q: godotenv cannot read %q: %v", v, res.Src, err)
			continue
		}
		if line := strings.TrimPrefix(string(res.Src), "A=1\n"); got["NEW"] != v {
			t.Errorf("value %q written as %q reads back as %q", v, line, got["NEW"])
		}
	}
}

func TestDiff_Redacts(t *testing.T) {
	old := []byte("# db\nDATABASE_URL=postgres://u:hunter2@db/x\nPORT=8080\nAPI_TOKEN='tok\nen'\nNAME=shop\n")
	res := Apply("e", old, []Edit{
		{Kind: AddMarker, Name: "DATABASE_URL", Line: 2},
		{Kind: AddKey, Name: "PORT_ALT", Value: "8081"},
	})
	hide := func(e *lint.ExampleEntry) bool { return strings.Contains(e.Name, "TOKEN") }
	got := string(Diff(".env.example", old, res.Src, hide))
	want := `diff a/.env.example b/.env.example
--- a/.env.example
+++ b/.env.example
@@ -1,6 +1,7 @@
 # db
-DATABASE_URL=<redacted, 25 bytes>
+DATABASE_URL=<redacted, 25 bytes> # [VAULT]
 PORT=8080
+PORT_ALT=8081
 API_TOKEN=<redacted, 6 bytes>
 <redacted>
 NAME=shop
`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diff (-want +got):\n%s", diff)
	}
	for _, secret := range []string{"hunter2", "tok", "en'"} {
		if strings.Contains(got, secret) {
			t.Errorf("diff shows %q", secret)
		}
	}
	if d := Diff("e", old, old, hide); d != nil {
		t.Errorf("diff of equal files = %q, want nil", d)
	}
}

func TestSharedWords(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"DATABASE_POOL", "DATABASE_URL", 1},
		{"STRIPE_API_KEY", "STRIPE_API_SECRET", 2},
		{"PORT", "PORTAL", 0},
		{"A__B", "A__C", 1},
	}
	for _, tt := range tests {
		if got := sharedWords(strings.Split(tt.a, "_"), strings.Split(tt.b, "_")); got != tt.want {
			t.Errorf("sharedWords(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
