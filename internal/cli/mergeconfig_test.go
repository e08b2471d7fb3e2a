package cli

import (
	"reflect"
	"testing"

	"github.com/envlint/envlint/internal/lint"
)

// TestMergeConfig_EveryField: merging the Python config into the Go one
// keeps every list the readers fill; a field added to lint.Config and
// forgotten here would silently drop what a reader found (a dynamic read
// that makes coverage incomplete, say).
func TestMergeConfig_EveryField(t *testing.T) {
	src := &lint.Config{}
	sv := reflect.ValueOf(src).Elem()
	for i := range sv.NumField() {
		f := sv.Field(i)
		if f.Kind() != reflect.Slice {
			t.Fatalf("lint.Config.%s is not a list: teach mergeConfig and this test about it", sv.Type().Field(i).Name)
		}
		f.Set(reflect.MakeSlice(f.Type(), 1, 1))
	}
	dst := &lint.Config{}
	mergeConfig(&dst, src)
	dv := reflect.ValueOf(dst).Elem()
	for i := range dv.NumField() {
		if n := dv.Field(i).Len(); n != 1 {
			t.Errorf("mergeConfig keeps %d of lint.Config.%s, want 1", n, dv.Type().Field(i).Name)
		}
	}
}
