class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]
s = Stack()
s.push(1); s.push(2); s.extend([3, 4])
print(s, len(s), s.peek(), s.pop(), s, isinstance(s, list), 2 in s, list(s), s[0], bool(Stack()))
class Registry(dict):
    def __init__(self, name):
        super().__init__()
        self.name = name
    def register(self, key, value):
        self[key] = value
        return self
r = Registry("r").register("a", 1).register("b", 2)
print(r, r.name, r["a"], list(r.keys()), len(r), "b" in r, r.get("z", 0))
class Upper(str):
    def shout(self):
        return self.upper() + "!"
u = Upper("hey")
print(u, u.shout(), len(u), u + " you", u == "hey", isinstance(u, str), u[1:])
class Counter2(dict):
    def __missing__(self, key):
        return 0
class Money(int):
    def __repr__(self):
        return f"${int(self)}"
m = Money(5)
print(m + 3, repr(m), m * 2, m > 3)
class Pair(tuple):
    def first(self): return self[0]
p = Pair((1, 2))
print(p, p.first(), len(p), p + (3,))
class MyErr(ValueError):
    pass
try:
    raise MyErr("bad", 42)
except ValueError as e:
    print(type(e).__name__, e.args)
