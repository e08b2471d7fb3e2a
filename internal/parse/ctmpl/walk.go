package ctmpl

import (
	"fmt"
	"slices"
	"strings"
	"text/template/parse"

	"github.com/envlint/envlint/internal/lint"
)

// Bounds on the walk. Real templates stay far below them; a template that
// exceeds one gets a Dynamic problem instead of a guess.
const (
	maxStates   = 128     // rendering paths followed at once
	widenAt     = 32      // paths beyond which those inside one value merge
	maxSteps    = 200_000 // nodes visited beyond one visit of each node
	maxIters    = 1000    // iterations of a range over a fixed list
	maxTmplCall = 16      // nested {{ template }} calls
)

// arm identifies one branch of an if, with or range: the node's offset and
// the branch taken (0 the body, 1 the else), linked to the enclosing arm.
// Keys written in different arms of the same node are never rendered
// together.
type arm struct {
	node, n int
	up      *arm
	id      int // the same for equal chains
}

// piece is a run of rendered text, or a hole where a value is rendered.
type piece struct {
	text  string
	off   int  // source offset of text[0]
	end   int  // source offset just after the node that renders the piece
	fixed bool // every byte of text is at off (a constant rendered by an action)
	hole  *hole
	arms  *arm
}

// hole is an action whose output is not known before rendering.
type hole struct {
	off int // the action's left delimiter
	val value
}

type loopCtx struct{ brk, cont []*rstate }

// occ is one rendered key on one path.
type occ struct {
	name    string
	off     int
	arms    *arm
	val     []byte
	holes   []*hole
	holeAt  []int // index in val where each hole renders
	quoted  bool
	absent  []string
	present []string // fields the path knows are present and not empty
	facts   []string // what the path assumes (rstate.facts)
	// overwritten: the path rendered the key again at the same place
	// later; final: some path ends with this value set. An occurrence
	// overwritten and never final is not what godotenv keeps.
	overwritten, final bool
}

type walker struct {
	file, src, left string
	right           string
	lines           lineIndex
	trees           map[string]*parse.Tree

	secrets   []lint.SecretRef
	secretOff map[secretAt]int // a secret call may read several paths (a range)
	occs      []occ
	dynamic   []lint.Problem
	dynSeen   map[int]bool
	notEnv    string
	loops     []*loopCtx
	steps     int
	calls     int
	colons    int
	equals    int

	commentEnd map[lint.Pos]int // last line of each directive comment
	armIDs     map[armKey]*arm
	folded     map[string]foldResult
	repeated   map[string]bool // atoms written more than once
	nodes      int             // nodes in the parse trees
	peak       int             // most paths followed at once
	assigned   map[parse.Node]bool
	badOff     int // first byte godotenv rejects in a key; -1 for none
	badChar    byte
	execFail   []lint.Problem // places where rendering always fails
	merged     []lint.MergedLine
	mergedSeen map[mergedAt]bool
}

func newWalker(file, src, left, right string, lines lineIndex, trees map[string]*parse.Tree) *walker {
	return &walker{
		file: file, src: src, left: left, right: right, lines: lines, trees: trees,
		secretOff: map[secretAt]int{}, dynSeen: map[int]bool{}, mergedSeen: map[mergedAt]bool{}, armIDs: map[armKey]*arm{},
		folded: map[string]foldResult{}, badOff: -1,
	}
}

func (w *walker) run() {
	w.repeated, w.nodes = repeatedAtoms(w.trees)
	root := w.trees[""]
	if root == nil || root.Root == nil {
		return
	}
	top := value{kind: kUnknown}
	sc := &scope{dot: top}
	sc.declare("$", top)
	states := w.walkList(root.Root, sc, []*rstate{{}}, nil)
	for _, s := range states {
		w.eof(s)
	}
}

// actionStart finds the left delimiter of the action holding offset off.
func (w *walker) actionStart(off int) int {
	if off > len(w.src) {
		off = len(w.src)
	}
	if i := strings.LastIndex(w.src[:off], w.left); i >= 0 {
		return i
	}
	return off
}

// actionEnd finds the end of the right delimiter of the action holding
// offset off (a right delimiter inside a string literal can end it early,
// which only shortens the gap checkMerged looks at).
func (w *walker) actionEnd(off int) int {
	if off > len(w.src) {
		return len(w.src)
	}
	if i := strings.Index(w.src[off:], w.right); i >= 0 {
		return off + i + len(w.right)
	}
	return len(w.src)
}

