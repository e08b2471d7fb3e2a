package ctmpl

import "text/template/parse"

// visitTree calls f on n and every node below it: list elements, the
// pipelines, lists and else lists of if/with/range, template calls'
// pipelines, commands and their arguments.
func visitTree(n parse.Node, f func(parse.Node)) {
	switch n := n.(type) {
	case nil:
		return
	case *parse.ListNode:
		if n == nil {
			return
		}
		f(n)
		for _, c := range n.Nodes {
			visitTree(c, f)
		}
		return
	case *parse.PipeNode:
		if n == nil {
			return
		}
		f(n)
		for _, c := range n.Cmds {
			visitTree(c, f)
		}
		return
	}
	f(n)
	switch n := n.(type) {
	case *parse.ActionNode:
		visitTree(n.Pipe, f)
	case *parse.IfNode:
		visitBranch(&n.BranchNode, f)
	case *parse.WithNode:
		visitBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		visitBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		visitTree(n.Pipe, f)
	case *parse.CommandNode:
		for _, a := range n.Args {
			visitTree(a, f)
		}
	case *parse.ChainNode:
		visitTree(n.Node, f)
	}
}

func visitBranch(b *parse.BranchNode, f func(parse.Node)) {
	visitTree(b.Pipe, f)
	visitTree(b.List, f)
	visitTree(b.ElseList, f)
}
