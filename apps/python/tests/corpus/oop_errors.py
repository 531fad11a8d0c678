class Shape:
    def area(self):
        raise NotImplementedError("subclass must implement")
    @classmethod
    def create(cls, *args):
        return cls(*args)
    def describe(self):
        return f"{type(self).__name__} with area {self.area():.2f}"
class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2
class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
    @classmethod
    def create(cls, *args):
        obj = super().create(*args)
        obj.tag = "sq"
        return obj
shapes = [Circle.create(1), Square.create(2)]
for s in shapes:
    print(s.describe())
print(shapes[1].tag)
try:
    Shape().area()
except NotImplementedError as e:
    print("NIE:", e)
print(*[1, 2, 3], sep="-", end="!\n")
print("a", "b", sep="")
def gen():
    yield 1
    raise ValueError("in gen")
try:
    for v in gen():
        print(v)
except ValueError as e:
    print("caught", e)
class Temperature:
    def __init__(self, c): self.c = c
    def __lt__(self, o): return self.c < o.c
    def __le__(self, o): return self.c <= o.c
    def __gt__(self, o): return self.c > o.c
    def __repr__(self): return f"T({self.c})"
ts = [Temperature(30), Temperature(10), Temperature(20)]
print(sorted(ts), max(ts), min(ts), Temperature(1) < Temperature(2), Temperature(3) > Temperature(2))
def process(items):
    result = []
    for item in items:
        try:
            result.append(10 // item)
        except ZeroDivisionError:
            result.append(None)
        except TypeError as e:
            result.append(str(e))
    return result
print(process([1, 0, "a", 3]))
def outer():
    try:
        inner()
    except KeyError as e:
        raise RuntimeError("outer failed") from e
def inner():
    {}["k"]
try:
    outer()
except RuntimeError as e:
    print(e, type(e.__cause__).__name__, e.__cause__)
x = 0
try:
    x = 1 / x
except ZeroDivisionError:
    try:
        int("bad")
    except ValueError as e2:
        print("nested", e2)
print("end")
raise KeyError("final")
