def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)
print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, e=5))
print(f(*[1, 2, 3], **{"c": 0, "z": 1}))
def g(x, /, y, *, z): return x + y + z
print(g(1, 2, z=3), g(1, y=2, z=3))
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter(); c(); c(); print(c())
total = 0
def add(v):
    global total
    total += v
add(5); add(6); print(total)
sq = lambda x: x * x
print(sq(5), (lambda: 42)(), sorted([1, -3, 2], key=lambda v: abs(v)))
def deco(fn):
    def wrapper(*a, **k):
        print("calling", fn.__name__)
        return fn(*a, **k)
    return wrapper
@deco
def hello(name): return "hi " + name
print(hello("bob"))
def make_adders():
    return [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in make_adders()])
def fact(n): return 1 if n <= 1 else n * fact(n - 1)
print(fact(30))
def outer():
    x = 1
    def mid():
        def inner():
            return x + 1
        return inner()
    return mid()
print(outer())
def defaults(a, l=[]):
    l.append(a)
    return l
print(defaults(1), defaults(2))
def kwonly(*, a=1, b): return a, b
print(kwonly(b=2))
def varargs(*args): return sum(args)
print(varargs(), varargs(1, 2, 3))
print((lambda *a, **k: (a, k))(1, x=2))
def rec(n):
    if n == 0: return []
    return [n] + rec(n - 1)
print(rec(5))
def yielder():
    x = yield 1
    print("got", x)
    yield x * 2
gen = yielder(); print(next(gen)); print(gen.send(21))
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], "ab", range(2))))
def ret_gen():
    yield 1
    return "done"
def wrap():
    r = yield from ret_gen()
    print("returned", r)
print(list(wrap()))
print(sum(x * x for x in range(10)), list(x for x in "abc"), max(len(w) for w in ["a", "abc"]))
def fib_gen():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
fg = fib_gen(); print([next(fg) for _ in range(10)])
print(fact.__name__, (lambda: 0).__name__, f.__qualname__)
def annotated(x: int, y: "str" = "a") -> bool:
    return True
print(annotated(1))
