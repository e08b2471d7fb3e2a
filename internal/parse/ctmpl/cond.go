package ctmpl

import (
	"slices"
	"strings"
	"text/template/parse"
)

// Conditions. The truth of a value built from env variables and Vault
// fields with not/and/or is kept as a truth table over those atoms
// (`e:NAME` for env "NAME", `f:NAME` for a field), so that a condition that
// always holds or never holds is folded, and a path remembers what it has
// assumed: after {{ if env "X" }}, {{ if not (env "X") }} cannot be taken
// on the same path, and inside {{ if .Data.data.X }} the field is present.

// maxAtoms bounds the atoms of one condition; bigger ones are unknown.
const maxAtoms = 6

type condition struct {
	atoms []string // sorted
	table uint64   // bit i: the truth when atom j holds iff bit j of i is set
}

func atomCond(atom string) *condition {
	return &condition{atoms: []string{atom}, table: 0b10}
}

func constCond(truth bool) *condition {
	return &condition{table: uint64(boolInt(truth))}
}

// condOf returns the condition of a value, or nil when its truth does not
// follow from atoms.
func condOf(v value) *condition {
	if v.cond != nil {
		return v.cond
	}
	if t := v.truthy(); t >= 0 {
		return constCond(t == 1)
	}
	return nil
}

func (c *condition) rows() int { return 1 << len(c.atoms) }

// eval is the truth under an assignment of the atoms of all (a superset).
func (c *condition) eval(all []string, row int) bool {
	i := 0
	for j, a := range c.atoms {
		k := slices.Index(all, a)
		if row&(1<<k) != 0 {
			i |= 1 << j
		}
	}
	return c.table&(1<<i) != 0
}

// combine builds and/or/not over conditions; nil when any is unknown or
// the atoms are too many.
func combine(op string, cs []*condition) *condition {
	var atoms []string
	for _, c := range cs {
		if c == nil {
			return nil
		}
		for _, a := range c.atoms {
			if !slices.Contains(atoms, a) {
				atoms = append(atoms, a)
			}
		}
	}
	if len(atoms) > maxAtoms {
		return nil
	}
	slices.Sort(atoms)
	out := &condition{atoms: atoms}
	for row := range 1 << len(atoms) {
		var t bool
		switch op {
		case "not":
			t = !cs[0].eval(atoms, row)
		case "and":
			t = true
			for _, c := range cs {
				t = t && c.eval(atoms, row)
			}
		case "or":
			for _, c := range cs {
				t = t || c.eval(atoms, row)
			}
		}
		if t {
			out.table |= 1 << row
		}
	}
	return out
}

// truth reports 1 or 0 when c holds in every or no row, else -1.
func (c *condition) truth() int {
	all := uint64(1)<<c.rows() - 1
	switch c.table & all {
	case all:
		return 1
	case 0:
		return 0
	}
	return -1
}

// split tells which arms a path with facts can take, and the facts each
// arm adds: an atom that has one value in every row of the arm.
func (c *condition) split(facts []string) (canTrue, canFalse bool, onTrue, onFalse []string) {
	var trueRows, falseRows []int
	for row := range c.rows() {
		if !consistent(c.atoms, row, facts) {
			continue
		}
		if c.table&(1<<row) != 0 {
			trueRows = append(trueRows, row)
		} else {
			falseRows = append(falseRows, row)
		}
	}
	return len(trueRows) > 0, len(falseRows) > 0, implied(c.atoms, trueRows), implied(c.atoms, falseRows)
}

func consistent(atoms []string, row int, facts []string) bool {
	for j, a := range atoms {
		want := "=0"
		if row&(1<<j) != 0 {
			want = "=1"
		}
		if slices.Contains(facts, a+"=0") && want == "=1" || slices.Contains(facts, a+"=1") && want == "=0" {
			return false
		}
	}
	return true
}

func implied(atoms []string, rows []int) []string {
	if len(rows) == 0 {
		return nil
	}
	var out []string
	for j, a := range atoms {
		bit := rows[0] & (1 << j)
		same := true
		for _, r := range rows[1:] {
			same = same && r&(1<<j) == bit
		}
		if same {
			if bit != 0 {
				out = append(out, a+"=1")
			} else {
				out = append(out, a+"=0")
			}
		}
	}
	return out
}

// addFacts returns a copy of s that also assumes facts.
func addFacts(s *rstate, facts []string) *rstate {
	if len(facts) == 0 {
		return s
	}
	c := s.clone()
	for _, f := range facts {
		if !slices.Contains(c.facts, f) {
			c.facts = append(c.facts, f)
		}
		if field, ok := strings.CutPrefix(f, "f:"); ok && strings.HasSuffix(field, "=0") {
			name := strings.TrimSuffix(field, "=0")
			if !contains(c.absent, name) {
				c.absent = append(c.absent, name)
				slices.Sort(c.absent)
			}
		}
	}
	slices.Sort(c.facts)
	return c
}

// withAbsent adds to absent the fields facts assume absent.
func withAbsent(absent, facts []string) []string {
	out := append([]string(nil), absent...)
	for _, f := range facts {
		if name, ok := strings.CutPrefix(f, "f:"); ok && strings.HasSuffix(name, "=0") {
			if name = strings.TrimSuffix(name, "=0"); !contains(out, name) {
				out = append(out, name)
			}
		}
	}
	slices.Sort(out)
	return out
}

// present lists the fields a path assumes present (and not empty).
func present(facts []string) []string {
	var out []string
	for _, f := range facts {
		if name, ok := strings.CutPrefix(f, "f:"); ok && strings.HasSuffix(name, "=1") {
			out = append(out, strings.TrimSuffix(name, "=1"))
		}
	}
	return out
}

// repeatedAtoms finds the atoms written more than once in the template:
// only what a path assumes about those can matter later, so only those
// facts are kept between statements. It also counts the trees' nodes.
func repeatedAtoms(trees map[string]*parse.Tree) (map[string]bool, int) {
	count := map[string]int{}
	nodes := 0
	count1 := func(n parse.Node) {
		nodes++
		switch n := n.(type) {
		case *parse.CommandNode:
			if len(n.Args) == 2 {
				if id, ok := n.Args[0].(*parse.IdentifierNode); ok && id.Ident == "env" {
					if s, ok := n.Args[1].(*parse.StringNode); ok {
						count["e:"+s.Text]++
					}
				}
			}
		case *parse.FieldNode:
			count["f:"+n.Ident[len(n.Ident)-1]]++
		case *parse.VariableNode:
			if len(n.Ident) > 1 {
				count["f:"+n.Ident[len(n.Ident)-1]]++
			}
		case *parse.ChainNode:
			if len(n.Field) > 0 {
				count["f:"+n.Field[len(n.Field)-1]]++
			}
		}
	}
	for _, t := range trees {
		if t != nil {
			visitTree(t.Root, count1)
		}
	}
	out := map[string]bool{}
	for a, n := range count {
		if n > 1 {
			out[a] = true
		}
	}
	return out, nodes
}
