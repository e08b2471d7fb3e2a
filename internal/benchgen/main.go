// Command benchgen writes a synthetic Go monorepo for envlint's benchmark:
// a few services, each with a config package read by one of the four
// supported libraries, a .env.example and a Vault template, surrounded by
// many unrelated packages that envlint should barely touch.
//
//	go run ./internal/benchgen -out /tmp/mono -services 20 -unrelated 2000
//
// The tree is a pure function of the flags, so two runs compare like with
// like, and it lints clean: every finding envlint prints on it is a bug in
// the generator or in envlint.
package main

import (
	"flag"
	"fmt"
	goformat "go/format"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	out := flag.String("out", "", "directory to write the tree into (must not exist, or be empty)")
	services := flag.Int("services", 20, "number of services")
	unrelated := flag.Int("unrelated", 2000, "number of unrelated Go packages")
	files := flag.Int("files", 5, "Go files per unrelated package")
	seed := flag.Uint64("seed", 1, "seed for the file contents")
	flag.Parse()
	if *out == "" || *services < 0 || *unrelated < 0 || *files < 1 {
		flag.Usage()
		os.Exit(2)
	}
	g := &gen{out: *out, rnd: rand.New(rand.NewPCG(*seed, 0))}
	if err := g.tree(*services, *unrelated, *files); err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(1)
	}
	fmt.Printf("%s: %d services, %d unrelated packages, %d Go files, %d bytes of Go\n",
		*out, *services, *unrelated, g.goFiles, g.goBytes)
}

type gen struct {
	out     string
	rnd     *rand.Rand
	goFiles int
	goBytes int64
	err     error
}

const module = "example.com/mono"

func (g *gen) write(rel, content string) {
	if g.err != nil {
		return
	}
	g.writeRaw(rel, content, strings.HasSuffix(rel, ".go"))
}

// writeRaw writes a file, first through gofmt when format is set; the
// unrelated packages come out of templates already formatted, and
// formatting 50,000 of them would dominate the benchmark's run time.
func (g *gen) writeRaw(rel, content string, format bool) {
	abs := filepath.Join(g.out, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		g.err = err
		return
	}
	if format {
		src, err := goformat.Source([]byte(content))
		if err != nil {
			g.err = fmt.Errorf("%s: %v", rel, err)
			return
		}
		content = string(src)
	}
	if strings.HasSuffix(rel, ".go") {
		g.goFiles++
		g.goBytes += int64(len(content))
	}
	g.err = os.WriteFile(abs, []byte(content), 0o644)
}

func (g *gen) tree(services, unrelated, files int) error {
	if entries, err := os.ReadDir(g.out); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", g.out)
	}
	g.write("go.mod", "module "+module+"\n\ngo 1.26\n")
	g.write(".gitignore", "/bin/\n*.log\n")
	for i := range services {
		g.service(i)
	}
	// Unrelated packages: half inside services (their handlers, stores and
	// clients), half in shared libraries that no component owns.
	for i := range unrelated {
		var dir string
		if services > 0 && i%2 == 0 {
			dir = fmt.Sprintf("services/%s/internal/%s", svcName(i/2%services), pkgName(i))
		} else {
			dir = fmt.Sprintf("libs/%s/%s", areas[i%len(areas)], pkgName(i))
		}
		g.pkg(dir, pkgName(i), files)
	}
	return g.err
}

var areas = []string{"auth", "billing", "catalog", "events", "geo", "httpx", "metrics", "search", "storage", "text"}

func svcName(i int) string { return fmt.Sprintf("svc%03d", i) }
func pkgName(i int) string { return fmt.Sprintf("pkg%05d", i) }

// lib is one of the four libraries, with how it spells each tag.
type lib struct {
	path, call string
	// field renders a leaf field's tag: key, default ("" for none), required.
	field func(key, def string, required bool) string
	// nested renders the tag of a nested struct field with a key prefix.
	nested func(prefix string) string
	// key is the variable name a leaf's key becomes (kelseyhightower
	// prefixes it with the Process prefix and derives it from the name).
	key func(svc, prefix, key string) string
}

