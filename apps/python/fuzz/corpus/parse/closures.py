def make_counter():
    count = 0
    def increment(by=1):
        nonlocal count
        count += by
        return count
    def get():
        return count
    return increment, get
inc, get = make_counter()
inc(); inc(5)
print(get())
funcs = []
for i in range(3):
    funcs.append(lambda: i)
print([f() for f in funcs])
funcs = [(lambda j: lambda: j)(i) for i in range(3)]
print([f() for f in funcs])
def outer():
    x = "outer"
    class Inner:
        def method(self):
            return x
    return Inner().method()
print(outer())
def memo(fn):
    cache = {}
    def wrapped(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return wrapped
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80))
def compose(*fns):
    def run(x):
        for f in reversed(fns):
            x = f(x)
        return x
    return run
print(compose(str, lambda v: v + 1, abs)(-5))
x = 10
def read_global():
    return x
def shadow():
    x = 20
    return x
print(read_global(), shadow(), x)
def deco_with_args(times):
    def deco(fn):
        def wrapper(*args):
            return [fn(*args) for _ in range(times)]
        return wrapper
    return deco
@deco_with_args(3)
def greet(n): return "hi " + n
print(greet("a"))
def cell_in_comprehension():
    base = 10
    return [base + i for i in range(3)]
print(cell_in_comprehension())
def gen_closure():
    k = 2
    return (k * i for i in range(3))
print(list(gen_closure()))
class Registry:
    items = []
    @classmethod
    def register(cls, fn):
        cls.items.append(fn.__name__)
        return fn
@Registry.register
def one(): pass
@Registry.register
def two(): pass
print(Registry.items)
