package gostruct

import (
	"fmt"
	"strings"
	"testing"
)

// fanOut is a config whose structs each hold width fields of the next
// level, depth levels deep: width^depth keys from a file of a few KB.
func fanOut(lib string, width, depth int) string {
	var b strings.Builder
	switch lib {
	case "caarlos0":
		b.WriteString("package main\n\nimport \"github.com/caarlos0/env/v11\"\n\n")
	case "kelseyhightower":
		b.WriteString("package main\n\nimport \"github.com/kelseyhightower/envconfig\"\n\n")
	}
	for l := range depth {
		fmt.Fprintf(&b, "type L%d struct {\n", l)
		for i := range width {
			if l == depth-1 {
				fmt.Fprintf(&b, "\tF%d string `env:\"F%d\"`\n", i, i)
			} else {
				fmt.Fprintf(&b, "\tF%d L%d `envPrefix:\"F%d_\"`\n", i, l+1, i)
			}
		}
		b.WriteString("}\n\n")
	}
	switch lib {
	case "caarlos0":
		b.WriteString("func main() {\n\tvar c L0\n\t_ = env.Parse(&c)\n}\n")
	case "kelseyhightower":
		b.WriteString("func main() {\n\tvar c L0\n\tenvconfig.MustProcess(\"app\", &c)\n}\n")
	}
	return b.String()
}

// TestRead_NestingCapped: 8 fields x 7 levels took a minute and 5.7 GB.
// The walk stops at maxFieldsPerRoot with one positioned problem, and the
// keys stay under the cap.
func TestRead_NestingCapped(t *testing.T) {
	for _, lib := range []string{"caarlos0", "kelseyhightower"} {
		t.Run(lib, func(t *testing.T) {
			src := fanOut(lib, 8, 7)
			if len(src) > 4096 {
				t.Fatalf("the input is %d bytes, want a small file", len(src))
			}
			dir := t.TempDir()
			writeFile(t, dir, "go.mod", "module example.com/m\n")
			writeFile(t, dir, "main.go", src)
			c := Read(dir, []string{"main.go"}, nil, Options{})
			if len(c.Keys) == 0 || len(c.Keys) > maxFieldsPerRoot {
				t.Errorf("%d keys, want some and at most %d", len(c.Keys), maxFieldsPerRoot)
			}
			var capped []string
			for _, u := range c.Unresolved {
				if strings.Contains(u.Msg, "expands to more than") {
					capped = append(capped, u.Pos.String()+": "+u.Msg)
					if u.Pos.File != "main.go" || u.Pos.Line < 1 {
						t.Errorf("problem not positioned: %v", u.Pos)
					}
				}
			}
			if len(capped) != 1 {
				t.Errorf("want one cap problem, got %q", capped)
			}
			// Below the cap nothing is cut: 4^5 = 1,024 keys.
			writeFile(t, dir, "main.go", fanOut(lib, 4, 5))
			if c := Read(dir, []string{"main.go"}, nil, Options{}); len(c.Keys) != 1024 || len(c.Unresolved) != 0 {
				t.Errorf("4x5: %d keys, unresolved %v; want 1024 and none", len(c.Keys), c.Unresolved)
			}
		})
	}
}
