package helm

// The oracle: Helm's own `helm template` code path (action.Install in
// client-only dry-run mode, on a chart loaded from disk by Helm's directory
// loader), its output decoded by the Kubernetes universal deserializer. It
// lives in a _test.go file so that action, client-go's deserializer and
// the rest of Helm's CLI machinery never link into envlint.

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/envlint/envlint/internal/lint"
	"github.com/google/go-cmp/cmp"
	"helm.sh/helm/v4/pkg/action"
	ci "helm.sh/helm/v4/pkg/chart"
	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
	rel "helm.sh/helm/v4/pkg/release/v1"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	kyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/kubernetes/scheme"
)

// helmTemplate renders dir as `helm template dir [-f envFile]` does and
// returns each container's env names by "Kind/name/container".
func helmTemplate(t *testing.T, dir, envFile string) (map[string][]string, error) {
	t.Helper()
	ch, err := loader.Load(dir)
	if err != nil {
		return nil, err
	}
	if req := ch.Metadata.Dependencies; req != nil {
		deps := make([]ci.Dependency, len(req))
		for i, d := range req {
			deps[i] = d
		}
		if err := action.CheckDependencies(ch, deps); err != nil {
			return nil, err
		}
	}
	vals := map[string]any{}
	if envFile != "" {
		v, err := common.ReadValuesFile(filepath.Join(dir, envFile))
		if err != nil {
			return nil, err
		}
		vals = v
	}
	cfg := action.NewConfiguration()
	// The same fixed stand-ins for random functions: names stay comparable.
	cfg.CustomTemplateFuncs = Fixed
	inst := action.NewInstall(cfg)
	inst.DryRunStrategy = action.DryRunClient
	inst.ReleaseName = ReleaseName
	inst.Namespace = Namespace
	inst.Replace = true
	// helm template's own binary, built with client-go v0.37, reports
	// v1.37.0; a test binary would say v1.20.0.
	kv, err := common.ParseKubeVersion(KubeVersion)
	if err != nil {
		t.Fatal(err)
	}
	inst.KubeVersion = kv
	r, err := inst.RunWithContext(context.Background(), ch, vals)
	if err != nil {
		return nil, err
	}
	release := r.(*rel.Release)
	out := release.Manifest
	for _, h := range release.Hooks {
		out += "\n---\n" + h.Manifest
	}
	return decodeEnv(t, out), nil
}

// decodeEnv decodes a YAML stream with the Kubernetes deserializer and
// lists each workload container's env names.
func decodeEnv(t *testing.T, stream string) map[string][]string {
	t.Helper()
	got := map[string][]string{}
	rd := kyaml.NewYAMLReader(bufio.NewReader(strings.NewReader(stream)))
	for {
		doc, err := rd.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("helm template output: %v", err)
		}
		if len(bytes.TrimSpace(doc)) == 0 || strings.TrimSpace(strings.Join(commentless(doc), "")) == "" {
			continue
		}
		obj, _, err := scheme.Codecs.UniversalDeserializer().Decode(doc, nil, nil)
		if runtime.IsNotRegisteredError(err) {
			continue // a custom resource: no pod spec the reader knows
		}
		if err != nil {
			t.Fatalf("decode %s: %v", doc, err)
		}
		var kind, name string
		var spec *corev1.PodSpec
		switch o := obj.(type) {
		case *appsv1.Deployment:
			kind, name, spec = "Deployment", o.Name, &o.Spec.Template.Spec
		case *appsv1.StatefulSet:
			kind, name, spec = "StatefulSet", o.Name, &o.Spec.Template.Spec
		case *appsv1.DaemonSet:
			kind, name, spec = "DaemonSet", o.Name, &o.Spec.Template.Spec
		case *batchv1.Job:
			kind, name, spec = "Job", o.Name, &o.Spec.Template.Spec
		case *batchv1.CronJob:
			kind, name, spec = "CronJob", o.Name, &o.Spec.JobTemplate.Spec.Template.Spec
		case *corev1.Pod:
			kind, name, spec = "Pod", o.Name, &o.Spec
		default:
			continue
		}
		for _, c := range slices.Concat(spec.InitContainers, spec.Containers) {
			names := []string{}
			for _, e := range c.Env {
				names = append(names, e.Name)
			}
			got[kind+"/"+name+"/"+c.Name] = names
		}
	}
	return got
}

func commentless(doc []byte) []string {
	var ls []string
	for l := range strings.Lines(string(doc)) {
		if !strings.HasPrefix(strings.TrimSpace(l), "#") {
			ls = append(ls, l)
		}
	}
	return ls
}

