package lint

// Category groups rules in the documentation.
type Category string

// Rule categories.
const (
	CategoryReading  Category = "Reading a source"
	CategoryDisagree Category = "Sources disagree"
	CategoryInside   Category = "Problems inside one source"
	CategoryEnv      Category = "Checking a real environment"
	CategoryEnvlint  Category = "envlint itself"
)

// Rule is the metadata of one rule. The rule engine owns the logic; this is
// what docs, `envlint rules`, `explain` and SARIF descriptors read.
type Rule struct {
	ID       string // kebab-case id from SPEC.md
	Severity Severity
	Category Category
	// Summary is lower-case, has no final period and fits in 60 characters.
	Summary string
	// Points says where the finding is reported.
	Points string
	// Doc is Markdown with a failing and a passing example.
	Doc   string
	Since string
	// SecuritySeverity marks a rule about secrets: code scanning files its
	// findings as security alerts with this score (0.1-10, as CVSS: 7.0 and
	// above is high, 9.0 and above critical). Zero for every other rule.
	SecuritySeverity float64
}