// branchEnd returns the end of the action that closes list l (its
// `{{ end }}`, or the `{{ else }}` that follows it); start is where l
// begins, for an empty list.
func (w *walker) branchEnd(l *parse.ListNode, start int) int {
	end := start
	if l != nil && len(l.Nodes) > 0 {
		end = w.nodeEnd(l.Nodes[len(l.Nodes)-1])
	}
	if i := strings.Index(w.src[min(end, len(w.src)):], w.left); i >= 0 {
		return w.actionEnd(end + i)
	}
	return len(w.src)
}

// nodeEnd returns the offset just after node n in the source: after its
// text, its action, or the `{{ end }}` that closes it.
func (w *walker) nodeEnd(n parse.Node) int {
	var b *parse.BranchNode
	switch n := n.(type) {
	case *parse.TextNode:
		return int(n.Pos) + len(n.Text)
	case *parse.IfNode:
		b = &n.BranchNode
	case *parse.RangeNode:
		b = &n.BranchNode
	case *parse.WithNode:
		b = &n.BranchNode
	default:
		return w.actionEnd(int(n.Position()))
	}
	end := w.branchEnd(b.List, w.actionEnd(int(b.Pos)))
	if b.ElseList == nil {
		return end
	}
	if es := b.ElseList.Nodes; len(es) == 1 && int(es[0].Position()) < end {
		// `{{ else if }}` / `{{ else with }}`: the chain shares one
		// `{{ end }}`, which the inner branch ends at.
		return w.nodeEnd(es[0])
	}
	return w.branchEnd(b.ElseList, end)
}

func (w *walker) pos(off int) lint.Pos { return w.lines.pos(w.file, off) }

type secretAt struct {
	off  int
	path string
}

func (w *walker) addSecret(identOff int, path string, pathArgs []string) int {
	if i, ok := w.secretOff[secretAt{identOff, path}]; ok {
		return i
	}
	w.secrets = append(w.secrets, lint.SecretRef{Pos: w.pos(w.actionStart(identOff)), Path: path, PathArgs: pathArgs})
	w.secretOff[secretAt{identOff, path}] = len(w.secrets)
	return len(w.secrets)
}

func (w *walker) addDynamic(off int, msg string) {
	if w.dynSeen[off] {
		return
	}
	w.dynSeen[off] = true
	w.dynamic = append(w.dynamic, lint.Problem{Pos: w.pos(off), Msg: msg})
}

// addExecFail records a place where consul-template's render fails
// whenever it gets there.
func (w *walker) addExecFail(off int, msg string) {
	p := lint.Problem{Pos: w.pos(w.actionStart(off)), Msg: msg}
	if !slices.Contains(w.execFail, p) {
		w.execFail = append(w.execFail, p)
	}
}

func (w *walker) setNotEnv(what string) {
	if w.notEnv == "" {
		w.notEnv = what
	}
}

func (w *walker) walkList(list *parse.ListNode, sc *scope, in []*rstate, arms *arm) []*rstate {
	if list == nil {
		return in
	}
	for _, n := range list.Nodes {
		if len(in) == 0 {
			break
		}
		in = w.walkNode(n, sc, in, arms)
	}
	return in
}

func (w *walker) walkNode(n parse.Node, sc *scope, in []*rstate, arms *arm) []*rstate {
	w.steps++
	if w.steps > maxSteps+w.nodes {
		w.addDynamic(w.actionStart(int(n.Position())), "template is too complex to read statically")
		return in
	}
	switch n := n.(type) {
	case *parse.TextNode:
		return w.feed(in, piece{text: string(n.Text), off: int(n.Pos), end: int(n.Pos) + len(n.Text), arms: arms})
	case *parse.ActionNode:
		if name, arg, ok := executeTemplateCall(n.Pipe); ok {
			return w.walkDefine(name, arg, int(n.Pos), sc, in, arms)
		}
		v := w.evalPipe(n.Pipe, sc)
		if len(n.Pipe.Decl) > 0 {
			return in
		}
		end := w.actionEnd(int(n.Pos))
		if len(v.alts) > 0 {
			// Each path renders each constant the variable may hold.
			var out []*rstate
			for _, a := range v.alts {
				out = append(out, w.feed(in, piece{text: a.s, off: a.off, end: end, fixed: true, arms: arms})...)
			}
			return w.dedupe(out, int(n.Pos))
		}
		if v.kind == kConst {
			return w.feed(in, piece{text: v.s, off: v.off, end: end, fixed: true, arms: arms})
		}
		start := w.actionStart(int(n.Pos))
		return w.feed(in, piece{hole: &hole{off: start, val: v}, off: start, end: end, arms: arms})
	case *parse.IfNode:
		return w.walkBranch(&n.BranchNode, false, sc, in, arms)
	case *parse.WithNode:
		return w.walkBranch(&n.BranchNode, true, sc, in, arms)
	case *parse.RangeNode:
		return w.walkRange(n, sc, in, arms)
	case *parse.TemplateNode:
		return w.walkTemplate(n, sc, in, arms)
	case *parse.BreakNode:
		if l := w.loop(); l != nil {
			l.brk = append(l.brk, in...)
		}
		return nil
	case *parse.ContinueNode:
		if l := w.loop(); l != nil {
			l.cont = append(l.cont, in...)
		}
		return nil
	case *parse.ListNode:
		return w.walkList(n, sc, in, arms)
	}
	return in
}

