package lint

// DeployKind says what kind of deployment file a deploy key comes from.
type DeployKind string

// Deploy kinds. Readers for kubernetes, helm and nomad come later; the
// kinds are fixed now so that list output and rules stay general.
const (
	DeployCompose    DeployKind = "compose"
	DeployDockerfile DeployKind = "dockerfile"
	DeployKubernetes DeployKind = "kubernetes"
	DeployHelm       DeployKind = "helm"
	DeployNomad      DeployKind = "nomad"
	DeployAgent      DeployKind = "agent"
)

// DeploySource says how a deployment gives a key its value.
type DeploySource string

// Deploy sources.
const (
	// SourceLiteral is a value written in the deployment file.
	SourceLiteral DeploySource = "literal"
	// SourceInterpolation is a value the deployer substitutes when it runs
	// (compose's ${VAR}, a bare `environment: [KEY]` passed through from
	// the shell, a Dockerfile ENV built from an ARG).
	SourceInterpolation DeploySource = "interpolation"
	// SourceEnvFile is a key read from an env file the target loads.
	SourceEnvFile DeploySource = "env_file"
	// SourceConfigMap and SourceSecret are Kubernetes envFrom sources.
	SourceConfigMap DeploySource = "configmap"
	SourceSecret    DeploySource = "secret"
	// SourceTemplate is a key rendered by a template the target mounts.
	SourceTemplate DeploySource = "template"
)

// DeployKey is one environment variable a deployment target sets.
type DeployKey struct {
	Name   string
	Pos    Pos
	Source DeploySource
	// Value is the literal value as written (SourceLiteral only). It may be
	// a secret: never print it without redaction.
	Value string
	// ValuePos is where the value is written.
	ValuePos Pos
	// Bulk is true for a key the target loads with every other key of an
	// object it names (a Kubernetes envFrom ConfigMap), rather than by
	// its own name: such objects are often shared between programs.
	Bulk bool
	// Referenced is true for a key the deployment itself reads (a
	// Kubernetes $(VAR) in a later value): it is needed whether or not the
	// program reads it.
	Referenced bool
}

// Interpolation is one `${VAR}` that a deployer substitutes, with its
// position in the file that writes it.
type Interpolation struct {
	Name string
	Pos  Pos
	// Default is true for `${VAR:-d}` and `${VAR-d}`: the variable may be
	// left unset.
	Default bool
	// Required is true for `${VAR:?err}` and `${VAR?err}`.
	Required bool
}

// BuildArg is one ARG of a Dockerfile, or one build argument a deployment
// passes to a build.
type BuildArg struct {
	Name string
	Pos  Pos
	// Stage is the build stage the ARG is declared in ("" before the first
	// FROM).
	Stage string
	// HasDefault is true for `ARG NAME=value`.
	HasDefault bool
	// Used is true when the ARG feeds an ENV or a build step of its stage.
	Used bool
}

// DeployTarget is one place a service runs or is built: a compose
// service, a Dockerfile, a Kubernetes container.
type DeployTarget struct {
	// Name identifies the target: "docker-compose.yml#api" for a compose
	// service, the file for a Dockerfile.
	Name string
	Kind DeployKind
	// Pos is the target's own line: the service name, the final FROM.
	Pos Pos
	// Context is the build context directory, relative to the -C directory
	// ("" for an image-only target).
	Context string
	// Dockerfile is the Dockerfile the target builds, relative to the -C
	// directory ("" when it builds none).
	Dockerfile string
	// Keys are the variables the target sets, in file order.
	Keys []DeployKey
	// EnvFiles are the env files the target loads, relative to the -C
	// directory, whether or not they exist.
	EnvFiles []string
	// BuildArgs are the build arguments the target passes (compose
	// build.args) or declares (a Dockerfile's ARGs).
	BuildArgs []BuildArg
	// Unread are the env files the target loads that could not be read:
	// missing (perhaps rendered at deploy time) or unreadable.
	Unread []UnreadEnvFile
	// Templates are the templates rendered into env files the target
	// loads (by a Vault Agent configuration, or an environment's vault:):
	// their keys reach the target.
	Templates []string
	// Environment names the deployment environment from .envlint.yaml,
	// "" for targets found by discovery.
	Environment string
	// Image is the container image the target runs, as written (a Nomad
	// task's config.image); "" when unknown.
	Image string
	// Incomplete is true when the target sets keys envlint cannot see (an
	// env file that could not be read and no template renders): rules that
	// need the whole key set skip it.
	Incomplete bool
	// Hidden says, for an Incomplete target, which sources hide keys (a
	// Kubernetes envFrom Secret, a ConfigMap not in the repository), so
	// that the skip can be reported at them.
	Hidden []HiddenSource
}

// HiddenSource is a source of keys envlint cannot see.
type HiddenSource struct {
	Pos    Pos    // where the target names it
	Reason string // what it is and why its keys are unknown
	Fix    string // what restores the rules it stops
}

// UnreadEnvFile is an env file a target loads that could not be read.
type UnreadEnvFile struct {
	File     string // relative to the -C directory
	Pos      Pos    // where the target names it
	Required bool   // compose fails without it (`required: false` not set)
	Err      string
}

// DeployFile is what a deploy reader reads from one file (a compose
// project may span several: overrides and extends).
type DeployFile struct {
	File    string
	Kind    DeployKind
	Targets []DeployTarget
	// Interpolations are the `${VAR}` the deployer substitutes from its
	// own environment (compose: the shell and the .env file next to it).
	Interpolations []Interpolation
	// Errors are rejections by the format's own parser or loader, and
	// files the deployment names that cannot be read.
	Errors []Problem
	// Templates are the templates the deployer renders itself (a Nomad
	// task's template blocks): they are deployed.
	Templates []AgentTemplate
}

// AgentTemplate is one `template` stanza of a Vault Agent configuration.
type AgentTemplate struct {
	Pos Pos // the stanza
	// Source is the template file, relative to the -C directory ("" for
	// inline contents).
	Source string
	// Destination is where the agent writes the rendered file, as written.
	Destination string
	// Contents is the inline template, parsed like a template file.
	Contents *Template
}

// AgentConfig is what the Vault Agent reader reads from one HCL file.
type AgentConfig struct {
	File      string
	Templates []AgentTemplate
	Errors    []Problem
}
