// Package config loads .envlint.yaml, the optional file that overrides
// envlint's zero-config discovery: components, their config structs,
// templates and example files, and per-rule severities.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/envlint/envlint/internal/lint"
)

// DefaultFile is the config file envlint reads when --config is not given.
const DefaultFile = ".envlint.yaml"

// Names are the config file names envlint looks for, in -C and then in each
// parent up to the repository root.
var Names = []string{DefaultFile, ".envlint.yml"}

// File is the parsed content of .envlint.yaml.
type File struct {
	Components []Component
	// Rules overrides the default severity of rules by id.
	Rules map[string]lint.Severity
	// Infra are globs of infrastructure keys (infra:), which must never
	// reach a service; nil means the default, DefaultInfra.
	Infra []string
	// KubernetesSecrets lists the keys of Kubernetes Secrets the repository
	// does not hold (kubernetes_secrets:), by Secret name or
	// "namespace/name", for containers that load them with envFrom.
	KubernetesSecrets map[string][]string
	// VaultPath is the secret path convention (vault_path:), with
	// {project}, {env} and {component} placeholders; "" for none.
	VaultPath string
}

// DefaultInfra are the infrastructure keys when infra: is not written.
var DefaultInfra = []string{"*_ROOT_TOKEN"}

// InfraGlobs returns the infrastructure key globs in effect.
func (f *File) InfraGlobs() []string {
	if f.Infra == nil {
		return DefaultInfra
	}
	return f.Infra
}

// Component is one service: its example files, templates and Go config.
type Component struct {
	Name string `yaml:"name"`
	// Dir is the component's directory, relative to the root: it owns the
	// Go files below it. It defaults to the directory of the first example file.
	Dir         string     `yaml:"dir"`
	Config      Structs    `yaml:"config"`
	Vault       []string   `yaml:"vault"`
	VaultGroups [][]string `yaml:"vault_groups"`
	Example     []string   `yaml:"example"`
	Ignore      []string   `yaml:"ignore"`
	// Commented is "documented" (the default) or "ignore".
	Commented   string   `yaml:"commented"`
	Getenv      *bool    `yaml:"getenv"`
	GetenvFuncs []string `yaml:"getenv_funcs"`
	Delims      []string `yaml:"delims"`
	// Deploy lists the component's deployment targets: a compose service
	// ("docker-compose.yml#api"), a Dockerfile, or a glob of them. When
	// set, it replaces linking by build context.
	Deploy []string `yaml:"deploy"`
	// Environments names deployment environments whose targets (and the
	// templates rendered for them) differ.
	Environments map[string]Environment `yaml:"environments"`
	// Line is where the component is written, for messages.
	Line int `yaml:"-"`
}

// Environment is one deployment environment of a component: its targets,
// and the templates Vault renders for them there.
type Environment struct {
	Deploy []string `yaml:"deploy"`
	Vault  []string `yaml:"vault"`
}

// Struct names a root config struct.
type Struct struct {
	Dir     string `yaml:"dir"`
	Struct  string `yaml:"struct"`
	Library string `yaml:"library"`
	Prefix  string `yaml:"prefix"`
	Line    int    `yaml:"-"`
}

// GetenvEnabled reports whether direct os.Getenv reads count as config keys.
func (c *Component) GetenvEnabled() bool { return c.Getenv == nil || *c.Getenv }

// CommentedDocuments reports whether `# KEY=value` lines document KEY.
func (c *Component) CommentedDocuments() bool { return c.Commented != "ignore" }

// Error is a problem in the config file, with the line it is on.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

type rawFile struct {
	Components []Component `yaml:"components"`
	Rules      yaml.Node   `yaml:"rules"`
	Infra      []string    `yaml:"infra"`
	VaultPath  string      `yaml:"vault_path"`
	// KubernetesSecrets: see File.
	KubernetesSecrets map[string][]string `yaml:"kubernetes_secrets"`
	// A single component may be written at the top level.
	Component `yaml:",inline"`
}

// Structs is one root struct or a list of them: `config:` may be written
// either way.
type Structs []Struct

// UnmarshalYAML accepts a mapping or a sequence of mappings, rejecting
// unknown keys with their line.
func (ss *Structs) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.MappingNode:
		s, err := decodeStruct(n)
		*ss = Structs{s}
		return err
	case yaml.SequenceNode:
		for _, c := range n.Content {
			s, err := decodeStruct(c)
			if err != nil {
				return err
			}
			*ss = append(*ss, s)
		}
		return nil
	}
	return &Error{Line: n.Line, Msg: "config must be a mapping (dir, struct, library, prefix) or a list of them"}
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// Parse reads a config file. knownRule reports whether a rule id exists.
// Every problem is an *Error naming the file and line.
func Parse(name string, data []byte, knownRule func(string) bool) (*File, error) {
	var raw rawFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil && !errors.Is(err, io.EOF) {
		var e *Error
		if errors.As(err, &e) {
			e.File = name
			return nil, e
		}
		return nil, yamlError(name, err)
	}
	f := &File{Rules: map[string]lint.Severity{}}
	if err := f.parseRules(name, &raw.Rules, knownRule); err != nil {
		return nil, err
	}
	top := raw.Component
	hasTop := top.Name != "" || top.Dir != "" || top.Config != nil || top.Vault != nil ||
		top.VaultGroups != nil || top.Example != nil || top.Ignore != nil || top.Commented != "" ||
		top.Getenv != nil || top.GetenvFuncs != nil || top.Delims != nil || top.Deploy != nil || top.Environments != nil
	if hasTop && len(raw.Components) > 0 {
		return nil, &Error{name, 1, "write component settings either at the top level or under components, not both"}
	}
	if hasTop {
		raw.Components = []Component{top}
	}
	lines := componentLines(data)
	for i := range raw.Components {
		raw.Components[i].Line = 1
		if i < len(lines) {
			raw.Components[i].Line = lines[i]
		}
	}
	f.Components = raw.Components
	f.Infra, f.VaultPath, f.KubernetesSecrets = raw.Infra, raw.VaultPath, raw.KubernetesSecrets
	if err := f.validateHygiene(name, data); err != nil {
		return nil, err
	}
	return f, f.validate(name)
}