// assigns reports whether an assignment to a variable is written anywhere
// inside n's arms (memoised: a long else-if chain asks for each arm).
func (w *walker) assigns(n parse.Node) bool {
	if v, ok := w.assigned[n]; ok {
		return v
	}
	found := false
	switch n := n.(type) {
	case *parse.BranchNode:
		found = w.assigns(n.List) || n.ElseList != nil && w.assigns(n.ElseList)
	case *parse.ListNode:
		for _, c := range n.Nodes {
			if w.assigns(c) {
				found = true
				break
			}
		}
	case *parse.IfNode:
		found = w.assigns(&n.BranchNode)
	case *parse.WithNode:
		found = w.assigns(&n.BranchNode)
	case *parse.RangeNode:
		found = w.assigns(&n.BranchNode)
	case *parse.ActionNode:
		found = n.Pipe != nil && n.Pipe.IsAssign
	}
	if w.assigned == nil {
		w.assigned = map[parse.Node]bool{}
	}
	w.assigned[n] = found
	return found
}

func (w *walker) loop() *loopCtx {
	if len(w.loops) == 0 {
		return nil
	}
	return w.loops[len(w.loops)-1]
}

// withArm returns the arm n of node inside up. Equal chains are one
// object with one id, so a key's Block is short however deep it nests.
func (w *walker) withArm(up *arm, node, n int) *arm {
	k := armKey{node: node, n: n}
	if up != nil {
		k.up = up.id
	}
	if a, ok := w.armIDs[k]; ok {
		return a
	}
	a := &arm{node: node, n: n, up: up, id: len(w.armIDs) + 1}
	w.armIDs[k] = a
	return a
}

type armKey struct{ up, node, n int }

// path lists the arms from the outermost in.
func (a *arm) path() []arm {
	var out []arm
	for ; a != nil; a = a.up {
		out = append(out, *a)
	}
	slices.Reverse(out)
	return out
}

func (w *walker) walkBranch(b *parse.BranchNode, isWith bool, sc *scope, in []*rstate, arms *arm) []*rstate {
	csc := sc.child(sc.dot)
	v := w.evalPipe(b.Pipe, csc)
	id := int(b.Pos)
	// Each path takes the arms its assumptions allow, and assumes what
	// the arm implies (the else arm of a field runs when it is absent).
	var bodyIn, elseIn []*rstate
	c := condOf(v)
	for _, s := range in {
		if c == nil {
			bodyIn, elseIn = append(bodyIn, s), append(elseIn, s)
			continue
		}
		canTrue, canFalse, onTrue, onFalse := c.split(s.facts)
		if canTrue {
			bodyIn = append(bodyIn, addFacts(s, onTrue))
		}
		if canFalse {
			elseIn = append(elseIn, addFacts(s, onFalse))
		}
	}
	var out []*rstate
	var armScopes []*scope
	// Arms that assign no variable share the scope.
	fork := csc.fork
	if !w.assigns(b) {
		fork = func(dot value) *scope { return csc.child(dot) }
	}
	if len(bodyIn) > 0 {
		bodyScope := fork(csc.dot)
		bsc := bodyScope
		if isWith {
			bsc = bodyScope.child(v)
		}
		out = append(out, w.walkList(b.List, bsc, bodyIn, w.withArm(arms, id, 0))...)
		armScopes = append(armScopes, bodyScope)
	}
	if len(elseIn) > 0 {
		elseScope := fork(sc.dot)
		ein := elseIn
		if b.ElseList != nil {
			ein = w.walkList(b.ElseList, elseScope, ein, w.withArm(arms, id, 1))
		}
		out = append(out, ein...)
		armScopes = append(armScopes, elseScope)
	}
	if w.assigns(b) {
		csc.join(armScopes)
	}
	return w.settle(out, id)
}

