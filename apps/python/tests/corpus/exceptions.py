def check(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
check(lambda: 1 / 0)
check(lambda: [][1])
check(lambda: {}["k"])
check(lambda: int("abc"))
check(lambda: undefined_name)
check(lambda: None.attr)
check(lambda: "a" + 1)
check(lambda: 1 + "a")
check(lambda: len(5))
check(lambda: [1, 2].index(9))
check(lambda: (1, 2)[5])
check(lambda: "abc"[10])
check(lambda: float("x"))
check(lambda: int(None))
check(lambda: {}.pop(1))
check(lambda: [].pop())
check(lambda: next(iter([])))
check(lambda: (_ for _ in ()).throw(ValueError("thrown")))
check(lambda: 5 < "a")
check(lambda: 2 ** -1 // 0)
check(lambda: object().nope)
check(lambda: abs("x"))
check(lambda: (lambda a: a)())
check(lambda: (lambda a: a)(1, 2))
check(lambda: (lambda: 0)(x=1))
class MyError(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
try:
    raise MyError(42)
except MyError as e:
    print("MyError", e.code, e, e.args, repr(e))
try:
    try:
        raise ValueError("inner")
    except ValueError as e:
        raise RuntimeError("outer") from e
except RuntimeError as e:
    print(e, "caused by", repr(e.__cause__))
def f():
    try:
        return "try"
    finally:
        print("finally runs")
print(f())
for i in range(3):
    try:
        if i == 1: continue
        print("body", i)
    finally:
        print("fin", i)
try:
    pass
except Exception:
    print("no")
else:
    print("else branch")
finally:
    print("finally branch")
try:
    raise KeyError("missing")
except (TypeError, KeyError) as e:
    print("tuple catch", repr(e), str(e))
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise
except ZeroDivisionError as e:
    print("reraised", e)
try:
    assert 1 == 2, "math is broken"
except AssertionError as e:
    print("assert", e)
try:
    raise Exception("a", 1)
except Exception as e:
    print(e, e.args)
class E2(ValueError): pass
try:
    raise E2
except ValueError as e:
    print("subclass caught", type(e).__name__, repr(e))
def nested():
    try:
        raise TypeError("t")
    except TypeError:
        return "handled"
print(nested())
try:
    import nonexistent_mod
except ImportError as e:
    print(type(e).__name__, e)
e = None
try:
    x = 1
    del x
    print(x)
except NameError as err:
    print(err)
def unbound():
    print(y)
    y = 1
try:
    unbound()
except UnboundLocalError as err:
    print(err)
print(isinstance(KeyError(), LookupError), issubclass(ZeroDivisionError, ArithmeticError))
