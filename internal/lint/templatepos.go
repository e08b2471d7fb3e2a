package lint

// Positions returns a pointer to every position a template holds, so that
// a reader that parsed the template out of a larger file (an HCL string, a
// YAML block scalar) can move them to where the text is written.
func (t *Template) Positions() []*Pos {
	var ps []*Pos
	for i := range t.Keys {
		ps = append(ps, &t.Keys[i].Pos, &t.Keys[i].SecretPos)
	}
	for i := range t.Secrets {
		ps = append(ps, &t.Secrets[i].Pos)
	}
	for _, probs := range [][]Problem{t.Dynamic, t.Errors, t.RenderErrors} {
		for i := range probs {
			ps = append(ps, &probs[i].Pos)
		}
	}
	for i := range t.Directives {
		ps = append(ps, &t.Directives[i].Pos)
	}
	for i := range t.Merged {
		ps = append(ps, &t.Merged[i].Pos, &t.Merged[i].KeyPos)
	}
	return ps
}

// Start is where findings about the whole template point: its first line,
// or where an inline template is written.
func (t *Template) Start() Pos {
	if t.Pos.File != "" {
		return t.Pos
	}
	return Pos{File: t.File, Line: 1}
}