func (w *walker) walkRange(r *parse.RangeNode, sc *scope, in []*rstate, arms *arm) []*rstate {
	csc := sc.child(sc.dot)
	var v value
	for i, c := range r.Pipe.Cmds {
		var piped *value
		if i > 0 {
			piped = &v
		}
		v = w.evalCmd(c, csc, piped)
	}
	decl := r.Pipe.Decl
	id := int(r.Pos)
	l := &loopCtx{}
	w.loops = append(w.loops, l)
	defer func() { w.loops = w.loops[:len(w.loops)-1] }()

	if n, ok := v.lit.(int); ok && v.kind == kConst && n >= 0 && n <= maxIters {
		// range over an integer counts from 0.
		items := make([]value, n)
		for i := range items {
			items[i] = constValue(i, v.off)
		}
		v = value{kind: kList, items: items}
	}
	var out []*rstate
	if v.kind == kList && len(v.items) <= maxIters {
		states := in
		bodyStart := w.actionEnd(id)
		bodyEnd := w.branchEnd(r.List, bodyStart)
		for i, it := range v.items {
			if i > 0 {
				// The body renders again after its own end: a trim
				// marker that removed the line break at the end of the
				// last iteration (`{{- $v := 1 }}{{ end }}`) or before
				// this iteration's text (at the body's start) joins the
				// two.
				for j, s := range states {
					c := s.clone()
					if m, ok := w.trimmedBreak(s.lastEnd, bodyEnd); ok && c.gapMarker == 0 {
						c.gapMarker = m + 1
					}
					c.lastEnd = bodyStart
					states[j] = c
				}
			}
			bsc := csc.child(it)
			switch len(decl) {
			case 1:
				bsc.declare(decl[0].Ident[0], it)
			case 2:
				bsc.declare(decl[0].Ident[0], constValue(i, it.off))
				bsc.declare(decl[1].Ident[0], it)
			}
			states = w.walkList(r.List, bsc, states, arms)
			states = w.dedupe(append(states, l.cont...), id)
			l.cont = nil
		}
		if len(v.items) == 0 && r.ElseList != nil {
			states = w.walkList(r.ElseList, csc.child(sc.dot), states, w.withArm(arms, id, 1))
		}
		out = append(states, l.brk...)
		return w.settle(out, id)
	}
	// The elements are not known: follow zero iterations and one.
	elem := unknown(v)
	elem.notEnv = v.notEnv
	// The body runs or not: its assignments may or may not have happened.
	before := csc.fork(csc.dot)
	once := csc.fork(csc.dot)
	bsc := once.child(elem)
	switch len(decl) {
	case 1:
		bsc.declare(decl[0].Ident[0], elem)
	case 2:
		bsc.declare(decl[0].Ident[0], value{kind: kUnknown})
		bsc.declare(decl[1].Ident[0], elem)
	}
	onceOut := w.walkList(r.List, bsc, in, w.withArm(arms, id, 0))
	csc.join([]*scope{before, once})
	out = append(out, onceOut...)
	out = append(out, l.cont...)
	out = append(out, l.brk...)
	if r.ElseList != nil {
		out = append(out, w.walkList(r.ElseList, csc.child(sc.dot), in, w.withArm(arms, id, 1))...)
	} else {
		out = append(out, in...)
	}
	return w.settle(out, id)
}

func (w *walker) walkTemplate(t *parse.TemplateNode, sc *scope, in []*rstate, arms *arm) []*rstate {
	var arg parse.Node
	if t.Pipe != nil {
		arg = t.Pipe
	}
	return w.walkDefine(t.Name, arg, int(t.Pos), sc, in, arms)
}

// executeTemplateCall recognises `executeTemplate "name" [arg]` as a whole
// action: it renders the define's text, as {{ template }} does.
func executeTemplateCall(p *parse.PipeNode) (string, parse.Node, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 {
		return "", nil, false
	}
	args := p.Cmds[0].Args
	if len(args) < 2 || len(args) > 3 {
		return "", nil, false
	}
	id, ok := args[0].(*parse.IdentifierNode)
	if !ok || id.Ident != "executeTemplate" {
		return "", nil, false
	}
	name, ok := args[1].(*parse.StringNode)
	if !ok {
		return "", nil, false
	}
	if len(args) == 3 {
		return name.Text, args[2], true
	}
	return name.Text, nil, true
}

