package ctmpl

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The generator below writes random templates from the grammar envlint
// reads: secrets (with blocks and variables, KV v1 and v2, printf paths),
// if/else if/else, with, range over constant lists and integers,
// break/continue, whitespace trimming, variables declared and assigned in
// branches, printf, scratch, define/template/executeTemplate, quoted values,
// comments and export. Every key it writes has a name known before
// rendering, so the engine's render is the whole truth about the key set.

// genEnv are the environment variables generated conditions and secret
// paths read; the differential test renders under each set/unset
// combination. Values render genValueEnv, which is always set, so that
// "everything else present" is one render.
var genEnv = []string{"ENVLINT_FZ_A", "ENVLINT_FZ_B"}

const genValueEnv = "ENVLINT_FZ_V"

// genFields are the Vault fields generated templates read; the differential
// test renders with each subset of them absent.
var genFields = []string{"alpha", "beta", "gamma"}

// genEnvValue is the value a set variable holds.
const genEnvValue = "prod"

type gen struct {
	r     *rand.Rand
	b     strings.Builder
	keys  int
	depth int
	vars  []string // declared string variables in scope
	loop  int      // range nesting
	// ctx is how a field of the current secret is written: ".Data.data",
	// ".Data", "$s.Data.data", ... ("" outside a secret).
	ctx     string
	defines []string
	secVars []string // variables holding a secret, in scope
	noTrim  bool     // the next action keeps the blank before it
}

// generate returns one template for seed.
func generate(seed uint64) string {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	if g.chance(4) {
		g.define()
	}
	n := 1 + g.r.IntN(4)
	for range n {
		g.stmt()
	}
	return g.b.String()
}

func (g *gen) chance(n int) bool { return g.r.IntN(n) == 0 }

func (g *gen) pick(s ...string) string { return s[g.r.IntN(len(s))] }

func (g *gen) w(s string) { g.b.WriteString(s) }

// open and close write a delimiter, sometimes with a trim marker.
func (g *gen) open() string {
	if g.noTrim {
		g.noTrim = false
		return "{{ "
	}
	if g.chance(4) {
		return "{{- "
	}
	return "{{ "
}

func (g *gen) close() string {
	if g.chance(4) {
		return " -}}"
	}
	return " }}"
}

func (g *gen) act(body string) { g.w(g.open() + body + g.close()) }

func (g *gen) newKey() string {
	g.keys++
	return fmt.Sprintf("K%d", g.keys)
}

func (g *gen) nl() {
	switch g.r.IntN(8) {
	case 0:
		g.w("\n\n")
	case 1:
		g.w("  \n")
	default:
		g.w("\n")
	}
}

// stmt writes one statement: a key line, a comment, or a block.
func (g *gen) stmt() {
	if g.depth > 2 {
		g.keyLine()
		return
	}
	switch g.r.IntN(16) {
	case 0, 1, 2, 3:
		g.keyLine()
	case 4:
		g.w("# " + g.pick("note", "rotate monthly", "KEY=1 is old") + "\n")
	case 5:
		g.withSecret()
	case 6:
		g.varSecret()
	case 7, 8:
		g.ifBlock()
	case 9:
		g.rangeBlock()
	case 10:
		g.declare()
	case 11:
		g.scratchLine()
	case 12:
		g.call()
	case 13:
		if g.ctx != "" {
			g.withField()
		} else {
			g.withSecret()
		}
	case 14:
		if g.loop > 0 {
			g.act(g.pick("break", "continue"))
			g.nl()
		} else {
			g.keyLine()
		}
	case 15:
		g.w("\n")
	}
}

func (g *gen) body() {
	vars, secVars := len(g.vars), len(g.secVars)
	defer func() { g.vars, g.secVars = g.vars[:vars], g.secVars[:secVars] }()
	g.depth++
	n := 1 + g.r.IntN(2)
	for range n {
		g.stmt()
	}
	g.depth--
}

// keyLine writes `[export ]NAME=VALUE` and a line break.
func (g *gen) keyLine() {
	if g.chance(10) {
		// A trim marker right after it would glue "export" to the name.
		g.w("export ")
		g.noTrim = true
	}
	g.keyName()
	g.noTrim = false
	g.w(g.pick("=", "=", "=", " = "))
	g.value()
	g.nl()
}

