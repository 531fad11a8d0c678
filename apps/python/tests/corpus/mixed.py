class Stack:
    def __init__(self):
        self._items = []
    def push(self, x):
        self._items.append(x)
        return self
    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()
    def __len__(self):
        return len(self._items)
    def __repr__(self):
        return "Stack(" + ", ".join(map(repr, self._items)) + ")"
s = Stack().push(1).push("two")
print(s, len(s), s.pop(), s)
def f():
    try:
        return 1
    finally:
        return 2
print(f())
def g():
    for i in range(3):
        try:
            return i
        finally:
            print("cleanup", i)
print(g())
def h():
    with open_ctx() as x:
        return x
class open_ctx:
    def __enter__(self): return 5
    def __exit__(self, *a): print("closed")
print(h())
x = [1, 2, 3]
a, b, c = x
print(c, b, a)
for k, v in sorted({"b": 2, "a": 1}.items()):
    print(k, v)
print("%-6s|%6.2f|%+d" % ("ab", 3.14159, 5))
print(str.join(",", ["a", "b"]), str.upper("x"), list.__name__)
class A:
    def __init__(self, x=0):
        self.x = x
    def __eq__(self, other):
        return self.x == other.x
    def __hash__(self):
        return self.x
print(len({A(1), A(1), A(2)}))
print(sorted([A(3), A(1)], key=lambda a: a.x)[0].x)
nums = [5, 3, 8]
nums.sort(key=lambda n: -n)
print(nums, nums[::-1], nums[1:], nums[:1])
print(" ".join(w.capitalize() for w in "hello big world".split()))
print(list(map(str, range(3))), [str(i) for i in range(3)])
matrix = [[1, 2], [3, 4]]
print([list(r) for r in zip(*matrix)], sum(map(sum, matrix)))
print(dict(sorted({"z": 1, "a": 2}.items())))
try:
    raise ValueError
except ValueError as e:
    print(repr(e), str(e) == "")
import math
print(f"{math.pi:.10f}", round(math.pi, 4), int(math.pi * 1e6))
print(1 if [] else 2, [] == [], () == (), {} == {})
t = 1,
print(t, type(t).__name__)
def kw(**kwargs):
    return sorted(kwargs.items())
print(kw(b=1, a=2))
print("a" "b" 'c', len("""
x"""))
class P:
    count = 0
    def __init__(self):
        P.count += 1
        self.id = P.count
ps = [P() for _ in range(3)]
print([p.id for p in ps], P.count)
print(isinstance(ps[0], P), type(ps[0]) is P, P.__name__, P.__qualname__)
print(max(["a", "bb", "c"], key=len), min({"x": 3, "y": 1}.items(), key=lambda kv: kv[1]))
def multi():
    return 1, 2
q, r = multi()
print(q + r, multi())
print([i for i in range(10)][-3:], list(range(10))[::3])
print("done")
