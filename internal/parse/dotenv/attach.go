package dotenv

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/envlint/envlint/internal/lint"
)

const (
	marker    = "[VAULT]"
	directive = "envlint:ignore"
	// maxGroups bounds the group markers that can be in force at once, so
	// that a hostile file of glob markers stays linear. Real files have a
	// handful per paragraph.
	maxGroups = 64
)

// attach is the structure pass: it gives entries their comment blocks,
// documentation, markers and directives.
func (p *parser) attach() {
	p.blocks()
	n := len(p.out.Entries)
	inline := make([]lint.Pos, n)
	group := make([]lint.Pos, n)
	for k, inf := range p.info {
		if inf.inline != nil {
			inline[k] = markerPos(inf.inline)
		}
	}
	p.groups(group)
	for k := range p.out.Entries {
		e := &p.out.Entries[k]
		inf := p.info[k]
		var block lint.Pos
		for _, c := range inf.block {
			if pos := markerPos(c); pos.Line > 0 && len(globs(c.text)) == 0 {
				block = pos
				p.checkScope(k, pos, inline, group)
				break
			}
		}
		for _, pos := range []lint.Pos{inline[k], block, group[k]} {
			if pos.Line > 0 {
				e.VaultMarker, e.MarkerPos = true, pos
				break
			}
		}
		e.Comment = doc(inf)
	}
	for _, it := range p.items {
		if it.kind != itemComment || it.entry >= 0 || it.note.entry >= 0 {
			continue
		}
		if pos := markerPos(it.note); pos.Line > 0 && len(globs(it.note.text)) == 0 {
			p.ambiguous(pos, "[VAULT] comment marks no key: a blank line or a bad line follows it; write the marker on the key's line (KEY= # [VAULT]) or directly above the key")
		}
	}
	p.directives()
	slices.SortStableFunc(p.out.Ambiguous, func(a, b lint.Problem) int { return comparePos(a.Pos, b.Pos) })
}

// blocks finds each entry's comment block: the whole-line comments directly
// above it, up to a blank line, a commented-out entry or anything else.
func (p *parser) blocks() {
	for k := range p.info {
		inf := &p.info[k]
		if !inf.first {
			continue
		}
		line := p.items[inf.item].line
		for j := inf.item - 1; j >= 0; j-- {
			c := p.items[j]
			if c.kind != itemComment || c.entry >= 0 || c.endLine != line-1 {
				break
			}
			c.note.entry = k
			inf.block = append(inf.block, c.note)
			line = c.line
		}
		slices.Reverse(inf.block)
	}
}

// groupMarker is a whole-line [VAULT] comment that names globs.
type groupMarker struct {
	pos     lint.Pos
	globs   []string
	matched bool
}

// groups applies group markers: each marks the entries that match one of
// its globs, from its line to the next blank line. group[k] receives the
// position of the nearest group marker that marks entry k.
func (p *parser) groups(group []lint.Pos) {
	var active []*groupMarker
	flush := func() {
		for _, g := range active {
			if !g.matched {
				p.ambiguous(g.pos, fmt.Sprintf("[VAULT] comment names %s but no key below it matches before the next blank line", strings.Join(g.globs, ", ")))
			}
		}
		active = active[:0]
	}
	prevEnd := 0
	for _, it := range p.items {
		if it.line > prevEnd+1 {
			flush()
		}
		prevEnd = max(prevEnd, it.endLine)
		switch {
		case it.entry >= 0:
			name := p.out.Entries[it.entry].Name
			for i := len(active) - 1; i >= 0; i-- {
				g := active[i]
				if matchAny(g.globs, name) {
					g.matched = true
					if group[it.entry].Line == 0 {
						group[it.entry] = g.pos
					}
				}
			}
		case it.kind == itemComment:
			pos := markerPos(it.note)
			if pos.Line == 0 {
				continue
			}
			if gs := globs(it.note.text); len(gs) > 0 {
				if len(active) == maxGroups {
					active = active[1:]
				}
				active = append(active, &groupMarker{pos: pos, globs: gs})
			}
		}
	}
	flush()
}

// checkScope reports the block marker at pos, which marks entry k, as
// Ambiguous when entries follow k on the next lines without a blank or a
// comment line between and one of them has no marker of its own.
func (p *parser) checkScope(k int, pos lint.Pos, inline, group []lint.Pos) {
	prevEnd := p.items[p.info[k].item].endLine
	for j := p.info[k].item + 1; j < len(p.items); j++ {
		it := p.items[j]
		if it.entry < 0 || it.line > prevEnd+1 {
			return
		}
		if inline[it.entry].Line == 0 && group[it.entry].Line == 0 {
			e := p.out.Entries[it.entry]
			p.ambiguous(pos, fmt.Sprintf("[VAULT] comment above %s may also be meant for %s on line %d: write the marker on each key's line (KEY= # [VAULT]) or name a glob (# [VAULT] PREFIX_*)",
				p.out.Entries[k].Name, e.Name, e.Pos.Line))
			return
		}
		prevEnd = it.endLine
	}
}

