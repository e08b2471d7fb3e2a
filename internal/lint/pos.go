package lint

import "fmt"

// Pos is a location in a source file. File is relative to the directory
// envlint runs in (the -C directory) and uses forward slashes. Line and Col
// are 1-based; Col counts bytes, as go/token does. Zero means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line[:col], omitting unknown parts.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return "-"
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
}

// Less orders positions by file, line and column.
func (p Pos) Less(q Pos) bool {
	if p.File != q.File {
		return p.File < q.File
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}

// Problem is a positioned message produced while reading a source: a syntax
// error, or something that cannot be resolved statically. Parsers return
// problems; the rule engine turns them into findings.
type Problem struct {
	Pos Pos
	Msg string
}
