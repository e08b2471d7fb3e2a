package kube

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
)

// TestDifferential decodes every fixture the way kubectl does (the
// apimachinery YAML reader splits the stream, the universal deserializer
// decodes each document into the registered API types, a v1 List's items
// in turn) and checks that Parse finds the same containers with the same
// env names, envFrom sources and ConfigMap keys, and that every position
// it reports points at a line that holds that name.
func TestDifferential(t *testing.T) {
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{corev1.AddToScheme, appsv1.AddToScheme, batchv1.AddToScheme} {
		if err := add(scheme); err != nil {
			t.Fatal(err)
		}
	}
	decoder := serializer.NewCodecFactory(scheme).UniversalDeserializer()
	paths, _ := filepath.Glob("testdata/*.yaml")
	if len(paths) < 2 {
		t.Fatal("no fixtures")
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string][]string{}   // container -> env names, then envFrom sources
			annotations := map[string]int{} // workload -> agent-inject-template-* annotations
			wantCM := map[string][]string{}
			var decode func(data []byte)
			decode = func(data []byte) {
				obj, _, err := decoder.Decode(data, nil, nil)
				if err != nil {
					t.Fatalf("the real decoder rejects a fixture document: %v", err)
				}
				var name string
				var spec *corev1.PodSpec
				switch o := obj.(type) {
				case *corev1.List:
					for _, it := range o.Items {
						decode(it.Raw)
					}
					return
				case *corev1.ConfigMap:
					for k := range o.Data {
						wantCM[o.Name] = append(wantCM[o.Name], k)
					}
					return
				case *appsv1.Deployment:
					name, spec = "Deployment/"+o.Name, &o.Spec.Template.Spec
				case *appsv1.StatefulSet:
					name, spec = "StatefulSet/"+o.Name, &o.Spec.Template.Spec
				case *appsv1.DaemonSet:
					name, spec = "DaemonSet/"+o.Name, &o.Spec.Template.Spec
				case *appsv1.ReplicaSet:
					name, spec = "ReplicaSet/"+o.Name, &o.Spec.Template.Spec
				case *corev1.ReplicationController:
					name, spec = "ReplicationController/"+o.Name, &o.Spec.Template.Spec
				case *batchv1.Job:
					name, spec = "Job/"+o.Name, &o.Spec.Template.Spec
				case *batchv1.CronJob:
					name, spec = "CronJob/"+o.Name, &o.Spec.JobTemplate.Spec.Template.Spec
				case *corev1.Pod:
					name, spec = "Pod/"+o.Name, &o.Spec
				default:
					return
				}
				for k := range podAnnotations(obj) {
					if strings.HasPrefix(k, "vault.hashicorp.com/agent-inject-template-") && !strings.HasPrefix(k, "vault.hashicorp.com/agent-inject-template-file-") {
						annotations[name]++
					}
				}
				for _, c := range append(append([]corev1.Container{}, spec.InitContainers...), spec.Containers...) {
					key := name + "/" + c.Name
					want[key] = []string{}
					for _, e := range c.Env {
						want[key] = append(want[key], e.Name)
					}
					for _, ef := range c.EnvFrom {
						switch {
						case ef.ConfigMapRef != nil:
							want[key] = append(want[key], "configmap:"+ef.ConfigMapRef.Name)
						case ef.SecretRef != nil:
							want[key] = append(want[key], "secret:"+ef.SecretRef.Name)
						}
					}
				}
			}
			r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(src)))
			for {
				doc, err := r.Read()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if len(bytes.TrimSpace(stripComments(doc))) > 0 {
					decode(doc)
				}
			}

			if len(want) == 0 {
				t.Fatal("the fixture holds no container")
			}
			m := Parse("f.yaml", src)
			if len(m.Errors) > 0 {
				t.Fatalf("Parse reports errors the real decoder does not: %v", m.Errors)
			}
			got := map[string][]string{}
			lines := strings.Split(string(src), "\n")
			for _, tg := range m.Targets {
				key := strings.TrimPrefix(tg.Name, "f.yaml#")
				got[key] = []string{}
				for _, k := range tg.Keys {
					got[key] = append(got[key], k.Name)
					checkAt(t, lines, k.Pos.Line, k.Pos.Col, k.Name)
				}
				for _, ef := range tg.EnvFrom {
					got[key] = append(got[key], string(ef.Source)+":"+ef.Name)
					checkAt(t, lines, ef.Pos.Line, ef.Pos.Col, ef.Name)
				}
				checkAt(t, lines, tg.Pos.Line, tg.Pos.Col, tg.Container)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("containers and their env (-real decoder +Parse):\n%s", d)
			}
			// Injector templates: the annotations the real decoder sees,
			// and every key positioned on a line that renders it.
			wantTmpl, gotTmpl := 0, len(m.Templates)+len(m.Unrendered)
			for _, n := range annotations {
				wantTmpl += n
			}
			if gotTmpl != wantTmpl {
				t.Errorf("%d injector templates, the real decoder's annotations hold %d", gotTmpl, wantTmpl)
			}
			for _, tm := range append(m.Templates, m.Unrendered...) {
				for _, k := range tm.Contents.Keys {
					checkAt(t, lines, k.Pos.Line, k.Pos.Col, k.Name)
				}
			}
			gotCM := map[string][]string{}
			for _, c := range m.ConfigMaps {
				for _, k := range c.Keys {
					gotCM[c.Name] = append(gotCM[c.Name], k.Name)
					checkAt(t, lines, k.Pos.Line, k.Pos.Col, k.Name)
				}
			}
			sortAll := cmp.Transformer("sort", func(s []string) []string {
				s = append([]string(nil), s...)
				slices.Sort(s)
				return s
			})
			if d := cmp.Diff(wantCM, gotCM, sortAll); d != "" {
				t.Errorf("config map keys (-real decoder +Parse):\n%s", d)
			}
		})
	}
}

// podAnnotations returns the annotations of a decoded workload's pod.
func podAnnotations(obj runtime.Object) map[string]string {
	switch o := obj.(type) {
	case *appsv1.Deployment:
		return o.Spec.Template.Annotations
	case *appsv1.StatefulSet:
		return o.Spec.Template.Annotations
	case *appsv1.DaemonSet:
		return o.Spec.Template.Annotations
	case *batchv1.Job:
		return o.Spec.Template.Annotations
	case *batchv1.CronJob:
		return o.Spec.JobTemplate.Spec.Template.Annotations
	case *corev1.Pod:
		return o.Annotations
	}
	return nil
}

// checkAt fails unless the name is written at the line and column (inside
// quotes when quoted), or on the line when the column is unknown.
func checkAt(t *testing.T, lines []string, line, col int, name string) {
	t.Helper()
	if line < 1 || line > len(lines) || col < 0 {
		t.Errorf("%s at %d:%d: outside the file", name, line, col)
		return
	}
	l := lines[line-1]
	if col == 0 { // the line alone is known (a template in an escaped string)
		if !strings.Contains(l, name) {
			t.Errorf("%s at line %d, but the line is %q", name, line, l)
		}
		return
	}
	if col-1 > len(l) || !strings.HasPrefix(strings.TrimLeft(l[col-1:], `"'`), name) {
		t.Errorf("%s at %d:%d, but the line there is %q", name, line, col, l)
	}
}

func stripComments(doc []byte) []byte {
	var out []byte
	for line := range bytes.Lines(doc) {
		if !bytes.HasPrefix(bytes.TrimSpace(line), []byte("#")) {
			out = append(out, line...)
		}
	}
	return out
}