func (p *parser) ambiguous(pos lint.Pos, msg string) {
	p.out.Ambiguous = append(p.out.Ambiguous, lint.Problem{Pos: pos, Msg: msg})
}

// directives collects the ignore directives with the key each applies to.
func (p *parser) directives() {
	add := func(n *note, key string) {
		if d, ok := parseDirective(n); ok {
			d.Key = key
			p.out.Directives = append(p.out.Directives, d)
		}
	}
	for _, it := range p.items {
		if it.kind != itemComment || it.entry >= 0 {
			continue
		}
		key := ""
		if it.note.entry >= 0 {
			key = p.out.Entries[it.note.entry].Name
		}
		add(it.note, key)
	}
	for k, inf := range p.info {
		if inf.inline != nil {
			add(inf.inline, p.out.Entries[k].Name)
		}
	}
	slices.SortStableFunc(p.out.Directives, func(a, b lint.Directive) int { return comparePos(a.Pos, b.Pos) })
}

// directiveText returns the comment's text after `envlint:ignore`, if it is
// a directive.
func directiveText(n *note) (string, bool) {
	t := strings.TrimSpace(strings.TrimLeft(n.text, "#"))
	rest, ok := strings.CutPrefix(t, directive)
	if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return "", false
	}
	return rest, true
}

func parseDirective(n *note) (lint.Directive, bool) {
	rest, ok := directiveText(n)
	if !ok {
		return lint.Directive{}, false
	}
	d := lint.Directive{Pos: n.pos}
	f := strings.Fields(rest)
	if len(f) > 0 {
		for r := range strings.SplitSeq(f[0], ",") {
			if r != "" {
				d.Rules = append(d.Rules, r)
			}
		}
		d.Reason = strings.TrimSpace(strings.TrimSpace(rest)[len(f[0]):])
	}
	return d, true
}

// markerPos returns the position of the first [VAULT] in the comment, or
// the zero Pos.
func markerPos(n *note) lint.Pos {
	i := strings.Index(n.text, marker)
	if i < 0 {
		return lint.Pos{}
	}
	pos := n.pos
	pos.Col += 1 + i
	return pos
}

// globs returns the words of a comment that are globs over env names: upper-
// case name characters with at least one `*` or `?`, such as S3_* or *_KEY.
func globs(text string) []string {
	if !strings.ContainsAny(text, "*?") {
		return nil
	}
	var gs []string
	for _, w := range strings.Fields(text) {
		if w = strings.Trim(w, ".,;:!()[]{}\"'`"); isGlob(w) {
			gs = append(gs, w)
		}
	}
	return gs
}

func isGlob(w string) bool {
	wild, name := false, false
	for _, c := range []byte(w) {
		switch {
		case c == '*' || c == '?':
			wild = true
		case c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_':
			name = true
		default:
			return false
		}
	}
	return wild && name
}

func matchAny(globs []string, name string) bool {
	for _, g := range globs {
		if ok, _ := path.Match(g, name); ok {
			return true
		}
	}
	return false
}

// doc builds an entry's Comment from its block and inline comment.
func doc(inf entryInfo) string {
	var lines []string
	for _, n := range inf.block {
		if s, ok := docLine(n); ok {
			lines = append(lines, s)
		}
	}
	if inf.inline != nil {
		if s, ok := docLine(inf.inline); ok {
			lines = append(lines, s)
		}
	}
	return strings.Join(lines, "\n")
}

// docLine is the human text of a comment: no `#`, no [VAULT] token, no
// directive, and nothing if no letter or digit is left.
func docLine(n *note) (string, bool) {
	if _, ok := directiveText(n); ok {
		return "", false
	}
	t := strings.TrimLeft(n.text, "#")
	if strings.Contains(t, marker) {
		t = strings.Join(strings.Fields(strings.ReplaceAll(t, marker, " ")), " ")
	}
	t = strings.TrimSpace(t)
	for _, r := range t {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return t, true
		}
	}
	return "", false
}

func comparePos(a, b lint.Pos) int {
	if a.Line != b.Line {
		return a.Line - b.Line
	}
	return a.Col - b.Col
}
