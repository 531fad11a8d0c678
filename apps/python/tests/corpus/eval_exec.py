print(eval("1 + 2 * 3"), eval("[x * x for x in range(4)]"), eval("'a' + 'b'"))
ns = {"x": 10}
print(eval("x + 1", ns))
exec("y = 5\nz = y * 2", ns)
print(ns["y"], ns["z"])
exec("def sq(n): return n * n")
print(sq(7))
try:
    eval("1 +")
except SyntaxError as e:
    print("SyntaxError:", e)
code = "total = 0\nfor i in range(5):\n    total += i\n"
g = {}
exec(code, g)
print(g["total"])
