package ctmpl

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParse reads a large but ordinary template: 50 secrets of 20
// keys each, with the usual env and default helpers.
func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	for s := range 50 {
		fmt.Fprintf(&sb, "{{- with secret \"secret/data/shop/prod/svc%d\" }}\n", s)
		for k := range 20 {
			fmt.Fprintf(&sb, "SVC%d_KEY%d={{ .Data.data.key%d }}\n", s, k, k)
		}
		sb.WriteString("{{- end }}\n")
		fmt.Fprintf(&sb, "SVC%d_REGION={{ env \"REGION\" | toLower }}\n", s)
	}
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		t := Parse("secrets.ctmpl", src, Options{})
		if len(t.Keys) != 50*21 || len(t.Errors) != 0 {
			b.Fatalf("%d keys, errors %v", len(t.Keys), t.Errors)
		}
	}
}
