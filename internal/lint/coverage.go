package lint

// Coverage records what a check of one component covered: its services and
// layers, and every rule that did not run there, with the reason. It is
// written where each skip decision is made; incomplete-coverage, the JSON
// "coverage" array and the text summary are views of it.
type Coverage struct {
	Component string
	// Checked is false for a directory that is not a component (an example
	// that documents no Go service and no template); Reason says why.
	Checked  bool
	Reason   string
	Services []string // main package directories, "." for the root
	Examples []string
	Vault    []string
	Config   []CoverageRoot
	Skipped  []SkippedRule
}

// CoverageRoot is one config root of a component, resolved or not.
type CoverageRoot struct {
	Root     string // "dir.Struct", or what could not be resolved
	Pos      Pos
	Resolved bool
}

// SkippedRule is a rule that did not run for a component.
type SkippedRule struct {
	Rule   string
	Reason string
	// Pos is the cause: the unresolved call site, the file that does not
	// parse, the dynamic key.
	Pos Pos
	// Fix says what to write in .envlint.yaml (or change) to restore the rule.
	Fix string
}

// Full reports whether every rule ran on a checked component.
func (c *Coverage) Full() bool { return c.Checked && len(c.Skipped) == 0 }