// walkDefine renders the define name with dot arg (nil: no dot).
func (w *walker) walkDefine(name string, arg parse.Node, off int, sc *scope, in []*rstate, arms *arm) []*rstate {
	tr := w.trees[name]
	if tr == nil {
		w.addExecFail(off, fmt.Sprintf("consul-template fails to render the template here: no template %q is defined", name))
		return nil
	}
	if tr.Root == nil {
		return in
	}
	if w.calls >= maxTmplCall {
		w.addDynamic(w.actionStart(off), "template calls nest too deeply to read statically")
		return in
	}
	dot := value{kind: kUnknown}
	if arg != nil {
		dot = w.evalArg(arg, sc.child(sc.dot))
	}
	tsc := &scope{dot: dot}
	tsc.declare("$", dot)
	w.calls++
	defer func() { w.calls-- }()
	// The define's text follows the caller's: a line break trimmed
	// before the call counts for the define's first text, and what
	// follows the call continues from the call.
	callEnd := w.actionEnd(off)
	entered := make([]*rstate, len(in))
	for i, s := range in {
		c := s.clone()
		if m, ok := w.trimmedBreak(s.lastEnd, callEnd); ok {
			c.gapMarker = m + 1
		}
		c.lastEnd = int(tr.Root.Pos)
		entered[i] = c
	}
	out := w.walkList(tr.Root, tsc, entered, arms)
	for i, s := range out {
		c := s.clone()
		// A break trimmed at the define's end (up to its next action,
		// usually its {{ end }}) counts for the caller's next text.
		if next := strings.Index(w.src[min(s.lastEnd, len(w.src)):], w.left); next >= 0 {
			if m, ok := w.trimmedBreak(s.lastEnd, w.actionEnd(s.lastEnd+next)); ok && c.gapMarker == 0 {
				c.gapMarker = m + 1
			}
		}
		c.lastEnd = callEnd
		out[i] = c
	}
	return out
}

// settle merges the paths leaving a branch. A path that is between
// statements no longer needs the assumptions made inside the branch, so
// dropping them lets paths that rendered the same text merge.
func (w *walker) settle(states []*rstate, id int) []*rstate {
	for i, s := range states {
		if !s.between() {
			continue
		}
		// An absent field stays assumed: a key rendered later on this
		// path is not an empty fallback of another field alone.
		keep := slices.DeleteFunc(slices.Clone(s.facts), func(f string) bool {
			return !w.repeated[f[:len(f)-2]] && !(strings.HasPrefix(f, "f:") && strings.HasSuffix(f, "=0"))
		})
		if len(s.absent) > 0 || len(keep) != len(s.facts) {
			c := s.clone()
			c.absent = nil
			c.facts = keep
			states[i] = c
		}
	}
	return w.dedupe(states, id)
}

func (w *walker) dedupe(states []*rstate, id int) []*rstate {
	seen := make(map[string]bool, len(states))
	out := states[:0:0]
	for _, s := range states {
		k := s.sig()
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	if len(out) > widenAt {
		out = widen(out)
	}
	w.peak = max(w.peak, min(len(out), maxStates))
	if len(out) > maxStates {
		w.addDynamic(w.actionStart(id), "template has too many branches to read statically")
		out = out[:maxStates]
		// A key still being written on a dropped path could be any of
		// them: read it as unknown rather than guess.
		for i, s := range out {
			if s.mode == mKey {
				c := s.clone()
				c.resetStatement()
				c.mode = mSkip
				out[i] = c
			}
		}
	}
	return out
}

// widen merges paths that read the same statement and differ only in the
// text and holes of its value, or in the fields assumed absent: optional
// segments of one value (`{{ if .X }}...{{ end }}` many times over) would
// otherwise double the paths each time. The merged path keeps every hole,
// so no field is lost, and only the fields absent on all of them.
func widen(states []*rstate) []*rstate {
	idx := map[string]int{}
	var out []*rstate
	for _, s := range states {
		k := s.coarseSig()
		i, ok := idx[k]
		if !ok {
			idx[k] = len(out)
			out = append(out, s.clone())
			continue
		}
		m := out[i]
		for j, h := range s.holes {
			if !slices.Contains(m.holes, h) {
				m.holes = append(m.holes, h)
				m.holeAt = append(m.holeAt, min(s.holeAt[j], len(m.val)))
			}
		}
		m.absent = slices.DeleteFunc(m.absent, func(f string) bool { return !contains(s.absent, f) })
		m.facts = slices.DeleteFunc(m.facts, func(f string) bool { return !contains(s.facts, f) })
	}
	return out
}

func (w *walker) feed(in []*rstate, p piece) []*rstate {
	out := make([]*rstate, 0, len(in))
	for _, s := range in {
		c := s.clone()
		if p.hole != nil {
			w.feedHole(c, p)
		} else {
			if !c.glue.active {
				w.checkMerged(c, p)
			}
			w.feedText(c, p)
		}
		c.lastEnd = p.end
		c.gapMarker = 0
		out = append(out, c)
	}
	return w.dedupe(out, p.off)
}