func (g *gen) keyName() {
	switch g.r.IntN(10) {
	case 0:
		g.act(fmt.Sprintf(`printf "P%d_%%d" %d`, g.keys, g.r.IntN(5)))
		g.keys++
	case 1:
		if len(g.vars) > 0 {
			v := "$" + g.vars[g.r.IntN(len(g.vars))]
			if g.chance(2) {
				g.act(fmt.Sprintf(`printf "%s_%%s" %s`, g.newKey(), v))
				return
			}
			g.w(g.newKey() + "_")
			g.act(v)
			return
		}
		g.w(g.newKey())
	case 2:
		g.act(fmt.Sprintf(`"%s"`, g.newKey()))
	default:
		g.w(g.newKey())
	}
}

// value writes a value: literal text, actions, or a quoted mix.
func (g *gen) value() {
	switch g.r.IntN(6) {
	case 0:
		g.w(g.pick("v1", "", "a b", "x # c"))
	case 1:
		q := g.pick(`"`, `'`)
		g.w(q)
		g.segments()
		g.w(q)
	default:
		g.segments()
	}
}

func (g *gen) segments() {
	n := 1 + g.r.IntN(2)
	for range n {
		if g.chance(3) {
			g.w(g.pick("pre", "-", ":"))
		}
		g.valueAction()
	}
}

func (g *gen) field() string {
	if g.ctx == "" {
		return ""
	}
	return g.ctx + "." + genFields[g.r.IntN(len(genFields))]
}

func (g *gen) valueAction() {
	f := g.field()
	if f == "" || g.chance(4) {
		switch g.r.IntN(7) {
		case 0:
			g.act(fmt.Sprintf(`env "%s"`, genValueEnv))
		case 1:
			g.act(`printf "%d" 3`)
		case 2:
			g.act(g.pick(`printf "%v" 1.50`, `print "x" 2`, `"lit"`, `1`))
		case 3:
			if len(g.vars) > 0 {
				g.act("$" + g.vars[g.r.IntN(len(g.vars))])
				return
			}
			g.act(`"c"`)
		case 4:
			if len(g.secVars) > 0 {
				g.act(g.secVars[g.r.IntN(len(g.secVars))] + ".Data.data." + genFields[g.r.IntN(len(genFields))])
				return
			}
			g.act(`toLower "ABC"`)
		default:
			g.act(fmt.Sprintf(`envOrDefault "%s" "dflt"`, g.pick(genValueEnv, genEnv[0])))
		}
		return
	}
	switch g.r.IntN(8) {
	case 0:
		g.act(fmt.Sprintf(`or %s ""`, f))
	case 1:
		g.act(fmt.Sprintf(`%s | sprig_default ""`, f))
	case 2:
		g.act(fmt.Sprintf(`printf "%%s" %s`, f))
	case 3:
		g.act(fmt.Sprintf(`%s | sprig_default "" | trimSpace`, f))
	case 4:
		g.act(fmt.Sprintf(`printf "%%s" (or %s "")`, f))
	case 5:
		g.act(fmt.Sprintf(`or %s " "`, f))
	default:
		g.act(f)
	}
}

// path writes a secret path expression.
func (g *gen) path(kv2 bool) string {
	base := "secret"
	if kv2 {
		base = "secret/data"
	}
	name := g.pick("app", "db", "api")
	switch g.r.IntN(5) {
	case 0:
		return fmt.Sprintf(`(printf "%s/%%s/%s" "prod")`, base, name)
	case 1:
		return fmt.Sprintf(`(printf "%s/%%s/%s" (env "%s"))`, base, name, genEnv[g.r.IntN(len(genEnv))])
	case 2:
		return fmt.Sprintf(`(print "%s/" "%s")`, base, name)
	}
	return fmt.Sprintf(`"%s/%s"`, base, name)
}

func (g *gen) withSecret() {
	kv2 := !g.chance(4)
	g.act("with secret " + g.path(kv2))
	g.nlMaybe()
	old := g.ctx
	g.ctx = ".Data"
	if kv2 {
		g.ctx = ".Data.data"
	}
	g.body()
	g.ctx = old
	if g.chance(3) {
		g.act("else")
		g.nlMaybe()
		g.body()
	}
	g.act("end")
	g.nlMaybe()
}

func (g *gen) varSecret() {
	name := fmt.Sprintf("$s%d", len(g.secVars))
	g.act(name + " := secret " + g.path(true))
	g.nlMaybe()
	g.secVars = append(g.secVars, name)
}

func (g *gen) nlMaybe() {
	if !g.chance(3) {
		g.w("\n")
	}
}

