package dockerfile

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerui"
	digest "github.com/opencontainers/go-digest"
	"golang.org/x/tools/txtar"

	"github.com/envlint/envlint/internal/discover"
	"github.com/envlint/envlint/internal/lint"
)

// offline resolves every base image to an empty image, so that BuildKit's
// converter runs without a registry.
type offline struct{}

func (offline) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	return ref, digest.FromString("empty"), []byte(`{"architecture":"amd64","os":"linux","config":{}}`), nil
}

// dockerfiles returns the repository's Dockerfile fixtures: the file in
// testdata here, those in testscript archives, and the demo's.
func dockerfiles(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	ms, _ := filepath.Glob("testdata/*")
	for _, m := range ms {
		if data, err := os.ReadFile(m); err == nil {
			out[m] = data
		}
	}
	scripts, _ := filepath.Glob("../../../testdata/script/*.txtar")
	for _, s := range scripts {
		a, err := txtar.ParseFile(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			if discover.DeployKind(filepath.Base(f.Name)) == "dockerfile" {
				out[filepath.Base(s)+":"+f.Name] = f.Data
			}
		}
	}
	_ = filepath.Walk("../../../testdata/demo", func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && discover.DeployKind(fi.Name()) == "dockerfile" {
			data, _ := os.ReadFile(p)
			out[p] = data
		}
		return nil
	})
	if len(out) < 3 {
		t.Fatalf("found only %d Dockerfile fixtures", len(out))
	}
	return out
}

// TestAgainstBuildKit converts every Dockerfile fixture with BuildKit's own
// converter (dockerfile2llb, offline) and compares: the image's ENV keys
// with the target's keys, and the build arguments BuildKit's outline says
// the image depends on with the ARGs envlint reads as declared in the
// stages the image builds (and the global ARGs its FROM lines use). Every
// ARG envlint calls used must be one BuildKit's outline lists. A fixture
// one rejects, the other must reject too.
func TestAgainstBuildKit(t *testing.T) {
	for name, data := range dockerfiles(t) {
		t.Run(name, func(t *testing.T) {
			got := Parse("Dockerfile", data)
			opt := dockerfile2llb.ConvertOpt{MetaResolver: offline{}, Config: dockerui.Config{}}
			res, err := dockerfile2llb.Dockerfile2LLB(context.Background(), data, opt)
			switch {
			case err != nil && len(got.Errors) > 0:
				return // both reject it: a parse-error fixture
			case err != nil:
				t.Fatalf("BuildKit rejects the fixture (%v); envlint does not", err)
			case len(got.Errors) > 0:
				t.Fatalf("envlint rejects a fixture BuildKit accepts: %v", got.Errors)
			}
			var wantEnv []string
			for _, kv := range res.Image.Config.Env {
				k, _, _ := strings.Cut(kv, "=")
				if k != "PATH" { // BuildKit's default for an image without one
					wantEnv = append(wantEnv, k)
				}
			}
			var gotEnv []string
			for _, k := range got.Targets[0].Keys {
				gotEnv = append(gotEnv, k.Name)
			}
			slices.Sort(wantEnv)
			slices.Sort(gotEnv)
			if d := cmp.Diff(wantEnv, gotEnv); d != "" {
				t.Errorf("image ENV keys (-buildkit +envlint):\n%s", d)
			}

			o, err := dockerfile2llb.Dockerfile2Outline(context.Background(), data, opt)
			if err != nil {
				t.Fatal(err)
			}
			outlined := map[string]bool{}
			for _, a := range o.Args {
				outlined[a.Name] = true
			}
			for _, a := range got.Targets[0].BuildArgs {
				if a.Used && !outlined[a.Name] {
					t.Errorf("envlint says ARG %s (%s) feeds the image; BuildKit's outline does not list it", a.Name, a.Pos)
				}
			}
			for n := range outlined {
				if !slices.ContainsFunc(got.Targets[0].BuildArgs, func(a lint.BuildArg) bool { return a.Name == n }) {
					t.Errorf("BuildKit's outline lists ARG %s; envlint has no such ARG", n)
				}
			}
		})
	}
}