var libs = []lib{
	{
		path: "github.com/caarlos0/env/v11",
		call: "\tif err := env.Parse(&cfg); err != nil {\n\t\tlog.Fatal(err)\n\t}\n",
		field: func(key, def string, req bool) string {
			t := `env:"` + key
			if req {
				t += ",required"
			}
			t += `"`
			if def != "" {
				t += ` envDefault:"` + def + `"`
			}
			return t
		},
		nested: func(p string) string { return `envPrefix:"` + p + `_"` },
		key:    func(_, p, k string) string { return join(p, k) },
	},
	{
		path: "github.com/kelseyhightower/envconfig",
		call: "\tenvconfig.MustProcess(%q, &cfg)\n",
		field: func(_, def string, req bool) string {
			t := `split_words:"true"`
			if def != "" {
				t += ` default:"` + def + `"`
			}
			if req {
				t += ` required:"true"`
			}
			return t
		},
		nested: func(string) string { return `split_words:"true"` },
		key:    func(svc, p, k string) string { return strings.ToUpper(svc) + "_" + join(p, k) },
	},
	{
		path: "github.com/sethvargo/go-envconfig",
		call: "\tif err := envconfig.Process(context.Background(), &cfg); err != nil {\n\t\tlog.Fatal(err)\n\t}\n",
		field: func(key, def string, req bool) string {
			t := `env:"` + key
			if req {
				t += ", required"
			}
			if def != "" {
				t += ", default=" + def
			}
			return t + `"`
		},
		nested: func(p string) string { return `env:", prefix=` + p + `_"` },
		key:    func(_, p, k string) string { return join(p, k) },
	},
	{
		path: "github.com/ilyakaznacheev/cleanenv",
		call: "\tif err := cleanenv.ReadEnv(&cfg); err != nil {\n\t\tlog.Fatal(err)\n\t}\n",
		field: func(key, def string, req bool) string {
			t := `env:"` + key + `"`
			if def != "" {
				t += ` env-default:"` + def + `"`
			}
			if req {
				t += ` env-required:"true"`
			}
			return t
		},
		nested: func(p string) string { return `env-prefix:"` + p + `_"` },
		key:    func(_, p, k string) string { return join(p, k) },
	},
}

func join(p, k string) string {
	if p == "" {
		return k
	}
	return p + "_" + k
}

// leaf is one config field.
type leaf struct {
	field, key, typ, def, example string
	secret                        bool // required, from Vault
}

// group is one nested struct of the config.
type group struct {
	field, prefix string
	leaves        []leaf
}

var groups = []group{
	{"", "", []leaf{
		{"Port", "PORT", "int", "8080", "8080", false},
		{"LogLevel", "LOG_LEVEL", "string", "info", "debug", false},
		{"ShutdownTimeout", "SHUTDOWN_TIMEOUT", "time.Duration", "15s", "15s", false},
	}},
	{"Database", "DATABASE", []leaf{
		{"URL", "URL", "string", "", "", true},
		{"MaxConns", "MAX_CONNS", "int", "10", "10", false},
		{"Password", "PASSWORD", "string", "", "", true},
	}},
	{"Cache", "CACHE", []leaf{
		{"Addr", "ADDR", "string", "localhost:6379", "localhost:6379", false},
		{"TTL", "TTL", "time.Duration", "5m", "5m", false},
	}},
	{"Queue", "QUEUE", []leaf{
		{"URL", "URL", "string", "", "", true},
		{"Workers", "WORKERS", "int", "4", "4", false},
		{"Verbose", "VERBOSE", "bool", "false", "false", false},
	}},
}

