// Package fix edits example files (.env.example) to resolve the findings
// envlint can fix mechanically: it adds missing keys, adds and removes
// [VAULT] markers, and removes orphaned keys.
//
// Edits are byte-exact: every line an edit does not target is kept as it
// was, with its comments, blank lines, order, quoting, `export`, line ends
// and byte order mark, and a file without a final line end keeps lacking
// one. New lines use the file's line end.
//
// Each edit is checked before it is kept: the edited file is parsed again
// (package dotenv) and must read exactly as the original, except for the
// one entry the edit targets, which must read as intended. An edit that
// fails the check (a glob marker that also marks other keys, two
// statements on one line, a value that cannot be quoted) is tried in the
// next safest form, or skipped with a reason; it is never written half-done.
package fix

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/dotenv"
)

// Kind is what an Edit does.
type Kind int

// The kinds of edit.
const (
	// AddKey adds an entry for a key the example does not document.
	AddKey Kind = iota + 1
	// AddMarker adds a [VAULT] marker to an entry.
	AddMarker
	// RemoveMarker removes the [VAULT] markers that apply to an entry.
	RemoveMarker
	// RemoveKey removes an entry with its comment block.
	RemoveKey
)

func (k Kind) String() string {
	switch k {
	case AddKey:
		return "add"
	case AddMarker:
		return "mark [VAULT]"
	case RemoveMarker:
		return "unmark [VAULT]"
	case RemoveKey:
		return "remove"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Edit is one change to an example file.
type Edit struct {
	Kind Kind
	Name string
	// Line is, for AddMarker, RemoveMarker and RemoveKey, the line of the
	// entry the edit applies to, in the file as given to Apply.
	Line int

	// The rest is for AddKey.

	// Doc is written as `# ` comment lines above the new entry.
	Doc string
	// Value is the example value; it is quoted as needed.
	Value string
	// Vault adds a [VAULT] marker to the new entry.
	Vault bool
	// After lists keys the new entry belongs next to, best first (the
	// keys of the same struct that come before it, nearest first). A key
	// sharing a longer `_`-separated prefix with an entry takes precedence;
	// with neither, the entry is added at the end of the file.
	After []string
}

// Skipped is an edit Apply could not make safely.
type Skipped struct {
	Edit   Edit
	Reason string
}

// Result is the outcome of Apply.
type Result struct {
	// Src is the edited file; it is the input when no edit was made.
	Src []byte
	// Done lists the edits made, in the order they were made.
	Done []Edit
	// Skipped lists the edits that were not made, with why.
	Skipped []Skipped
}

// Apply makes edits to the example file src, whose root-relative path is
// file. Removals come first, then marker changes, then additions in the
// order given. Apply never fails: an edit it cannot make is in Skipped.
func Apply(file string, src []byte, edits []Edit) *Result {
	s := &state{file: file, src: src, ef: dotenv.Parse(file, src)}
	s.ids = make([]int, len(s.ef.Entries))
	for i := range s.ids {
		s.ids[i] = i
	}
	s.inline = inlineStyle(s.ef)
	res := &Result{}
	type target struct {
		e  Edit
		id int
	}
	var removals, unmarks, marks []target
	var adds []Edit
	for _, e := range edits {
		if e.Kind == AddKey {
			adds = append(adds, e)
			continue
		}
		id := slices.IndexFunc(s.ef.Entries, func(x lint.ExampleEntry) bool { return x.Name == e.Name && x.Pos.Line == e.Line })
		if id < 0 {
			res.Skipped = append(res.Skipped, Skipped{e, fmt.Sprintf("no entry %s on line %d", e.Name, e.Line)})
			continue
		}
		switch e.Kind {
		case RemoveKey:
			removals = append(removals, target{e, id})
		case RemoveMarker:
			unmarks = append(unmarks, target{e, id})
		case AddMarker:
			marks = append(marks, target{e, id})
		default:
			res.Skipped = append(res.Skipped, Skipped{e, "unknown kind of edit"})
		}
	}
	// Bottom-up, so that a removal never moves a line a later one names.
	slices.SortStableFunc(removals, func(a, b target) int { return cmp.Compare(b.id, a.id) })
	run := func(ts []target, do func(Edit, int) string) {
		for _, t := range ts {
			i := slices.Index(s.ids, t.id)
			if i < 0 {
				res.Skipped = append(res.Skipped, Skipped{t.e, "the entry was removed"})
				continue
			}
			if why := do(t.e, i); why != "" {
				res.Skipped = append(res.Skipped, Skipped{t.e, why})
				continue
			}
			res.Done = append(res.Done, t.e)
		}
	}
	run(removals, s.removeKey)
	run(unmarks, s.removeMarker)
	run(marks, s.addMarker)
	for _, e := range adds {
		if why := s.addKey(e); why != "" {
			res.Skipped = append(res.Skipped, Skipped{e, why})
			continue
		}
		res.Done = append(res.Done, e)
	}
	res.Src = s.src
	return res
}

// state is the file as edited so far.
type state struct {
	file   string
	src    []byte
	ef     *lint.ExampleFile
	ids    []int // the original index of each entry, -1 for added ones
	inline bool  // write [VAULT] markers inline rather than above
}

// inlineStyle reports whether the file writes [VAULT] markers on the
// key's line (`KEY= # [VAULT]`) rather than above it: whichever its
// markers do more often, inline when tied. A glob marker, which marks
// several entries from one line, says nothing about the style.
func inlineStyle(ef *lint.ExampleFile) bool {
	uses := map[lint.Pos]int{}
	for _, e := range ef.Entries {
		if e.VaultMarker {
			uses[e.MarkerPos]++
		}
	}
	inline, above := 0, 0
	for _, e := range ef.Entries {
		switch {
		case !e.VaultMarker || uses[e.MarkerPos] > 1:
		case e.MarkerPos.Line >= e.Pos.Line:
			inline++
		default:
			above++
		}
	}
	return inline >= above
}

// entry is what an entry reads as, for comparing two parses.
type entry struct {
	Name, Value, Comment     string
	Commented, Export, Vault bool
}

func view(e *lint.ExampleEntry) entry {
	v := e.Value
	if e.ValueIsComment {
		v = ""
	}
	return entry{Name: e.Name, Value: v, Comment: e.Comment, Commented: e.Commented, Export: e.Export, Vault: e.VaultMarker}
}

// try parses candidate sources in turn and keeps the first that check
// accepts; check gets the new parse and returns what it found wrong.
func (s *state) try(cands [][]byte, check func(ef *lint.ExampleFile, i int) string) string {
	why := "no way to make this edit"
	for i, c := range cands {
		if c == nil {
			continue
		}
		ef := dotenv.Parse(s.file, c)
		if len(ef.Errors) > len(s.ef.Errors) {
			why = "the edit would make the file unreadable"
			continue
		}
		if len(ef.Ambiguous) > len(s.ef.Ambiguous) {
			why = "the edit would make a [VAULT] marker ambiguous"
			continue
		}
		if w := check(ef, i); w != "" {
			why = w
			continue
		}
		s.src, s.ef = c, ef
		return ""
	}
	return why
}

// sameExcept checks that b reads as a with entry i of a replaced by the
// entries b[i:i+n] (n is 0 for a removal, 1 otherwise), and returns what
// differs.
func sameExcept(a, b *lint.ExampleFile, i, n int) string {
	if len(b.Entries) != len(a.Entries)-1+n {
		return "the edit would add or remove other entries"
	}
	for j := range a.Entries {
		if j == i {
			continue
		}
		k := j
		if j > i {
			k = j - 1 + n
		}
		if view(&a.Entries[j]) != view(&b.Entries[k]) {
			return fmt.Sprintf("the edit would also change %s (line %d)", a.Entries[j].Name, a.Entries[j].Pos.Line)
		}
	}
	return ""
}

func (s *state) addMarker(e Edit, i int) string {
	t := newText(s.src)
	ent := &s.ef.Entries[i]
	sp, ok := t.entrySpan(ent)
	if !ok {
		return "cannot locate the entry"
	}
	inline := func() []byte {
		if sp.comment < 0 {
			return t.splice(sp.contentEnd, sp.contentEnd, " # [VAULT]")
		}
		after := sp.comment + 1
		if strings.TrimSpace(string(t.src[after:sp.contentEnd])) == "" {
			return t.splice(sp.comment, sp.contentEnd, "# [VAULT]")
		}
		if t.src[after] == ' ' {
			after++
		}
		return t.splice(after, after, "[VAULT] ")
	}()
	above := t.insertLines(sp.first-1, []string{indent(t, sp.first) + "# [VAULT]"})
	cands := [][]byte{inline, above}
	if !s.inline {
		cands = [][]byte{above, inline}
	}
	want := view(ent)
	want.Vault = true
	return s.try(cands, func(ef *lint.ExampleFile, _ int) string {
		if w := sameExcept(s.ef, ef, i, 1); w != "" {
			return w
		}
		if view(&ef.Entries[i]) != want {
			return "the marker would not apply to the entry"
		}
		return ""
	})
}

func indent(t *text, i int) string {
	b := t.body(i)
	n := 0
	for n < len(b) && (b[n] == ' ' || b[n] == '\t') {
		n++
	}
	return string(b[:n])
}

func (s *state) removeMarker(e Edit, i int) string {
	// An entry may carry several markers (inline and above); each round
	// removes the nearest, which is the one MarkerPos names.
	for range 4 {
		ent := &s.ef.Entries[i]
		if !ent.VaultMarker {
			return ""
		}
		t := newText(s.src)
		sp, ok := t.entrySpan(ent)
		m := t.offset(ent.MarkerPos)
		if !ok || m < 0 || !strings.HasPrefix(string(t.src[m:]), "[VAULT]") {
			return "cannot locate the [VAULT] marker"
		}
		ml := t.lineAt(m)
		ownLine := ml >= sp.first && ml <= sp.last
		cand := unmark(t, m, ownLine)
		want := view(ent)
		line := ent.MarkerPos.Line
		why := s.try([][]byte{cand}, func(ef *lint.ExampleFile, _ int) string {
			if w := sameExcept(s.ef, ef, i, 1); w != "" {
				return fmt.Sprintf("the [VAULT] comment on line %d marks other keys too: %s", line, w)
			}
			got := view(&ef.Entries[i])
			got.Vault = want.Vault
			if got != want {
				return "removing the marker would change the entry"
			}
			return ""
		})
		if why != "" {
			return why
		}
	}
	return "the entry has too many [VAULT] markers"
}

// unmark removes the [VAULT] token at offset m, with the blank that
// separates it from the rest of its comment. A comment left empty goes
// too: the whole line when it is a comment line, else the inline comment
// with the blanks before it.
func unmark(t *text, m int, ownLine bool) []byte {
	li := t.lineAt(m)
	l := t.lines[li]
	from, to := m, m+len("[VAULT]")
	if to < l.end && t.src[to] == ' ' {
		to++
	} else if from > l.start && t.src[from-1] == ' ' && from-2 >= l.start && t.src[from-2] != '#' {
		from--
	}
	hash := strings.LastIndexByte(string(t.src[l.start:m]), '#')
	if hash < 0 {
		return t.splice(from, to, "")
	}
	hash += l.start
	rest := string(t.src[hash+1:from]) + string(t.src[to:l.end])
	if strings.Trim(rest, " \t#") != "" {
		return t.splice(from, to, "")
	}
	if !ownLine && t.isComment(li) && strings.Trim(string(t.body(li)), " \t#") == "[VAULT]" {
		return t.deleteLines(li, li)
	}
	start := hash
	for start > l.start && (t.src[start-1] == ' ' || t.src[start-1] == '\t') {
		start--
	}
	if !ownLine && start == l.start {
		return t.deleteLines(li, li)
	}
	return t.splice(start, l.end, "")
}

func (s *state) removeKey(e Edit, i int) string {
	t := newText(s.src)
	sp, ok := t.entrySpan(&s.ef.Entries[i])
	if !ok {
		return "cannot locate the entry"
	}
	// The comment block: comment lines directly above that are not
	// entries themselves.
	starts := map[int]bool{}
	for j := range s.ef.Entries {
		starts[s.ef.Entries[j].Pos.Line-1] = true
	}
	block := sp.first
	for block > 0 && t.isComment(block-1) && !starts[block-1] {
		block--
	}
	del := func(a int) []byte {
		b := sp.last
		// Do not leave two blank lines where one separated the entry from
		// its neighbours, nor a blank line at either end of the file.
		before := a == 0 || t.blank(a-1)
		switch {
		case b+1 < len(t.lines) && t.blank(b+1) && before:
			b++
		case b+1 == len(t.lines) && a > 0 && t.blank(a-1):
			a--
		}
		return t.deleteLines(a, b)
	}
	cands := [][]byte{del(block)}
	if block != sp.first {
		cands = append(cands, del(sp.first))
	}
	why := s.try(cands, func(ef *lint.ExampleFile, _ int) string {
		return sameExcept(s.ef, ef, i, 0)
	})
	if why == "" {
		s.ids = slices.Delete(s.ids, i, i+1)
	}
	return why
}

func (s *state) addKey(e Edit) string {
	t := newText(s.src)
	body := docLines(e.Doc)
	values := quotings(e.Value)
	anchors := []int{s.anchor(e)}
	if anchors[0] != len(t.lines)-1 {
		anchors = append(anchors, len(t.lines)-1)
	}
	// Candidates, preferred first: the file's marker style before the
	// other, the entry's relatives before the end of the file, no blank
	// line before one (a blank line ends a glob marker's reach and keeps a
	// marker above the previous entry from becoming ambiguous), and as
	// last resorts without the doc comment and with an empty value.
	var cands [][]byte
	var candValues []string
	for _, withDoc := range []bool{true, false} {
		for _, v := range values {
			for _, inline := range []bool{s.inline, !s.inline} {
				for _, at := range anchors {
					for _, sep := range []bool{false, true} {
						var ls []string
						if sep || at == len(t.lines)-1 && at >= 0 && !t.blank(at) && !s.endsEntry(t, at) {
							ls = append(ls, "")
						}
						if withDoc {
							ls = append(ls, body...)
						}
						kv := e.Name + "=" + v
						switch {
						case !e.Vault:
						case inline:
							kv += " # [VAULT]"
						default:
							ls = append(ls, "# [VAULT]")
						}
						cands = append(cands, t.insertLines(at, append(ls, kv)))
						candValues = append(candValues, v)
					}
				}
			}
		}
		if body == nil {
			break
		}
	}
	want := entry{Name: e.Name, Value: e.Value, Vault: e.Vault}
	return s.try(cands, func(ef *lint.ExampleFile, c int) string {
		if len(ef.Entries) != len(s.ef.Entries)+1 {
			return "the new lines would not read as one entry"
		}
		k := 0
		for k < len(s.ef.Entries) && view(&s.ef.Entries[k]) == view(&ef.Entries[k]) {
			k++
		}
		got := view(&ef.Entries[k])
		got.Comment = ""
		w := want
		if candValues[c] == "" {
			w.Value = "" // the last resort: a value that cannot be written is left empty
		}
		if got != w {
			return "the new entry would not read as intended"
		}
		if why := sameExcept(ef, s.ef, k, 0); why != "" {
			return why
		}
		s.ids = slices.Insert(s.ids, k, -1)
		return ""
	})
}

// endsEntry reports whether line i is the last line of an entry.
func (s *state) endsEntry(t *text, i int) bool {
	for j := range s.ef.Entries {
		if sp, ok := t.entrySpan(&s.ef.Entries[j]); ok && sp.last == i {
			return true
		}
	}
	return false
}

// anchor returns the line after which to add e: after the last entry that
// shares the longest `_`-prefix with it, else after the last entry of a
// key in e.After, else at the end of the file.
func (s *state) anchor(e Edit) int {
	t := newText(s.src)
	words := strings.Split(e.Name, "_")
	best, at := 0, -1
	for j := range s.ef.Entries {
		n := sharedWords(words, strings.Split(s.ef.Entries[j].Name, "_"))
		if n > 0 && n >= best {
			best, at = n, j
		}
	}
	if at < 0 {
	after:
		for _, name := range e.After {
			for j := len(s.ef.Entries) - 1; j >= 0; j-- {
				if s.ef.Entries[j].Name == name {
					at = j
					break after
				}
			}
		}
	}
	if at >= 0 {
		if sp, ok := t.entrySpan(&s.ef.Entries[at]); ok {
			return sp.last
		}
	}
	return len(t.lines) - 1
}

// sharedWords counts the leading words two names share. A name is not
// its own prefix: FOO and FOO_BAR share one word.
func sharedWords(a, b []string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] && a[n] != "" {
		n++
	}
	return n
}

// docLines turns a field's doc into comment lines. A doc that would read
// as something else in a comment (a marker, a directive) is left out.
func docLines(doc string) []string {
	doc = strings.TrimSpace(doc)
	if doc == "" || strings.Contains(doc, "[VAULT]") || strings.Contains(doc, "envlint:") {
		return nil
	}
	var ls []string
	for l := range strings.SplitSeq(doc, "\n") {
		l = strings.TrimRight(l, " \t\r")
		if l == "" {
			ls = append(ls, "#")
			continue
		}
		ls = append(ls, "# "+l)
	}
	return ls
}

// quotings returns ways to write v, plainest first; the parse check picks
// the first that reads back as v. The empty value is the last resort.
func quotings(v string) []string {
	if v == "" {
		return []string{""}
	}
	dq := `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "$", `\$`).Replace(v) + `"`
	sq := "'" + v + "'"
	if strings.ContainsAny(v, "\r\n") {
		// One line is easier to read than a quote spanning several.
		return []string{v, dq, sq, ""}
	}
	return []string{v, sq, dq, ""}
}
