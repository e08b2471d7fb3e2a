package helm

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// chartFiles reads a fixture chart the way the CLI hands one over.
func chartFiles(t testing.TB, dir string) []File {
	t.Helper()
	var files []File
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path.Join(dir, p))
		files = append(files, File{Name: p, Data: data})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestLoad_Environments(t *testing.T) {
	c := Load("deploy/api", chartFiles(t, "testdata/charts/api"))
	if len(c.Errors) > 0 {
		t.Fatalf("errors: %v", c.Errors)
	}
	type env struct {
		Name      string
		Values    []string
		Templates []string
	}
	var got []env
	for _, r := range c.Renders {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Environment, r.Err)
		}
		e := env{Name: r.Environment, Values: r.Values}
		for _, m := range r.Manifests {
			e.Templates = append(e.Templates, m.Template)
		}
		got = append(got, e)
	}
	want := []env{
		{"default", []string{"deploy/api/values.yaml"}, []string{"charts/worker/templates/job.yaml", "templates/deployment.yaml"}},
		{"production", []string{"deploy/api/values.yaml", "deploy/api/values-production.yaml"}, []string{"charts/worker/templates/job.yaml", "templates/deployment.yaml"}},
		// worker.enabled: false turns the subchart off.
		{"staging", []string{"deploy/api/values.yaml", "deploy/api/values.staging.yaml"}, []string{"templates/deployment.yaml"}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("renders (-want +got):\n%s", d)
	}
	prod := c.Renders[1].Manifests[1].Text
	for _, s := range []string{"name: FEATURE_FLAGS", `value: "warn"`, "name: OTEL_ENDPOINT", "name: DATABASE_HOST"} {
		if !strings.Contains(prod, s) {
			t.Errorf("production deployment lacks %q:\n%s", s, prod)
		}
	}
}

func TestLoad_RequiredFails(t *testing.T) {
	c := Load("deploy/failing", chartFiles(t, "testdata/charts/failing"))
	if len(c.Renders) != 2 {
		t.Fatalf("renders: %d", len(c.Renders))
	}
	def, prod := c.Renders[0], c.Renders[1]
	if def.Err == nil {
		t.Fatal("default: no error for a failing required")
	}
	if got, want := def.Err.Pos.String(), "deploy/failing/templates/deployment.yaml:12:24"; got != want {
		t.Errorf("pos = %s, want %s (%s)", got, want, def.Err.Msg)
	}
	if !strings.Contains(def.Err.Msg, "secretName is required") {
		t.Errorf("msg = %q", def.Err.Msg)
	}
	if prod.Err != nil {
		t.Errorf("production: %v", prod.Err)
	}
}

