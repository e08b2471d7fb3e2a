# Prints, for each Python file named on the command line, what envlint's
# reader must agree on: every class (name, line, bases as dotted names) and
# the simple annotated assignments directly in its body (name, line, col).
# A file that does not parse prints its syntax error's line.
import ast, json, sys

def dotted(e):
    if isinstance(e, ast.Name):
        return e.id
    if isinstance(e, ast.Attribute):
        d = dotted(e.value)
        return d + "." + e.attr if d else ""
    if isinstance(e, ast.Subscript):
        return dotted(e.value)
    return ""

out = {}
for path in sys.argv[1:]:
    try:
        src = open(path, "rb").read()
        tree = ast.parse(src, path)
    except (SyntaxError, ValueError) as e:
        out[path] = {"error": getattr(e, "lineno", 0) or 0}
        continue
    classes = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            fields = [[s.target.id, s.lineno, s.col_offset + 1] for s in node.body
                      if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name) and s.simple]
            classes.append({"name": node.name, "line": node.lineno, "bases": [dotted(b) for b in node.bases], "fields": fields})
    classes.sort(key=lambda c: (c["line"], c["name"]))
    out[path] = {"classes": classes}
json.dump(out, sys.stdout)
