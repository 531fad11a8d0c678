# precedence and evaluation order
print(2 + 3 * 4 ** 2 // 5 % 7, -2 ** 2, (-2) ** 2, not 1 == 2, 1 < 2 == 2 > 1, 2 ** 3 ** 2, 7 - 3 - 2, 100 / 10 / 5)
print(1 if 0 else 2 if 0 else 3, [1, 2][True], 5 & 3 | 8 ^ 2, 1 << 2 + 1, ~0 & 0xF, -7 // 2 * 2 + -7 % 2)
log = []
def t(x):
    log.append(x)
    return x
print(t(1) < t(2) < t(0) < t(5), log)
log.clear()
print(t(0) and t(1), t(1) or t(2), t(None) or t(0) or t("last"), log)
d = {"k": [1, 2]}
d["k"][0] += 10
d["k"] += [3]
class O: pass
o = O(); o.n = 1; o.n *= 5; o.items = []; o.items += ["x"]
print(d, o.n, o.items)
a, *b = 1,
print(a, b)
(x, y), z = "ab", 3
print(x, y, z)
for i, (p, q) in enumerate([(1, 2), (3, 4)]):
    print(i, p, q, end="; ")
print()
def kw(a, b=2, *c, d, e=5, **f):
    return a, b, c, d, e, f
print(kw(1, d=4), kw(1, 2, 3, 4, d=0, g=7), kw(*(1, 2), **{"d": 9}))
s = "x"
s *= 3
t2 = (1, 2)
t2 += (3,)
print(s, t2)
n = 0
for i in range(10):
    try:
        if i % 2:
            continue
        if i > 6:
            break
        n += i
    finally:
        n += 100
else:
    n = -1
print(n)
def gen_exc():
    for i in range(3):
        try:
            yield i
        except ValueError:
            yield "caught"
g = gen_exc()
print(next(g), g.throw(ValueError), next(g), next(g))
nums = list(range(10))
del nums[2:8:2], nums[0]
print(nums)
m = {1: "a", 2: "b"}
del m[1]
print(m, 1 in m)
print(f"{'a' 'b'}", f"{3!r:>4}", f"{'x'!a}", f"{{}}{1}{{", f"{1 + 1=}", f"{'%d' % 5}")
print("\u00e9\N{SNOWMAN}" if False else "\u00e9\u2603", "\x41\101\t|", len("\U0001F600"), "😀".encode()[:2])
big = """multi
line"""
print(big.splitlines(), repr(big))
class Cnt:
    total = 0
    def __init__(self):
        type(self).total += 1
Cnt(); Cnt()
print(Cnt.total)
items = [3, 1, 2]
items[len(items):] = [4]
items[:0] = [0]
print(items, items[::-1][1:3], items[-100:100])
print(list(map(lambda x, y: x + y, "ab", "cd")), list(zip(*[(1, 2), (3, 4)])))
print(max([3, 1, 2], key=lambda v: -v), min("aBc", key=str.lower), sorted({3: 1, 1: 2}))
print(int("0o17", 0), int("0x1F", 16), float("1e-3"), float("  -2.5 "), complex if False else "nocomplex")
print(isinstance(True, int), bool.__mro__[1].__name__ if hasattr(bool, "__mro__") else "", issubclass(bool, int))
print(str(3.0), str(-0.5), repr(1e-7), 1e-7 * 10, 0.1 * 0.1, 1e308 * 10, -1e308 * 10)