func (g *gen) service(i int) {
	name := svcName(i)
	l := libs[i%len(libs)]
	base := "services/" + name
	var cfg, example, tmpl strings.Builder
	fmt.Fprintf(&cfg, "// Package config holds %s's settings, read from the environment.\npackage config\n\n", name)
	cfg.WriteString("import \"time\"\n\n// Config is everything the service reads at start-up.\ntype Config struct {\n")
	for _, gr := range groups[1:] {
		fmt.Fprintf(&cfg, "\t%s %s `%s`\n", gr.field, gr.field, l.nested(gr.prefix))
	}
	fmt.Fprintf(&example, "# %s — copy to .env for local development.\n", name)
	fmt.Fprintf(&tmpl, "{{ with secret \"secret/data/mono/%s\" }}\n", name)
	for gi, gr := range groups {
		if gi > 0 {
			fmt.Fprintf(&cfg, "}\n\n// %s configures the %s.\ntype %s struct {\n", gr.field, strings.ToLower(gr.field), gr.field)
		}
		for _, lf := range gr.leaves {
			fmt.Fprintf(&cfg, "\t%s %s `%s`\n", lf.field, lf.typ, l.field(lf.key, lf.def, lf.secret))
			key := l.key(name, gr.prefix, lf.key)
			if lf.secret {
				fmt.Fprintf(&example, "%s= # [VAULT]\n", key)
				fmt.Fprintf(&tmpl, "%s={{ .Data.data.%s }}\n", key, strings.ToLower(key))
			} else {
				fmt.Fprintf(&example, "%s=%s\n", key, lf.example)
			}
		}
	}
	cfg.WriteString("}\n")
	tmpl.WriteString("{{ end }}\n")
	// A direct os.Getenv read beside the struct, as services often have.
	feature := strings.ToUpper(name) + "_FEATURES"
	fmt.Fprintf(&example, "# Comma-separated feature flags\n%s=\n", feature)

	call := l.call
	if strings.Contains(call, "%q") {
		call = fmt.Sprintf(call, name)
	}
	pkgAlias := filepath.Base(l.path)
	imp := fmt.Sprintf("\t%q\n", l.path)
	if pkgAlias == "v11" {
		imp = fmt.Sprintf("\tenv %q\n", l.path)
	}
	ctx := ""
	if strings.Contains(call, "context.") {
		ctx = "\t\"context\"\n"
	}
	main := fmt.Sprintf(`// Command %[1]s serves part of the shop.
package main

import (
%[2]s	"log"
	"os"
	"strings"

%[3]s
	"%[4]s/%[5]s/internal/config"
)

func main() {
	var cfg config.Config
%[6]s	features := strings.Split(os.Getenv(%[7]q), ",")
	log.Printf("listening on :%%d with %%d features", cfg.Port, len(features))
}
`, name, ctx, imp, module, base, call, feature)
	g.write(base+"/.env.example", example.String())
	g.write(base+"/deploy/secrets.ctmpl", tmpl.String())
	g.write(base+"/internal/config/config.go", cfg.String())
	g.write(base+"/cmd/"+name+"/main.go", main)
}

// pkg writes one unrelated package of realistic size: types, methods and
// functions over the standard library. About one file in eight imports os
// (for files and standard streams, not the environment).
func (g *gen) pkg(dir, name string, files int) {
	for f := range files {
		var b strings.Builder
		usesOS := g.rnd.IntN(8) == 0
		if f == 0 {
			fmt.Fprintf(&b, "// Package %s is part of the shop's shared code.\n", name)
		}
		fmt.Fprintf(&b, "package %s\n\nimport (\n\t\"context\"\n\t\"errors\"\n\t\"fmt\"\n", name)
		if usesOS {
			b.WriteString("\t\"os\"\n")
		}
		b.WriteString("\t\"sort\"\n\t\"strings\"\n\t\"sync\"\n)\n\n")
		typ := fmt.Sprintf("Item%d", f)
		fmt.Fprintf(&b, `// %[1]s is one record this package keeps.
type %[1]s struct {
	ID       string
	Name     string
	Tags     []string
	Weight   int
	Children map[string]*%[1]s
}

// %[1]sStore keeps %[1]s values in memory.
type %[1]sStore struct {
	mu    sync.Mutex
	items map[string]*%[1]s
}

// Err%[1]sNotFound is returned for an unknown id.
var Err%[1]sNotFound = errors.New("%[2]s: %[1]s not found")

// New%[1]sStore returns an empty store.
func New%[1]sStore() *%[1]sStore {
	return &%[1]sStore{items: map[string]*%[1]s{}}
}
`, typ, name)
		for m := range 2 + g.rnd.IntN(4) {
			fmt.Fprintf(&b, `
// Op%[2]d applies operation %[2]d to the item with the given id.
func (s *%[1]sStore) Op%[2]d(ctx context.Context, id string, limit int) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("op%[2]d %%s: %%w", id, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.items[id]
	if !ok {
		return nil, Err%[1]sNotFound
	}
	var out []string
	for _, t := range it.Tags {
		if strings.HasPrefix(t, "%[3]s") || len(out) >= limit {
			continue
		}
		out = append(out, strings.ToLower(t)+fmt.Sprint(it.Weight*%[2]d))
	}
	for k, c := range it.Children {
		if c.Weight > %[4]d {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out, nil
}
`, typ, m, string(rune('a'+m)), g.rnd.IntN(100))
		}
		if usesOS {
			fmt.Fprintf(&b, `
// Dump%[1]s writes the store's ids to a file, or to standard error.
func (s *%[1]sStore) Dump%[1]s(path string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []string
	for id := range s.items {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if path == "" {
		_, err := fmt.Fprintln(os.Stderr, strings.Join(ids, "\n"))
		return err
	}
	return os.WriteFile(path, []byte(strings.Join(ids, "\n")), 0o644)
}
`, typ)
		}
		g.writeRaw(fmt.Sprintf("%s/%s.go", dir, strings.ToLower(typ)), b.String(), false)
	}
}
