# Tricky corners
print(1_000.5, 0o17, 0b1010, 0xff, 1e3, 1E-2, .5, 5.)
a = b = c = []
a.append(1); print(b, c is a)
x = y = 5; x += 1; print(x, y)
print([1, 2, 3][-4:10], [1, 2, 3][5:], "abc"[10:], (1, 2)[::-1])
lst = list(range(10)); lst[::2] = [0] * 5; print(lst)
lst = list(range(5)); del lst[::2]; print(lst)
print(" ".join(["%d" % i for i in range(3)]), "%s" % (1,), "%s" % [1, 2], "%%")
d = {}; d[1] = "int"; d[1.0] = "float"; d[True] = "bool"; print(d)
print({1, 1.0, True}, len({0, False, 0.0}))
print(divmod(7, -2), 7 // -2, 7 % -2, -7 // -2, -0.0 // 1, 1 // 0.3)
print(round(-0.5), round(0.125, 2), round(0.375, 2), round(1e15 + 0.5), round(2.5e-5, 5))
print(str(0.1 + 0.2)[:5], 1.0 / 3.0 == 0.3333333333333333, 9007199254740993 == 9007199254740992.0)
print(int.__name__, bool(float("nan")), float("-inf") < -1e308, abs(float("-inf")))
print(sorted([True, False, 1, 0]), max(True, 2), sum([True, True]))
s = "x"
for i in range(3):
    s = s + s
print(s, len(s))
print("a%sb" % "", "%.3s" % "abcdef", "%5.1s|" % "xyz", "%-5d|" % 3, "% d" % 5)
print(f"{'nested {braces}'}", f"{ {'a': 1}['a'] }", f"{(lambda: 1)()}", f"{1:{'>'}{5}}")
def f(*, a): return a
try:
    f(1)
except TypeError as e:
    print(e)
def g(a, b): pass
try:
    g(1)
except TypeError as e:
    print(e)
try:
    g(1, 2, 3)
except TypeError as e:
    print(e)
try:
    g(1, b=2, a=3)
except TypeError as e:
    print(e)
class C:
    def m(self): pass
try:
    C().m(1)
except TypeError as e:
    print(e)
try:
    C(1)
except TypeError as e:
    print(e)
try:
    [].foo
except AttributeError as e:
    print(e)
try:
    C.nope
except AttributeError as e:
    print(e)
try:
    import math; math.nope
except AttributeError as e:
    print(e)
try:
    (1).x = 2
except AttributeError as e:
    print(e)
try:
    "abc"[0] = "x"
except TypeError as e:
    print(e)
try:
    hash([])
except TypeError as e:
    print(e)
try:
    {[]: 1}
except TypeError as e:
    print(e)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print(e)
try:
    x = 1 + None
except TypeError as e:
    print(e)
try:
    for x in 5: pass
except TypeError as e:
    print(e)
try:
    len(None)
except TypeError as e:
    print(e)
try:
    int([])
except TypeError as e:
    print(e)
try:
    "a" * "b"
except TypeError as e:
    print(e)
try:
    [1] * 2.0
except TypeError as e:
    print(e)
try:
    {}.get()
except TypeError as e:
    print(e)
try:
    -"a"
except TypeError as e:
    print(e)
try:
    1 < None
except TypeError as e:
    print(e)
try:
    sorted([1, "a"])
except TypeError as e:
    print(e)
try:
    raise TypeError
except TypeError as e:
    print(repr(e), str(e) == "")
print("ok")
