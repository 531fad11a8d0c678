def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
g = count_up(3)
print(next(g), next(g), next(g), next(g, "done"))
def squares():
    for i in range(5):
        yield i * i
print(list(squares()), sum(squares()), 9 in squares())
def pipeline():
    evens = (x for x in range(20) if x % 2 == 0)
    doubled = (x * 2 for x in evens)
    return list(doubled)
print(pipeline())
def accumulate():
    total = 0
    while True:
        v = yield total
        if v is None:
            return total
        total += v
acc = accumulate()
next(acc)
acc.send(5)
print(acc.send(10))
try:
    acc.send(None)
except StopIteration as e:
    print("stopped with", e.value if hasattr(e, "value") else e.args)
def tree(n):
    if n > 0:
        yield from tree(n - 1)
        yield n
        yield from tree(n - 1)
print(list(tree(3)))
def gen_with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
for v in gen_with_finally():
    print("v", v)
print([x for x in zip(count_up(3), "abc")])
it = iter([1, 2, 3])
print(next(it), list(it), list(it))
print(list(enumerate(count_up(3))), dict(zip("ab", count_up(2))))
def fibs():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
for i, f in enumerate(fibs()):
    if i > 10: break
    print(f, end=" ")
print()
gen = (i for i in range(3))
print(type(gen).__name__, list(gen), list(gen))
