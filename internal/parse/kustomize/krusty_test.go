package kustomize

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	syaml "sigs.k8s.io/yaml"
)

// krustyEnv is the oracle: it builds an overlay with krusty straight from
// the disk (no envlint reader, no in-memory copy, no origin annotations),
// decodes each object with the Kubernetes API types, and returns the
// environment variable names of every container, by
// "<Kind>/<name>/<container>": env entries, and the keys of the ConfigMaps
// and Secrets of the same output that envFrom loads, with their prefix.
// prefixes are the envFrom prefixes met.
func krustyEnv(t *testing.T, dir string) (env map[string][]string, prefixes []string) {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer quiet()() // deprecation warnings of the fixtures' deprecated fields
	m, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(filesys.MakeFsOnDisk(), abs)
	if err != nil {
		t.Fatalf("krusty: %v", err)
	}
	data := map[string][]string{} // ConfigMap/Secret name -> keys
	type pod struct {
		id   string
		spec corev1.PodSpec
	}
	var pods []pod
	for _, r := range m.Resources() {
		y, err := r.AsYAML()
		if err != nil {
			t.Fatal(err)
		}
		decode := func(obj any) {
			t.Helper()
			if err := syaml.UnmarshalStrict(y, obj); err != nil {
				t.Fatalf("decode %s/%s: %v", r.GetKind(), r.GetName(), err)
			}
		}
		id := r.GetKind() + "/" + r.GetName()
		switch r.GetKind() {
		case "ConfigMap":
			var cm corev1.ConfigMap
			decode(&cm)
			for k := range cm.Data {
				data["cm/"+cm.Name] = append(data["cm/"+cm.Name], k)
			}
		case "Secret":
			var s corev1.Secret
			decode(&s)
			for k := range s.Data {
				data["secret/"+s.Name] = append(data["secret/"+s.Name], k)
			}
			for k := range s.StringData {
				data["secret/"+s.Name] = append(data["secret/"+s.Name], k)
			}
		case "Deployment":
			var d appsv1.Deployment
			decode(&d)
			pods = append(pods, pod{id, d.Spec.Template.Spec})
		case "Job":
			var j batchv1.Job
			decode(&j)
			pods = append(pods, pod{id, j.Spec.Template.Spec})
		case "CronJob":
			var c batchv1.CronJob
			decode(&c)
			pods = append(pods, pod{id, c.Spec.JobTemplate.Spec.Template.Spec})
		}
	}
	env = map[string][]string{}
	for _, p := range pods {
		for _, c := range slices.Concat(p.spec.InitContainers, p.spec.Containers) {
			var names []string
			for _, e := range c.Env {
				names = append(names, e.Name)
			}
			for _, ef := range c.EnvFrom {
				var keys []string
				switch {
				case ef.ConfigMapRef != nil:
					keys = data["cm/"+ef.ConfigMapRef.Name]
				case ef.SecretRef != nil:
					keys = data["secret/"+ef.SecretRef.Name]
				}
				if ef.Prefix != "" {
					prefixes = append(prefixes, ef.Prefix)
				}
				for _, k := range keys {
					names = append(names, ef.Prefix+k)
				}
			}
			slices.Sort(names)
			env[p.id+"/"+c.Name] = slices.Compact(names)
		}
	}
	return env, prefixes
}

// TestDifferentialKrusty compares, on every overlay of the fixture trees,
// the variables envlint reads per container with those in krusty's own
// output decoded by the Kubernetes types, and checks that each key is
// positioned on a source line that writes its name.
func TestDifferentialKrusty(t *testing.T) {
	trees, _ := filepath.Glob("testdata/diff/*")
	if len(trees) == 0 {
		t.Fatal("no fixture trees")
	}
	overlays := 0
	for _, root := range trees {
		var ks []*Kustomization
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && IsKustomization(d.Name()) {
				rel, _ := filepath.Rel(root, p)
				data, _ := os.ReadFile(p)
				ks = append(ks, Read(filepath.ToSlash(rel), data))
			}
			return nil
		})
		fsys := os.DirFS(root)
		read := func(p string) ([]byte, error) { return fs.ReadFile(fsys, p) }
		for _, dir := range Roots(ks) {
			overlays++
			t.Run(root+"/"+dir, func(t *testing.T) {
				want, prefixes := krustyEnv(t, filepath.Join(root, dir))
				o := Build(read, dir)
				if len(o.Errors)+len(o.Uncovered) > 0 {
					t.Fatal(o.Errors, o.Uncovered)
				}
				res := Manifest(o, nil)
				got := map[string][]string{}
				for _, tg := range res.Targets {
					if tg.Environment != filepath.Base(dir) {
						t.Errorf("%s: environment %q", tg.Name, tg.Environment)
					}
					id := tg.Kind + "/" + tg.Workload + "/" + tg.Container
					var names []string
					for _, k := range tg.Keys {
						names = append(names, k.Name)
						line := sourceLine(t, fsys, k.Pos.File, k.Pos.Line)
						bare := k.Name
						for _, p := range prefixes {
							bare = strings.TrimPrefix(bare, p)
						}
						if !strings.Contains(line, bare) {
							t.Errorf("%s: %s positioned at %s, whose line %q does not write it", id, k.Name, k.Pos, line)
						}
					}
					slices.Sort(names)
					got[id] = names
				}
				if d := cmp.Diff(want, got); d != "" {
					t.Errorf("env per container (-krusty +envlint):\n%s", d)
				}
			})
		}
	}
	if overlays < 3 {
		t.Errorf("only %d overlays", overlays)
	}
}

func sourceLine(t *testing.T, fsys fs.FS, file string, line int) string {
	t.Helper()
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		t.Errorf("position in %s: %v", file, err)
		return ""
	}
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		t.Errorf("position %s:%d outside the file", file, line)
		return ""
	}
	return lines[line-1]
}