// TestDifferential_HelmTemplate compares, per chart and environment, the
// env names envlint reads from each container with those helm template
// renders, and a chart that fails in one with a failure in the other.
func TestDifferential_HelmTemplate(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/charts/*")
	if len(dirs) < 3 {
		t.Fatalf("fixture charts: %v", dirs)
	}
	differential(t, dirs, true)
}

// TestDifferential_RealCharts runs the same comparison on the chart
// directories ENVLINT_REAL_CHARTS lists (colon-separated): public charts
// checked out outside the repository, never committed.
func TestDifferential_RealCharts(t *testing.T) {
	list := os.Getenv("ENVLINT_REAL_CHARTS")
	if list == "" {
		t.Skip("ENVLINT_REAL_CHARTS not set")
	}
	differential(t, strings.Split(list, ":"), false)
}

// differential compares envlint with helm template on each chart dir;
// fixtures must render a container in every environment (a fixture that
// renders none tests nothing).
func differential(t *testing.T, dirs []string, fixtures bool) {
	for _, dir := range dirs {
		t.Run(dir, func(t *testing.T) {
			c := Load("c", chartFiles(t, dir))
			if len(c.Errors) > 0 {
				t.Fatalf("load: %v", c.Errors)
			}
			for _, r := range c.Renders {
				envFile := ""
				if len(r.Values) > 1 {
					envFile = strings.TrimPrefix(r.Values[1], "c/")
				}
				want, herr := helmTemplate(t, dir, envFile)
				if len(c.Missing) > 0 {
					if herr == nil {
						t.Errorf("%s: envlint reports missing dependencies, helm template renders", r.Environment)
					}
					t.Logf("%s: both fail: %s", r.Environment, c.Missing[0].Msg)
					continue
				}
				if (herr != nil) != (r.Err != nil) {
					t.Errorf("%s: helm template error %v, envlint error %v", r.Environment, herr, r.Err)
					continue
				}
				if herr != nil {
					if h := strings.Join(strings.Fields(herr.Error()), " "); !strings.HasSuffix(r.Err.Msg, h) {
						t.Errorf("%s: messages differ:\nhelm:    %v\nenvlint: %s", r.Environment, herr, r.Err.Msg)
					}
					t.Logf("%s: both fail: %s", r.Environment, r.Err.Msg)
					continue
				}
				got := map[string][]string{}
				for _, m := range c.Manifests(r) {
					if len(m.Errors) > 0 {
						t.Errorf("%s: %v", r.Environment, m.Errors)
					}
					for _, tg := range m.Targets {
						names := []string{}
						for _, k := range tg.Keys {
							names = append(names, k.Name)
							// Each key on a line of the chart that writes its
							// name, or at worst the template's env: line.
							l := sourceLine(c, k.Pos)
							inArchive := strings.HasSuffix(k.Pos.File, "Chart.yaml")
							if !inArchive && !strings.Contains(l, k.Name) && !envLine.MatchString(l) {
								t.Errorf("%s: %s placed at %s: %q", r.Environment, k.Name, k.Pos, l)
							}
						}
						got[tg.Kind+"/"+tg.Workload+"/"+tg.Container] = names
					}
				}
				if fixtures && len(want) == 0 {
					t.Errorf("%s: helm template renders no container: the fixture tests nothing", r.Environment)
				}
				if d := cmp.Diff(want, got); d != "" {
					t.Errorf("%s: env names (-helm template +envlint):\n%s", r.Environment, d)
				}
				t.Logf("%s: %d containers: %v", r.Environment, len(got), slices.Sorted(maps.Keys(got)))
			}
		})
	}
}

// TestKubeVersion keeps KubeVersion in step with the client-go go.mod
// requires, as Helm derives it.
func TestKubeVersion(t *testing.T) {
	data, err := os.ReadFile("../../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`k8s.io/client-go v0\.(\d+)\.`).FindSubmatch(data)
	if m == nil {
		t.Fatal("go.mod requires no k8s.io/client-go")
	}
	if want := "v1." + string(m[1]) + ".0"; KubeVersion != want {
		t.Errorf("KubeVersion = %s, but Helm built with this go.mod reports %s", KubeVersion, want)
	}
}

// sourceLine returns the chart file line a position names.
func sourceLine(c *Chart, p lint.Pos) string {
	rel := strings.TrimPrefix(p.File, c.Dir+"/")
	lines := strings.Split(string(c.Sources[rel]), "\n")
	if p.Line < 1 || p.Line > len(lines) {
		return ""
	}
	return lines[p.Line-1]
}
