# Strings of every shape, so that no quote ends a string early.
a = 'it''s'
b = "say \"hi\""
c = r'\d+\''
d = b'\x00' rb"\\" Rb'x' BR"y"
e = f"{a!r:>10} {{literal}} {b['k']}"
g = f'{f"{a}"}'
h = f"{'nested'}"
i = f"{x:{width}.{precision}}"
j = """triple "quoted"
with 'quotes' and \"\"\" escapes"""
k = '''single
triple'''
l = u"unicode"
m = F"upper {a}" FR"raw {a}" Rf'{a}\d'
n = "line \
continued"
o = (
    "implicit"
    "concatenation"
)
p = f"""multi
{a
 + b}
line"""
q = f"{a=}"
r = f"{a!s}"
s = f"{'a' if a else 'b'}"
t = f"{ {'k': 1}['k'] }"
u = f"{x:%Y-%m-%d}"


class AfterStrings:
    after: str = "#not a comment"
    also: int = 1  # a comment with 'quote
