package pyconfig

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/envlint/envlint/internal/lint"
)

func writeTree(t *testing.T, files map[string]string) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	var rels []string
	for rel, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		rels = append(rels, rel)
	}
	return dir, rels
}

type keyView struct {
	Name     string
	Pos      string
	Field    string
	Type     string
	Required bool
	Default  string
	Source   string
}

func view(cfg *lint.Config) []keyView {
	var out []keyView
	for _, k := range cfg.Keys {
		d := "<none>"
		if k.Default != nil {
			d = *k.Default
		}
		out = append(out, keyView{k.Name, k.Pos.String(), k.Field, k.Type.Name, k.Required, d, k.Source})
	}
	return out
}

// Roots across modules: the base class lives in a shared package, the
// settings class in a file that does not import pydantic at all, and an
// __init__.py re-exports it. Only the leaf class is a root.
func TestConfig_AcrossModules(t *testing.T) {
	dir, files := writeTree(t, map[string]string{
		"libs/common/base.py": "from pydantic_settings import BaseSettings, SettingsConfigDict\n\n\nclass AppBase(BaseSettings):\n    model_config = SettingsConfigDict(env_prefix=\"SHOP_\")\n\n    debug: bool = False\n",
		"svc/app/__init__.py": "from .settings import Settings\n",
		"svc/app/settings.py": "from common.base import AppBase\n\n\nclass Settings(AppBase):\n    port: int\n",
		"svc/app/main.py":     "import os\nfrom os import getenv\n\nTOKEN = os.environ[\"API_TOKEN\"]\nREGION = getenv(\"REGION\", \"eu\")\nos.environ[\"SET_ONLY\"] = \"x\"\n",
		"svc/tests/test_x.py": "import os\nos.getenv(\"TEST_ONLY\")\n",
	})
	idx := NewIndex(dir, files, ReadFile(dir))
	var own []string
	for _, f := range files {
		if strings.HasPrefix(f, "svc/") {
			own = append(own, f)
		}
	}
	cfg := idx.Config(own, nil, Options{Getenv: true})
	if len(cfg.Errors)+len(cfg.Unresolved) > 0 {
		t.Fatalf("problems: %v %v", cfg.Errors, cfg.Unresolved)
	}
	want := []keyView{
		{"SHOP_DEBUG", "libs/common/base.py:7:5", "Settings.debug", "bool", false, "false", "struct"},
		{"SHOP_PORT", "svc/app/settings.py:5:5", "Settings.port", "int", true, "<none>", "struct"},
		{"API_TOKEN", "svc/app/main.py:4:9", "svc.app.main", "str", true, "<none>", "getenv"},
		{"REGION", "svc/app/main.py:5:10", "svc.app.main", "str", false, "eu", "getenv"},
	}
	if d := cmp.Diff(want, view(cfg)); d != "" {
		t.Errorf("keys (-want +got):\n%s", d)
	}
	if len(cfg.Roots) != 1 || cfg.Roots[0].Struct != "Settings" || cfg.Roots[0].Prefix != "SHOP_" {
		t.Errorf("roots = %+v, want Settings with prefix SHOP_", cfg.Roots)
	}
}

// What the reader cannot know is reported where it is written, never guessed.
func TestConfig_Unresolved(t *testing.T) {
	dir, files := writeTree(t, map[string]string{
		"app/s.py": `import os
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def make_base():
    return BaseSettings


class Dynamic(make_base()):
    a: int = 1


class Computed(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=os.getenv("P", ""))
    b: int = 1


class Alias(BaseSettings):
    c: int = Field(1, alias=os.getenv("NAME"))


class Nested(BaseSettings):
    model_config = SettingsConfigDict(env_nested_delimiter="__")
    d: "Forward" = None
`,
	})
	cfg := NewIndex(dir, files, ReadFile(dir)).Config(files, nil, Options{})
	var got []string
	for _, u := range cfg.Unresolved {
		got = append(got, u.Pos.String())
	}
	want := []string{"app/s.py:10:15", "app/s.py:15:50", "app/s.py:20:29", "app/s.py:25:5"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("unresolved positions (-want +got):\n%s\n%v", d, cfg.Unresolved)
	}
}

func TestConfig_SyntaxError(t *testing.T) {
	dir, files := writeTree(t, map[string]string{
		"a.py": "from pydantic_settings import BaseSettings\n\nclass S(BaseSettings):\n    x: int = (1,\n",
		"b.py": "x = (\n", // no config in it: not reported
	})
	cfg := NewIndex(dir, files, ReadFile(dir)).Config(files, nil, Options{})
	if len(cfg.Errors) != 1 || cfg.Errors[0].Pos.String() != "a.py:4:14" {
		t.Errorf("errors = %v, want one at a.py:4:14", cfg.Errors)
	}
}
