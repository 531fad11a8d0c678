class Animal:
    kind = "animal"
    count = 0
    def __init__(self, name):
        self.name = name
        Animal.count += 1
    def speak(self):
        return f"{self.name} makes a sound"
    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"
class Dog(Animal):
    def speak(self):
        return super().speak() + " (woof)"
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return "tiny " + super().speak()
p = Puppy("rex", 1)
print(p.speak(), p, Animal.count, p.kind, isinstance(p, Animal), issubclass(Puppy, Dog), type(p).__name__)
print([c.__name__ for c in Puppy.__mro__])
class Vec:
    def __init__(self, x, y): self.x, self.y = x, y
    def __add__(self, o): return Vec(self.x + o.x, self.y + o.y)
    def __sub__(self, o): return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k): return Vec(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __eq__(self, o): return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self): return hash((self.x, self.y))
    def __lt__(self, o): return (self.x, self.y) < (o.x, o.y)
    def __len__(self): return 2
    def __getitem__(self, i): return (self.x, self.y)[i]
    def __iter__(self): return iter((self.x, self.y))
    def __repr__(self): return f"Vec({self.x}, {self.y})"
    def __str__(self): return f"<{self.x},{self.y}>"
    def __bool__(self): return bool(self.x or self.y)
    def __neg__(self): return Vec(-self.x, -self.y)
    def __contains__(self, v): return v in (self.x, self.y)
    def __call__(self, z): return self.x + self.y + z
v = Vec(1, 2)
print(v + Vec(3, 4), v * 2, 3 * v, v == Vec(1, 2), v != Vec(1, 2), len(v), v[1], list(v), str(v), repr(v), -v)
print(bool(Vec(0, 0)), 2 in v, v(10), sorted([Vec(2, 1), Vec(1, 5)]), {v: 1}[Vec(1, 2)], max(Vec(0, 1), Vec(0, 2)))
class Temp:
    def __init__(self): self._c = 0
    @property
    def c(self): return self._c
    @c.setter
    def c(self, v):
        if v < -273: raise ValueError("too cold")
        self._c = v
    @staticmethod
    def unit(): return "C"
    @classmethod
    def make(cls): return cls()
t = Temp.make(); t.c = 25; print(t.c, Temp.unit(), t.unit())
try:
    t.c = -300
except ValueError as e:
    print("error:", e)
class Counter:
    def __init__(self, n): self.n = n; self.i = 0
    def __iter__(self): return self
    def __next__(self):
        if self.i >= self.n: raise StopIteration
        self.i += 1
        return self.i
print(list(Counter(3)), sum(Counter(4)))
class Base:
    def hello(self): return "base"
class Mixin:
    def hello(self): return "mixin+" + super().hello()
class Both(Mixin, Base): pass
print(Both().hello(), [k.__name__ for k in Both.__mro__])
class WithGetattr:
    def __getattr__(self, name): return name.upper()
print(WithGetattr().anything)
class Slots:
    x = 1
s = Slots(); s.y = 2; print(s.x, s.y, hasattr(s, "z"), getattr(s, "z", "dflt"))
setattr(s, "z", 5); print(s.z); delattr(s, "z"); print(hasattr(s, "z"))
class Ctx:
    def __enter__(self): print("enter"); return self
    def __exit__(self, t, v, tb): print("exit", t.__name__ if t else None); return True
with Ctx() as c:
    print("inside")
    raise KeyError("x")
print("after")
class Node:
    def __init__(self, val, nxt=None): self.val, self.nxt = val, nxt
n = Node(1, Node(2, Node(3)))
out = []
while n: out.append(n.val); n = n.nxt
print(out)
print(Animal("x").__class__.__name__, Dog.__bases__[0].__name__, Dog.__name__)
class Eq:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
print(Eq(1) == Eq(1), Eq(1) != Eq(2), Eq(1) in [Eq(1)])