func TestManifests_Positions(t *testing.T) {
	c := Load("deploy/api", chartFiles(t, "testdata/charts/api"))
	type key struct{ Name, Pos, ValuePos string }
	got := map[string][]key{}
	for _, r := range c.Renders {
		for _, m := range c.Manifests(r) {
			if len(m.Errors) > 0 {
				t.Fatalf("%s: %v", r.Environment, m.Errors)
			}
			for _, tg := range m.Targets {
				if tg.Environment != r.Environment || tg.DeployTarget.Kind != "helm" {
					t.Errorf("%s: target %s has environment %q kind %q", r.Environment, tg.Name, tg.Environment, tg.DeployTarget.Kind)
				}
				id := r.Environment + " " + tg.Name + " " + tg.Pos.String()
				for _, k := range tg.Keys {
					got[id] = append(got[id], key{k.Name, k.Pos.String(), k.ValuePos.String()})
				}
			}
		}
	}
	const dep = "deploy/api/templates/deployment.yaml"
	want := map[string][]key{
		"default deploy/api#Job/release-name-worker/worker deploy/api/charts/worker/templates/job.yaml:12": {
			{"QUEUE_NAME", "deploy/api/charts/worker/templates/job.yaml:15:21", "deploy/api/values.yaml:16:10"},
		},
		"production deploy/api#Job/release-name-worker/worker deploy/api/charts/worker/templates/job.yaml:12": {
			{"QUEUE_NAME", "deploy/api/charts/worker/templates/job.yaml:15:21", "deploy/api/values.yaml:16:10"},
		},
		"default deploy/api#Deployment/release-name-api/app " + dep + ":12": {
			{"LOG_LEVEL", dep + ":16:21", "deploy/api/values.yaml:4:11"},
			// From a values map: the name is the map's key.
			{"HTTP_PORT", "deploy/api/values.yaml:6:3", "deploy/api/values.yaml:6:15"},
			{"REGION", "deploy/api/values.yaml:7:3", "deploy/api/values.yaml:7:11"},
			// From a define in _helpers.tpl.
			{"DATABASE_HOST", "deploy/api/templates/_helpers.tpl:5:9", "deploy/api/values.yaml:13:9"},
		},
		"production deploy/api#Deployment/release-name-api/app " + dep + ":12": {
			{"LOG_LEVEL", dep + ":16:21", "deploy/api/values-production.yaml:1:11"},
			{"HTTP_PORT", "deploy/api/values.yaml:6:3", "deploy/api/values.yaml:6:15"},
			{"REGION", "deploy/api/values.yaml:7:3", "deploy/api/values.yaml:7:11"},
			{"DATABASE_HOST", "deploy/api/templates/_helpers.tpl:5:9", "deploy/api/values.yaml:13:9"},
			{"OTEL_ENDPOINT", dep + ":24:21", "deploy/api/values.yaml:11:13"},
			// From a list in the environment's values file.
			{"FEATURE_FLAGS", "deploy/api/values-production.yaml:5:11", "deploy/api/values-production.yaml:6:13"},
		},
		"staging deploy/api#Deployment/release-name-api/app " + dep + ":12": {
			{"LOG_LEVEL", dep + ":16:21", "deploy/api/values.yaml:4:11"},
			{"HTTP_PORT", "deploy/api/values.yaml:6:3", "deploy/api/values.yaml:6:15"},
			// The environment's file before values.yaml.
			{"REGION", "deploy/api/values.staging.yaml:4:3", "deploy/api/values.staging.yaml:4:11"},
			{"DATABASE_HOST", "deploy/api/templates/_helpers.tpl:5:9", "deploy/api/values.yaml:13:9"},
		},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("keys (-want +got):\n%s", d)
	}
}

// tgz packs files into a chart archive under dir/, as helm package does.
func tgz(t *testing.T, dir string, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		body := files[name]
		if err := tw.WriteHeader(&tar.Header{Name: dir + "/" + name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A subchart vendored as an archive renders; its keys, which no repository
// line writes, are placed at the dependency in Chart.yaml.
func TestManifests_ArchiveSubchart(t *testing.T) {
	archive := tgz(t, "redis", map[string]string{
		"Chart.yaml":                "apiVersion: v2\nname: redis\nversion: 1.0.0\n",
		"templates/deployment.yaml": "kind: Deployment\napiVersion: apps/v1\nmetadata: {name: redis}\nspec:\n  template:\n    spec:\n      containers:\n        - name: redis\n          env:\n            - name: REDIS_PASSWORD\n              value: x\n",
	})
	c := Load("chart", []File{
		{Name: "Chart.yaml", Data: []byte("apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: redis\n    version: 1.0.0\n")},
		{Name: "charts/redis-1.0.0.tgz", Data: archive},
	})
	if len(c.Errors)+len(c.Missing) > 0 || c.Renders[0].Err != nil {
		t.Fatalf("errors: %v %v %v", c.Errors, c.Missing, c.Renders[0].Err)
	}
	var got []string
	for _, m := range c.Manifests(c.Renders[0]) {
		for _, tg := range m.Targets {
			for _, k := range tg.Keys {
				got = append(got, tg.Name+" "+k.Name+" "+k.Pos.String()+" "+k.ValuePos.String())
			}
		}
	}
	want := []string{"chart#Deployment/redis/redis REDIS_PASSWORD chart/Chart.yaml:5 chart/Chart.yaml:5"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("keys (-want +got):\n%s", d)
	}
}
