package gostruct

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseGoMod(t *testing.T) {
	dir := filepath.FromSlash("/repo/svc")
	tests := []struct {
		name     string
		data     string
		path     string
		replaces map[string]string
	}{
		{
			name: "block and single replaces; versioned ones are modules, not directories",
			data: "module example.com/svc // trailing comment\n\ngo 1.26\n\nreplace (\n\texample.com/a => ../a\n\texample.com/b v1.0.0 => ./b\n\texample.com/c => example.com/fork v1.2.3\n)\nreplace example.com/d => /abs/d\n",
			path: "example.com/svc",
			replaces: map[string]string{
				"example.com/a": filepath.FromSlash("/repo/a"),
				"example.com/b": filepath.FromSlash("/repo/svc/b"),
				"example.com/d": filepath.FromSlash("/abs/d"),
			},
		},
		{
			name:     "quoted module path",
			data:     "module \"example.com/q\"\n",
			path:     "example.com/q",
			replaces: map[string]string{},
		},
		{
			name:     "a go.mod the go command rejects still names its module",
			data:     "module example.com/broken\n\nrequire (\n",
			path:     "example.com/broken",
			replaces: map[string]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := parseGoMod(dir, []byte(tt.data))
			if m.path != tt.path {
				t.Errorf("path = %q, want %q", m.path, tt.path)
			}
			if diff := cmp.Diff(tt.replaces, m.replaces); diff != "" {
				t.Errorf("replaces (-want +got):\n%s", diff)
			}
		})
	}
}
