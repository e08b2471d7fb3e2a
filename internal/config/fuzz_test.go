package config

import (
	"errors"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "components: []\n", "rules:\n  duplicate-key: warning\n",
		"components:\n  - name: a\n    config: {dir: x, struct: C, library: caarlos0}\n    vault: ['**/*.ctmpl']\n",
		"config:\n  - {dir: x, struct: C, library: sethvargo}\nexample: [.env]\n",
		"components: [\n", "\xff\xfe", "a: &a [*a]\n", "components:\n  - name: a\n    delims: [x]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("f.yaml", data, func(id string) bool { return id == "duplicate-key" })
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "f.yaml" || e.Line < 0 {
				t.Fatalf("error %v is not a positioned *Error", err)
			}
			return
		}
		for _, c := range cfg.Components {
			for _, s := range c.Config {
				if s.Struct == "" {
					t.Fatalf("component %q accepted without struct", c.Name)
				}
			}
		}
	})
}
