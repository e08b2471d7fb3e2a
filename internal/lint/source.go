package lint

// Directive is an `envlint:ignore RULE[,RULE] [reason]` comment. Parsers
// attach it to the key it applies to (the key on the same line or the line
// directly below); Key is empty when it applies to none.
type Directive struct {
	Pos    Pos
	Rules  []string
	Reason string
	Key    string
}

// ExampleEntry is one `KEY=value` assignment in an example file such as
// .env.example.
type ExampleEntry struct {
	Name string
	Pos  Pos // the key's position
	// Value is the value as godotenv reads it (quotes removed, escapes
	// applied). It may be a secret: never print it without redaction.
	Value string
	// ValuePos is where the value starts on its line.
	ValuePos Pos
	// VaultMarker is true when a [VAULT] marker applies to the entry: on its
	// own line, in the comment block directly above, or through a group marker.
	VaultMarker bool
	// MarkerPos is where the marker that applies is written.
	MarkerPos Pos
	// Commented is true for a commented-out assignment (`# KEY=value`).
	Commented bool
	// Comment is the documentation attached to the entry: the comment block
	// directly above and the inline comment, without the comment markers.
	Comment string
	// Export is true when the line starts with `export `.
	Export bool
	// ValueIsComment is true when only blanks separate `=` from a `#`
	// (`KEY= # doc`). godotenv reads the comment text as the value, so Value
	// holds it, but the author meant an empty value with a comment: rules
	// that judge the value (types, secrets) should treat it as empty.
	ValueIsComment bool
}

// ExampleFile is what the example parser reads from one file.
type ExampleFile struct {
	File    string
	Entries []ExampleEntry
	// Ambiguous lists [VAULT] comments whose scope cannot be told.
	Ambiguous  []Problem
	Directives []Directive
	// Errors are syntax errors; the parser keeps going after each.
	Errors []Problem
}

// VaultKey is one env key that a template renders.
type VaultKey struct {
	Name string
	Pos  Pos
	// Path is the secret path expression as written in the template: a
	// literal path, or a printf format with its verbs kept.
	Path string
	// SecretPos is the position of the `with secret` (or `secret`) action
	// the value comes from.
	SecretPos Pos
	// Fields are the Vault fields the rendered value reads, in order of
	// appearance; empty for a literal value.
	Fields []string
	// FieldPaths holds, for each of Fields, the path of the secret the field
	// is read from (written as Path is).
	FieldPaths []string
	// EmptyFallback is true when leaving out one of Fields (everything else
	// present) makes the template render the key with an empty value, as
	// `{{ with .Data.data.X }}{{ . }}{{ else }}""{{ end }}` does. A bare
	// `{{ .Data.data.X }}` does not count: it renders "<no value>".
	EmptyFallback bool
	// Block identifies the chain of if/with/range branches the key is
	// written in ("" at the top level). Keys with the same Block render
	// together whenever either renders, so two of them with the same name
	// are a duplicate. A key written in several blocks (the arms of one
	// if) has a Block of its own that equals no other.
	Block string
}

// Template is what the template parser reads from one file.
type Template struct {
	File string
	// Pos is where an inline template is written when File names it rather
	// than a file ("deploy/k8s/api.yaml#Deployment/api/agent-inject-template-config"
	// for a Vault injector annotation); zero for a template file. See Start.
	Pos  Pos
	Keys []VaultKey
	// Secrets lists every secret block or call, in order.
	Secrets []SecretRef
	// NotEnv is non-empty when the template renders something other than an
	// env file; it names what ("JSON", "YAML", "certificate", ...).
	NotEnv string
	// Dynamic lists places where a key is rendered whose name cannot be
	// known statically.
	Dynamic    []Problem
	Directives []Directive
	// Errors are rejections by consul-template's parser.
	Errors []Problem
	// RenderErrors are lines of the rendered text that godotenv rejects;
	// godotenv then rejects the whole file.
	RenderErrors []Problem
	// Merged lists keys that whitespace trimming joins onto the line before,
	// so the rendered file never sets them.
	Merged []MergedLine
}

// MergedLine is a `KEY=` line that whitespace trimming (`{{-`, `-}}`) joins
// onto the previous rendered line: the key is never set, and the previous
// value (or comment) absorbs its text.
type MergedLine struct {
	Pos    Pos // the trim marker that removes the line break
	Key    string
	KeyPos Pos
	// Prev is the key whose value absorbs the line; "" when the previous
	// line is a comment, which then comments the key out.
	Prev string
}

// SecretRef is one secret read in a template.
type SecretRef struct {
	Pos  Pos
	Path string
	// PathArgs are the arguments that fill Path's printf verbs, as written
	// in the template (`env "ENV"`, `$env`), in order; nil for a literal path.
	PathArgs []string
}

// Library identifies a Go config library.
type Library string

// The supported config libraries.
const (
	Caarlos0        Library = "caarlos0"
	Kelseyhightower Library = "kelseyhightower"
	Sethvargo       Library = "sethvargo"
	Cleanenv        Library = "cleanenv"
	// Pydantic is pydantic-settings (v2) and pydantic v1's BaseSettings.
	Pydantic Library = "pydantic"
)

