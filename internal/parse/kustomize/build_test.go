package kustomize

import (
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/envlint/envlint/internal/lint"
)

// mapRead reads from an in-memory tree, as the CLI's reader reads the repository.
func mapRead(m fstest.MapFS) ReadFunc {
	return func(p string) ([]byte, error) { return fs.ReadFile(m, p) }
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
      - name: app
        image: api
        env:
        - name: A
          value: "1"
`

func tree(files ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for i := 0; i+1 < len(files); i += 2 {
		m[files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
	}
	return m
}

func TestBuild_OriginsAndGenerators(t *testing.T) {
	m := tree(
		"base/kustomization.yaml", "resources:\n- deployment.yaml\ncommonLabels:\n  app: api\n",
		"base/deployment.yaml", deployment,
		"overlays/prod/kustomization.yaml", "bases:\n- ../../base\nnamePrefix: prod-\nconfigMapGenerator:\n- name: cfg\n  literals:\n  - B=2\npatchesStrategicMerge:\n- patch.yaml\n",
		"overlays/prod/patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        envFrom:\n        - configMapRef:\n            name: cfg\n",
	)
	o := Build(mapRead(m), "overlays/prod")
	if len(o.Errors)+len(o.Uncovered) > 0 {
		t.Fatal(o.Errors, o.Uncovered)
	}
	if o.Environment != "prod" || o.File != "overlays/prod/kustomization.yaml" {
		t.Errorf("environment %q, file %q", o.Environment, o.File)
	}
	if len(o.Objects) != 2 {
		t.Fatalf("objects: %+v", o.Objects)
	}
	if d := o.Objects[0]; d.Kind != "Deployment" || d.Name != "prod-api" || d.Origin != "base/deployment.yaml" {
		t.Errorf("deployment: %+v", d)
	}
	cm := o.Objects[1]
	if cm.Kind != "ConfigMap" || !strings.HasPrefix(cm.Name, "prod-cfg-") || cm.Origin != "overlays/prod/kustomization.yaml" ||
		cm.Generator != "configMapGenerator" || cm.GeneratorName != "cfg" {
		t.Errorf("config map: %+v", cm)
	}
	if !strings.Contains(string(o.Output), "name: "+cm.Name) || strings.Contains(string(o.Output), "config.kubernetes.io/origin") {
		t.Errorf("output:\n%s", o.Output)
	}
	if want := []string{"base/deployment.yaml", "base/kustomization.yaml", "overlays/prod/kustomization.yaml", "overlays/prod/patch.yaml"}; !cmp.Equal(keys(o.Files), want) {
		t.Errorf("files %v, want %v", keys(o.Files), want)
	}
}

func keys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func TestBuild_Problems(t *testing.T) {
	for _, tc := range []struct {
		name      string
		files     fstest.MapFS
		errors    []string // "line: substring"
		uncovered []string
		objects   int
	}{
		{name: "missing base", files: tree("o/kustomization.yaml", "resources:\n- deploy.yaml\n- ../base\n", "o/deploy.yaml", deployment),
			errors: []string{"3: resources entry ../base is neither a file nor a directory with a kustomization"}},
		{name: "missing patch", files: tree("o/kustomization.yaml", "resources:\n- deploy.yaml\npatches:\n- path: p.yaml\n", "o/deploy.yaml", deployment),
			errors: []string{"4: patches entry p.yaml cannot be read"}},
		{name: "malformed", files: tree("o/kustomization.yaml", "resources:\n- a\n  b: [\n"),
			errors: []string{"3: o/kustomization.yaml is not valid YAML"}},
		{name: "unknown field", files: tree("o/kustomization.yaml", "resources:\n- deploy.yaml\nresourcez: []\n", "o/deploy.yaml", deployment),
			errors: []string{"1: kustomize cannot build o: invalid Kustomization"}},
		{name: "outside", files: tree("o/kustomization.yaml", "resources:\n- ../../etc\n"),
			errors: []string{"2: resources entry ../../etc is outside the repository"}},
		{name: "absolute", files: tree("o/kustomization.yaml", "configMapGenerator:\n- name: x\n  envs:\n  - /etc/passwd\n"),
			errors: []string{"4: configMapGenerator entry /etc/passwd is outside the repository"}},
		{name: "remote base", files: tree("o/kustomization.yaml", "resources:\n- github.com/acme/deploy//base?ref=v1\n- https://example.com/x.yaml\n- deploy.yaml\n", "o/deploy.yaml", deployment),
			uncovered: []string{"2: names the remote resource github.com/acme/deploy//base?ref=v1", "3: names the remote resource https://example.com/x.yaml"}, objects: 1},
		{name: "helm", files: tree("o/kustomization.yaml", "resources:\n- deploy.yaml\nhelmCharts:\n- name: redis\n", "o/deploy.yaml", deployment),
			uncovered: []string{"3: inflates Helm charts"}, objects: 1},
		{name: "plugin", files: tree("o/kustomization.yaml", "resources:\n- deploy.yaml\ntransformers:\n- t.yaml\n", "o/deploy.yaml", deployment,
			"o/t.yaml", "apiVersion: acme.com/v1\nkind: Exec\nmetadata:\n  name: x\n"),
			uncovered: []string{"1: needs an exec or Go plugin, which envlint never runs (external plugins disabled; unable to load external plugin 'Exec')"}},
		{name: "no kustomization", files: tree("o/x.yaml", ""), errors: []string{"0: no kustomization file in o"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := Build(mapRead(tc.files), "o")
			check := func(what string, got []lint.Problem, want []string) {
				t.Helper()
				if len(got) != len(want) {
					t.Fatalf("%s: got %v, want %v", what, got, want)
				}
				for i, p := range got {
					line, sub, _ := strings.Cut(want[i], ": ")
					if strconv.Itoa(p.Pos.Line) != line || !strings.Contains(p.Msg, sub) {
						t.Errorf("%s %d: got %d: %s, want %s", what, i, p.Pos.Line, p.Msg, want[i])
					}
				}
			}
			check("errors", o.Errors, tc.errors)
			check("uncovered", o.Uncovered, tc.uncovered)
			if len(o.Objects) != tc.objects {
				t.Errorf("%d objects, want %d", len(o.Objects), tc.objects)
			}
		})
	}
}

func TestRoots(t *testing.T) {
	var ks []*Kustomization
	for f, src := range map[string]string{
		"base/kustomization.yaml":          "resources: [d.yaml]\n",
		"comp/kustomization.yaml":          "kind: Component\n",
		"overlays/a/kustomization.yaml":    "resources: [../../base]\ncomponents: [../../comp]\n",
		"overlays/b/kustomization.yml":     "bases: [../../base, github.com/x/y//z]\n",
		"standalone/Kustomization":         "resources: [d.yaml]\n",
		"nested/kustomization.yaml":        "resources: [../overlays/a]\n",
		"overlays/self/kustomization.yaml": "resources: [.]\n",
	} {
		ks = append(ks, Read(f, []byte(src)))
	}
	want := []string{"nested", "overlays/b", "overlays/self", "standalone"}
	if got := Roots(ks); !cmp.Equal(got, want) {
		t.Errorf("Roots = %v, want %v", got, want)
	}
}

// TestBuild_Offline: what kustomize would fetch or clone is left out and
// reported, never attempted (a proxy that refuses every connection makes
// an attempt fail the build).
func TestBuild_Offline(t *testing.T) {
	t.Setenv("HTTPS_PROXY", "http://127.0.0.1:1")
	t.Setenv("HTTP_PROXY", "http://127.0.0.1:1")
	t.Setenv("PATH", "")
	for _, tc := range []struct {
		name      string
		files     fstest.MapFS
		uncovered []string
		objects   int
	}{
		{name: "remote patch", files: tree("o/kustomization.yaml", "resources:\n- d.yaml\npatches:\n- path: https://example.com/p.yaml\n", "o/d.yaml", deployment),
			uncovered: []string{"4: names the remote patch https://example.com/p.yaml"}, objects: 1},
		{name: "remote git component", files: tree("o/kustomization.yaml", "resources:\n- d.yaml\ncomponents:\n- git@github.com:acme/c.git\n", "o/d.yaml", deployment),
			uncovered: []string{"4: names the remote component git@github.com:acme/c.git"}, objects: 1},
		{name: "transformer config with a URL", files: tree("o/kustomization.yaml", "resources:\n- d.yaml\ntransformers:\n- t.yaml\n", "o/d.yaml", deployment,
			"o/t.yaml", "apiVersion: builtin\nkind: PatchTransformer\nmetadata:\n  name: p\npath: https://example.com/p.yaml\n"),
			uncovered: []string{"1: configures a generator or transformer that names a URL"}, objects: 1},
		{name: "patch of a remote resource", files: tree("o/kustomization.yaml", "resources:\n- https://example.com/d.yaml\npatches:\n- path: p.yaml\n",
			"o/p.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 2\n"),
			uncovered: []string{"2: names the remote resource", "1: cannot be built without what envlint does not fetch"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := Build(mapRead(tc.files), "o")
			if len(o.Errors) > 0 {
				t.Fatal(o.Errors)
			}
			if len(o.Uncovered) != len(tc.uncovered) {
				t.Fatalf("uncovered: %v, want %v", o.Uncovered, tc.uncovered)
			}
			for i, p := range o.Uncovered {
				line, sub, _ := strings.Cut(tc.uncovered[i], ": ")
				if strconv.Itoa(p.Pos.Line) != line || !strings.Contains(p.Msg, sub) {
					t.Errorf("uncovered %d: %d: %s, want %s", i, p.Pos.Line, p.Msg, tc.uncovered[i])
				}
			}
			if len(o.Objects) != tc.objects {
				t.Errorf("%d objects, want %d", len(o.Objects), tc.objects)
			}
		})
	}
}

func TestMark(t *testing.T) {
	src := "# generated\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: b\n  annotations: {x: y}\n"
	out := string(mark("base/x.yaml", []byte(src)))
	if strings.Count(out, originKey+": base/x.yaml") != 2 || !strings.Contains(out, "x: y") {
		t.Errorf("mark:\n%s", out)
	}
	crd := "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: c\n"
	if out := mark("crd.yaml", []byte(crd)); string(out) != crd {
		t.Errorf("a file without workloads is re-encoded:\n%s", out)
	}
}

// TestBuild_Concurrent: overlays are built concurrently (run with -race).
func TestBuild_Concurrent(t *testing.T) {
	fsys := os.DirFS("testdata/diff/shop")
	read := func(p string) ([]byte, error) { return fs.ReadFile(fsys, p) }
	want := string(Build(read, "overlays/production").Output)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			dir := []string{"overlays/production", "overlays/staging"}[i%2]
			if o := Build(read, dir); len(o.Errors) > 0 || (i%2 == 0 && string(o.Output) != want) {
				t.Errorf("%s: %v\n%s", dir, o.Errors, o.Output)
			}
		})
	}
	wg.Wait()
}
