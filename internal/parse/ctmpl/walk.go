package ctmpl

import (
	"slices"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/envlint/envlint/internal/lint"
)

// Bounds on the walk. Real templates stay far below them; a template that
// exceeds one gets a Dynamic problem instead of a guess.
const (
	maxStates   = 128     // rendering paths followed at once
	maxSteps    = 200_000 // nodes visited
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
}

// piece is a run of rendered text, or a hole where a value is rendered.
type piece struct {
	text  string
	off   int  // source offset of text[0]
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
	name   string
	off    int
	arms   *arm
	val    []byte
	holes  []*hole
	holeAt []int // index in val where each hole renders
	quoted bool
	absent []string
}

type walker struct {
	file, src, left string
	lines           lineIndex
	trees           map[string]*parse.Tree

	secrets   []lint.SecretRef
	secretOff map[int]int
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
}

func newWalker(file, src, left string, lines lineIndex, trees map[string]*parse.Tree) *walker {
	return &walker{
		file: file, src: src, left: left, lines: lines, trees: trees,
		secretOff: map[int]int{}, dynSeen: map[int]bool{},
	}
}

func (w *walker) run() {
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

func (w *walker) pos(off int) lint.Pos { return w.lines.pos(w.file, off) }

func (w *walker) addSecret(identOff int, path string, pathArgs []string) int {
	if i, ok := w.secretOff[identOff]; ok {
		return i
	}
	w.secrets = append(w.secrets, lint.SecretRef{Pos: w.pos(w.actionStart(identOff)), Path: path, PathArgs: pathArgs})
	w.secretOff[identOff] = len(w.secrets)
	return len(w.secrets)
}

func (w *walker) addDynamic(off int, msg string) {
	if w.dynSeen[off] {
		return
	}
	w.dynSeen[off] = true
	w.dynamic = append(w.dynamic, lint.Problem{Pos: w.pos(off), Msg: msg})
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
	if w.steps > maxSteps {
		w.addDynamic(w.actionStart(int(n.Position())), "template is too complex to read statically")
		return in
	}
	switch n := n.(type) {
	case *parse.TextNode:
		return w.feed(in, piece{text: string(n.Text), off: int(n.Pos), arms: arms})
	case *parse.ActionNode:
		v := w.evalPipe(n.Pipe, sc)
		if len(n.Pipe.Decl) > 0 {
			return in
		}
		if v.kind == kConst {
			return w.feed(in, piece{text: v.s, off: v.off, fixed: true, arms: arms})
		}
		start := w.actionStart(int(n.Pos))
		return w.feed(in, piece{hole: &hole{off: start, val: v}, off: start, arms: arms})
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

func (w *walker) loop() *loopCtx {
	if len(w.loops) == 0 {
		return nil
	}
	return w.loops[len(w.loops)-1]
}

func withArm(up *arm, node, n int) *arm { return &arm{node: node, n: n, up: up} }

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
	t := v.truthy()
	var out []*rstate
	if t != 0 {
		bsc := csc
		if isWith {
			bsc = csc.child(v)
		}
		out = append(out, w.walkList(b.List, bsc, in, withArm(arms, id, 0))...)
	}
	if t != 1 {
		ein := in
		if v.kind == kField {
			// The else branch runs when the field is absent (or empty).
			ein = assumeAbsent(in, v.field)
		}
		if b.ElseList != nil {
			ein = w.walkList(b.ElseList, csc.child(sc.dot), ein, withArm(arms, id, 1))
		}
		out = append(out, ein...)
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

	var out []*rstate
	if v.kind == kList && len(v.items) <= maxIters {
		states := in
		for i, it := range v.items {
			bsc := csc.child(it)
			switch len(decl) {
			case 1:
				bsc.declare(decl[0].Ident[0], it)
			case 2:
				bsc.declare(decl[0].Ident[0], value{kind: kConst, s: strconv.Itoa(i), off: it.off, truth: boolInt(i != 0)})
				bsc.declare(decl[1].Ident[0], it)
			}
			states = w.walkList(r.List, bsc, states, arms)
			states = w.dedupe(append(states, l.cont...), id)
			l.cont = nil
		}
		if len(v.items) == 0 && r.ElseList != nil {
			states = w.walkList(r.ElseList, csc.child(sc.dot), states, withArm(arms, id, 1))
		}
		out = append(states, l.brk...)
		return w.settle(out, id)
	}
	// The elements are not known: follow zero iterations and one.
	elem := unknown(v)
	elem.notEnv = v.notEnv
	bsc := csc.child(elem)
	switch len(decl) {
	case 1:
		bsc.declare(decl[0].Ident[0], elem)
	case 2:
		bsc.declare(decl[0].Ident[0], value{kind: kUnknown})
		bsc.declare(decl[1].Ident[0], elem)
	}
	once := w.walkList(r.List, bsc, in, withArm(arms, id, 0))
	out = append(out, once...)
	out = append(out, l.cont...)
	out = append(out, l.brk...)
	if r.ElseList != nil {
		out = append(out, w.walkList(r.ElseList, csc.child(sc.dot), in, withArm(arms, id, 1))...)
	} else {
		out = append(out, in...)
	}
	return w.settle(out, id)
}

func (w *walker) walkTemplate(t *parse.TemplateNode, sc *scope, in []*rstate, arms *arm) []*rstate {
	tr := w.trees[t.Name]
	if tr == nil || tr.Root == nil {
		return in
	}
	if w.calls >= maxTmplCall {
		w.addDynamic(w.actionStart(int(t.Pos)), "template calls nest too deeply to read statically")
		return in
	}
	dot := value{kind: kUnknown}
	if t.Pipe != nil {
		dot = w.evalPipe(t.Pipe, sc.child(sc.dot))
	}
	tsc := &scope{dot: dot}
	tsc.declare("$", dot)
	w.calls++
	defer func() { w.calls-- }()
	return w.walkList(tr.Root, tsc, in, arms)
}

// settle merges the paths leaving a branch. A path that is between
// statements no longer needs the assumptions made inside the branch, so
// dropping them lets paths that rendered the same text merge.
func (w *walker) settle(states []*rstate, id int) []*rstate {
	for i, s := range states {
		if s.between() && len(s.absent) > 0 {
			c := s.clone()
			c.absent = nil
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

func assumeAbsent(in []*rstate, field string) []*rstate {
	out := make([]*rstate, len(in))
	for i, s := range in {
		c := s.clone()
		if !contains(c.absent, field) {
			c.absent = append(c.absent, field)
			slices.Sort(c.absent)
		}
		out[i] = c
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
			w.feedText(c, p)
		}
		out = append(out, c)
	}
	return w.dedupe(out, p.off)
}