// Libraries lists the supported Go libraries in a stable order (Pydantic,
// the Python one, is not among them).
var Libraries = []Library{Caarlos0, Kelseyhightower, Sethvargo, Cleanenv}

// Kind classifies a Go type by how config libraries decode it.
type Kind string

// Kinds. Named types over basic kinds take the basic kind; Type.Name keeps
// the name.
const (
	KindBool     Kind = "bool"
	KindString   Kind = "string"
	KindInt      Kind = "int" // Type.Bits says the width; 0 is the native int
	KindUint     Kind = "uint"
	KindFloat    Kind = "float"
	KindDuration Kind = "duration" // exactly time.Duration
	KindTime     Kind = "time"     // exactly time.Time
	KindURL      Kind = "url"      // url.URL
	KindLocation Kind = "location" // time.Location
	KindSlice    Kind = "slice"
	KindMap      Kind = "map"
	KindPointer  Kind = "pointer"
	KindStruct   Kind = "struct"
	// KindText is a type that decodes itself (encoding.TextUnmarshaler, a
	// library's Decoder or Setter). Type.Name says which.
	KindText Kind = "text"
	// KindUnknown is a type envlint cannot resolve statically.
	KindUnknown Kind = "unknown"
)

// Type describes a config field's Go type as far as decoding is concerned.
type Type struct {
	Name string // as written in Go source, e.g. "time.Duration", "[]string", "LogLevel"
	Kind Kind
	Bits int   // for KindInt, KindUint, KindFloat: 8, 16, 32, 64, or 0 for int/uint
	Elem *Type // for slices, maps and pointers
	Key  *Type // for maps
	// Values, when Choices is set, are the only strings the field accepts
	// (pydantic Literal and Enum fields).
	Values  []string
	Choices bool
	// Nullable is true when None is valid (pydantic Optional[X], X | None).
	Nullable bool
}

// ConfigKey is one environment variable the Go config reads.
type ConfigKey struct {
	Name string
	// Aliases are further names the field accepts, in the order the library
	// tries them (kelseyhightower's un-prefixed fallback, cleanenv's
	// `env:"A,B"`).
	Aliases []string
	Pos     Pos    // the field (or the getenv call)
	Field   string // Go field path, e.g. "Config.Database.URL"; the function for getenv
	Type    Type
	// Default is nil when there is none; a pointer to "" for an empty default.
	Default    *string
	DefaultPos Pos // the default tag, when there is one
	// Required is effective required-ness: the program fails to load with the
	// key and its aliases unset.
	Required bool
	// NotEmpty is true when the library also rejects an empty value
	// (caarlos0 notEmpty).
	NotEmpty bool
	// Source is "struct" for struct tags and "getenv" for direct reads.
	Source  string
	Library Library
	// Decoding details that decide which values are valid.
	Separator       string // slice and map item separator
	KeyValSeparator string // map key/value separator
	Layout          string // time.Time layout
	Expand          bool   // caarlos0 expand, sethvargo default expansion
	File            bool   // caarlos0 file: the value is a path
	// Doc is the field's doc comment or description tag.
	Doc string
	// SelectsEnvFile is true for a getenv read whose value names the env
	// file to load (godotenv.Load(".env." + os.Getenv("APP_ENV"))): it is
	// not documented inside that file.
	SelectsEnvFile bool
	// Secret is true when the library's type hides the value (pydantic
	// SecretStr, SecretBytes): the key holds a secret whatever its name.
	Secret bool
	// IgnoreEmpty is true when the library treats a variable set to "" as
	// unset (pydantic-settings env_ignore_empty).
	IgnoreEmpty bool
}

// Config is what the Go config reader found for one component.
type Config struct {
	Keys []ConfigKey
	// Roots are the root structs the keys come from.
	Roots      []Root
	Directives []Directive
	// Errors are Go files that do not parse.
	Errors []Problem
	// Unresolved are things the reader could not resolve statically: a root
	// struct, a prefix, a type, a package.
	Unresolved []Problem
	// IneffectiveTags are struct tags the field's library ignores.
	IneffectiveTags []Problem
	// UnsupportedReaders are env reads through libraries envlint cannot follow.
	UnsupportedReaders []Problem
	// DynamicReads are os.Getenv (or wrapper) reads under a name computed at
	// run time that could not be traced to constants.
	DynamicReads []Problem
	// Families are dynamic key families such as caarlos0's ITEMS_<n>_NAME,
	// written with <n> for the index.
	Families []string
}

// Root is a root config struct passed to a library's entry point.
type Root struct {
	Pos     Pos    // the call site
	Dir     string // package directory of the struct, relative to the -C directory
	Struct  string // type name
	Library Library
	Prefix  string
}

// Names returns the key and its aliases: every name the field accepts.
func (k *ConfigKey) Names() []string {
	return append([]string{k.Name}, k.Aliases...)
}
