for i in range(10):
    if i == 2:
        continue
    if i == 6:
        break
    print(i, end=" ")
else:
    print("no")
print()
for i in range(3):
    pass
else:
    print("loop finished", i)
n = 0
while n < 5:
    n += 1
    if n == 10: break
else:
    print("while else", n)
x = 5
print("big" if x > 3 else "small", x > 3 and x < 10, x < 3 or x == 5, not x)
if x < 0:
    print("neg")
elif x == 0:
    print("zero")
else:
    print("pos")
print(1 < x < 10, 1 < x > 10, x == 5 == 5.0)
def classify(v):
    match v:
        case 0:
            return "zero"
        case int(n) if n < 0:
            return f"negative {n}"
        case int() | float():
            return "number"
        case "a" | "b":
            return "letter"
        case [x, y]:
            return f"pair {x},{y}"
        case [x, *ys]:
            return f"list head {x} tail {ys}"
        case {"type": t, **others}:
            return f"dict {t} {others}"
        case (1, 2) as tup:
            return "tuple"
        case None:
            return "none"
        case _:
            return "other"
for v in [0, -3, 4, 2.5, "a", [1, 2], [1, 2, 3], {"type": "x", "k": 1}, None, "zzz", []]:
    print(classify(v))
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y): self.x, self.y = x, y
def where(p):
    match p:
        case Point(x=0, y=0): return "origin"
        case Point(0, y): return f"on y at {y}"
        case Point(x, 0): return f"on x at {x}"
        case Point(): return "elsewhere"
print(where(Point(0, 0)), where(Point(0, 5)), where(Point(3, 0)), where(Point(1, 1)))
if (n := 10) > 5:
    print("walrus", n)
data = [1, 2, 3, 4]
while (item := data.pop()) > 2:
    print("popped", item)
print([y for x in range(5) if (y := x * 2) > 4])
total = 0
for i, ch in enumerate("abc"):
    total += i
print(total)
for a, (b, c) in [(1, (2, 3)), (4, (5, 6))]:
    print(a + b + c, end=";")
print()
i = 0
while True:
    i += 1
    if i > 3:
        break
print("i", i)