// componentLines returns the line of each entry under components:, which
// the typed decoding does not keep.
func componentLines(data []byte) []int {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return nil
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "components" {
			var lines []int
			for _, c := range m.Content[i+1].Content {
				lines = append(lines, c.Line)
			}
			return lines
		}
	}
	return nil
}

func (f *File) parseRules(name string, n *yaml.Node, knownRule func(string) bool) error {
	if n.IsZero() {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return &Error{name, n.Line, "rules must be a mapping of rule id to severity"}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !knownRule(k.Value) {
			return &Error{name, k.Line, fmt.Sprintf("unknown rule %q (envlint rules lists them)", k.Value)}
		}
		s, err := lint.ParseSeverity(v.Value)
		if err != nil || v.Kind != yaml.ScalarNode {
			return &Error{name, v.Line, fmt.Sprintf("rule %s: severity must be error, warning, info or off, not %q", k.Value, v.Value)}
		}
		f.Rules[k.Value] = s
	}
	return nil
}

func decodeStruct(n *yaml.Node) (Struct, error) {
	s := Struct{Line: n.Line}
	if n.Kind != yaml.MappingNode {
		return s, &Error{Line: n.Line, Msg: "config must be a mapping (dir, struct, library, prefix)"}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		var dst *string
		switch k.Value {
		case "dir":
			dst = &s.Dir
		case "struct":
			dst = &s.Struct
		case "library":
			dst = &s.Library
		case "prefix":
			dst = &s.Prefix
		default:
			return s, &Error{Line: k.Line, Msg: fmt.Sprintf("unknown key %q in config (want dir, struct, library, prefix)", k.Value)}
		}
		if v.Kind != yaml.ScalarNode {
			return s, &Error{Line: v.Line, Msg: fmt.Sprintf("config %s must be a string", k.Value)}
		}
		*dst = v.Value
	}
	return s, nil
}

func (f *File) validate(name string) error {
	seen := map[string]bool{}
	for _, c := range f.Components {
		if len(f.Components) > 1 && c.Name == "" {
			return &Error{name, c.Line, "every component needs a name when there are several"}
		}
		if seen[c.Name] {
			return &Error{name, c.Line, fmt.Sprintf("component %q is defined twice", c.Name)}
		}
		seen[c.Name] = true
		if c.Commented != "" && c.Commented != "documented" && c.Commented != "ignore" {
			return &Error{name, c.Line, fmt.Sprintf("commented must be documented or ignore, not %q", c.Commented)}
		}
		if c.Delims != nil && (len(c.Delims) != 2 || c.Delims[0] == "" || c.Delims[1] == "") {
			return &Error{name, c.Line, `delims must be two non-empty strings, e.g. ["[[", "]]"]`}
		}
		for _, s := range c.Config {
			if s.Struct == "" {
				return &Error{name, s.Line, "config needs struct: the root struct type name"}
			}
			if !knownLibrary(s.Library) {
				return &Error{name, s.Line, fmt.Sprintf("config library must be one of caarlos0, kelseyhightower, sethvargo, cleanenv, pydantic, not %q", s.Library)}
			}
		}
	}
	return nil
}

func knownLibrary(l string) bool {
	if l == string(lint.Pydantic) {
		return true
	}
	for _, k := range lint.Libraries {
		if string(k) == l {
			return true
		}
	}
	return false
}

// yamlError turns a yaml.v3 error into one *Error per file with the first
// line it names.
func yamlError(name string, err error) error {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	m := strings.TrimSpace(msgs[0])
	if sm := yamlLine.FindStringSubmatch(m); sm != nil {
		line, _ := strconv.Atoi(sm[1])
		return &Error{name, line, humanize(sm[2])}
	}
	return &Error{name, 0, humanize(strings.TrimPrefix(m, "yaml: "))}
}

var notFound = regexp.MustCompile(`^field (\S+) not found in type \S+$`)

func humanize(m string) string {
	if sm := notFound.FindStringSubmatch(m); sm != nil {
		return fmt.Sprintf("unknown key %q", sm[1])
	}
	return m
}