func (g *gen) cond() string {
	switch g.r.IntN(9) {
	case 0:
		if f := g.field(); f != "" {
			return f
		}
		return "true"
	case 1:
		return fmt.Sprintf(`env "%s"`, genEnv[g.r.IntN(len(genEnv))])
	case 2:
		return g.pick(`eq "prod" "prod"`, `eq "a" "b"`, `ne "a" "b"`, `eq 1 1`)
	case 3:
		return "not (" + g.cond() + ")"
	case 4:
		return fmt.Sprintf("and (%s) (%s)", g.cond(), g.cond())
	case 5:
		return fmt.Sprintf("or (%s) (%s)", g.cond(), g.cond())
	case 6:
		return g.pick("true", "false", `""`, "0", "1")
	case 7:
		if len(g.vars) > 0 {
			return "$" + g.vars[g.r.IntN(len(g.vars))]
		}
		return `eq "" ""`
	}
	if f := g.field(); f != "" {
		return "not " + f
	}
	return fmt.Sprintf(`env "%s"`, genEnv[0])
}

func (g *gen) ifBlock() {
	g.act("if " + g.cond())
	g.nlMaybe()
	saved := len(g.vars)
	g.body()
	for g.chance(3) {
		g.act("else if " + g.cond())
		g.nlMaybe()
		g.body()
	}
	if g.chance(2) {
		g.act("else")
		g.nlMaybe()
		g.body()
	}
	g.vars = g.vars[:saved]
	g.act("end")
	g.nlMaybe()
}

func (g *gen) withField() {
	f := g.field()
	g.act("with " + f)
	g.nlMaybe()
	k := g.newKey()
	g.w(k + "=")
	g.act(".")
	g.nl()
	if g.chance(2) {
		g.act("else")
		g.w(k + `=""`)
		g.nl()
	}
	g.act("end")
	g.nlMaybe()
}

func (g *gen) rangeBlock() {
	v := fmt.Sprintf("r%d", g.loop)
	switch g.r.IntN(3) {
	case 0:
		g.act(fmt.Sprintf("range $%s := %d", v, g.r.IntN(4)))
	case 1:
		g.act(fmt.Sprintf(`range $i%d, $%s := split "," "%s"`, g.loop, v, g.pick("a,b", "x", "a,,b", "")))
	default:
		g.act(fmt.Sprintf(`range $%s := sprig_list "%s" "%s"`, v, g.pick("u", "v"), g.pick("w", "z")))
	}
	g.nlMaybe()
	saved := len(g.vars)
	g.vars = append(g.vars, v)
	g.loop++
	g.body()
	g.loop--
	g.vars = g.vars[:saved]
	if g.chance(4) {
		g.act("else")
		g.nlMaybe()
		g.body()
	}
	g.act("end")
	g.nlMaybe()
}

func (g *gen) declare() {
	if len(g.vars) > 0 && g.chance(2) {
		g.act(fmt.Sprintf(`$%s = "%s"`, g.vars[g.r.IntN(len(g.vars))], g.pick("B", "C", "")))
		g.nlMaybe()
		return
	}
	v := fmt.Sprintf("v%d", len(g.vars))
	g.act(fmt.Sprintf(`$%s := "%s"`, v, g.pick("A", "D", "")))
	g.vars = append(g.vars, v)
	g.nlMaybe()
}

func (g *gen) scratchLine() {
	g.act(fmt.Sprintf(`scratch.%s "s" "%s"`, g.pick("Set", "SetX"), g.pick("1", "")))
	g.keyLine()
}

func (g *gen) define() {
	name := fmt.Sprintf("d%d", len(g.defines))
	g.w(fmt.Sprintf(`{{ define "%s" }}`, name))
	saved := g.b.Len()
	oldVars, oldSec, oldCtx, oldLoop := g.vars, g.secVars, g.ctx, g.loop
	g.vars, g.secVars, g.ctx, g.loop = nil, nil, "", 0
	g.body()
	g.vars, g.secVars, g.ctx, g.loop = oldVars, oldSec, oldCtx, oldLoop
	_ = saved
	g.w("{{ end }}")
	g.nlMaybe()
	g.defines = append(g.defines, name)
}

func (g *gen) call() {
	if len(g.defines) == 0 {
		g.keyLine()
		return
	}
	d := g.defines[g.r.IntN(len(g.defines))]
	if g.chance(2) {
		g.act(fmt.Sprintf(`template "%s"`, d))
	} else {
		g.act(fmt.Sprintf(`executeTemplate "%s"`, d))
	}
	g.nlMaybe()
}
