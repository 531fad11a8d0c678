import sys
class Meta:
    registry = []
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Meta.registry.append(cls.__name__)
class A(Meta): pass
class B(Meta): pass
print(Meta.registry)
def gen():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print("closing")
        raise
g = gen(); next(g); g.close()
x = 5
def f():
    global x
    x = 10
f(); print(x)
print(sys.getrecursionlimit() >= 1000, sys.maxsize, type(sys.argv))
print(any(c.isdigit() for c in "ab3"), "".join(sorted("hello", reverse=True)))
try:
    raise ExceptionGroup("eg", [ValueError(1)]) if False else ValueError("plain")
except ValueError as e:
    print(e)
