package ctmpl

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// TestParse_Linear checks that the walk's work grows with the template,
// not with the number of paths through it: long else-if chains and values
// with many optional segments are read in one visit of each node (plus a
// bounded overhead), with at most maxStates paths at once and well under
// 100 MB allocated, and never turn into a dynamic key.
func TestParse_Linear(t *testing.T) {
	chain := func(n int) string {
		var b strings.Builder
		b.WriteString("{{ with secret \"secret/data/app\" }}{{ if eq (env \"X\") \"v0\" }}\nK0={{ .Data.data.a }}\n")
		for i := 1; i < n; i++ {
			fmt.Fprintf(&b, "{{ else if eq (env \"X\") \"v%d\" }}\nK%d={{ .Data.data.a }}\n", i, i)
		}
		b.WriteString("{{ end }}{{ end }}\n")
		return b.String()
	}
	segments := func(n int) string {
		var b strings.Builder
		b.WriteString("{{ with secret \"secret/data/app\" }}K={{ .Data.data.a }}")
		for i := range n {
			fmt.Fprintf(&b, "{{ if .Data.data.f%d }}-x{{ .Data.data.f%d }}{{ end }}{{ if env \"E%d\" }}:{{ end }}", i, i, i)
		}
		b.WriteString("\nB=1\n{{ end }}\n")
		return b.String()
	}
	keys := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "{{ if env \"E\" }}K%d={{ env \"V\" }}\n{{ end }}", i)
		}
		return b.String()
	}
	tests := []struct {
		name string
		src  string
		keys int
	}{
		{"20,000 else-if arms", chain(20_000), 20_000},
		{"200 optional segments in one value", segments(200), 2},
		{"10,000 conditional keys", keys(10_000), 10_000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			got, w := parseWalk("t.ctmpl", []byte(tt.src), Options{})
			steps, nodes, peak := w.steps, w.nodes, w.peak
			w = nil
			runtime.GC()
			runtime.ReadMemStats(&after)
			live := int64(after.HeapAlloc) - int64(before.HeapAlloc)
			runtime.KeepAlive(got)
			if len(got.Errors) > 0 || len(got.Dynamic) > 0 {
				t.Fatalf("errors %v, dynamic %v", got.Errors, got.Dynamic)
			}
			if len(got.Keys) != tt.keys {
				t.Errorf("%d keys, want %d", len(got.Keys), tt.keys)
			}
			if steps > nodes {
				t.Errorf("%d steps for %d nodes: the walk is not linear", steps, nodes)
			}
			if peak > maxStates {
				t.Errorf("%d paths at once", peak)
			}
			// What the result and the walk keep is well under 100 MB; what
			// they allocate on the way (two parses of a megabyte of
			// template included) stays within a small multiple of it.
			if mb := live >> 20; mb > 100 {
				t.Errorf("%d MB kept", mb)
			}
			if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > 500 {
				t.Errorf("%d MB allocated", mb)
			}
			t.Logf("%d nodes, %d steps, %d paths at most, %d MB kept, %d MB allocated",
				nodes, steps, peak, live>>20, (after.TotalAlloc-before.TotalAlloc)>>20)
		})
	}
}
