# dataclasses: written in Python for this interpreter (Python Library Reference
# §dataclasses): fields come from the class's __annotations__, in order.
class _Missing:
    def __repr__(self):
        return "MISSING"

MISSING = _Missing()

class Field:
    def __init__(self, default=MISSING, default_factory=MISSING, repr=True, compare=True, init=True):
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare
        self.init = init
        self.name = None

def field(*, default=MISSING, default_factory=MISSING, repr=True, compare=True, init=True):
    return Field(default, default_factory, repr, compare, init)

def fields(obj):
    return tuple(obj.__dataclass_fields__.values())

def asdict(obj):
    result = {}
    for f in fields(obj):
        v = getattr(obj, f.name)
        if hasattr(type(v), "__dataclass_fields__"):
            v = asdict(v)
        elif isinstance(v, list):
            v = [asdict(x) if hasattr(type(x), "__dataclass_fields__") else x for x in v]
        result[f.name] = v
    return result

def astuple(obj):
    return tuple(getattr(obj, f.name) for f in fields(obj))

def _process(cls, init, repr, eq, order, frozen):
    annotations = cls.__dict__.get("__annotations__", {})
    flds = {}
    for base in reversed(cls.__mro__[1:]):
        if hasattr(base, "__dataclass_fields__"):
            flds.update(base.__dataclass_fields__)
    for name in annotations:
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = Field(default=default)
        f.name = name
        flds[name] = f
        if f.default is not MISSING:
            setattr(cls, name, f.default)
    cls.__dataclass_fields__ = flds
    names = [f.name for f in flds.values()]

    if init:
        def __init__(self, *args, **kwargs):
            init_fields = [f for f in flds.values() if f.init]
            if len(args) > len(init_fields):
                raise TypeError(f"__init__() takes {len(init_fields) + 1} positional arguments but {len(args) + 1} were given")
            for i, f in enumerate(init_fields):
                if i < len(args):
                    value = args[i]
                    if f.name in kwargs:
                        raise TypeError(f"__init__() got multiple values for argument '{f.name}'")
                elif f.name in kwargs:
                    value = kwargs.pop(f.name)
                elif f.default is not MISSING:
                    value = f.default
                elif f.default_factory is not MISSING:
                    value = f.default_factory()
                else:
                    raise TypeError(f"__init__() missing 1 required positional argument: '{f.name}'")
                object.__setattr__(self, f.name, value)
            for k in kwargs:
                raise TypeError(f"__init__() got an unexpected keyword argument '{k}'")
            for f in flds.values():
                if not f.init:
                    if f.default_factory is not MISSING:
                        object.__setattr__(self, f.name, f.default_factory())
                    elif f.default is not MISSING:
                        object.__setattr__(self, f.name, f.default)
            post = getattr(self, "__post_init__", None)
            if post is not None:
                post()
        cls.__init__ = __init__
    if repr:
        def __repr__(self):
            parts = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in flds.values() if f.repr)
            return f"{type(self).__qualname__}({parts})"
        cls.__repr__ = __repr__
    if eq:
        def __eq__(self, other):
            if type(other) is not type(self):
                return NotImplemented
            return all(getattr(self, n) == getattr(other, n) for n in names if flds[n].compare)
        cls.__eq__ = __eq__
        if not frozen:
            cls.__hash__ = None
    if order:
        def key(obj):
            return tuple(getattr(obj, n) for n in names if flds[n].compare)
        cls.__lt__ = lambda self, other: key(self) < key(other)
        cls.__le__ = lambda self, other: key(self) <= key(other)
        cls.__gt__ = lambda self, other: key(self) > key(other)
        cls.__ge__ = lambda self, other: key(self) >= key(other)
    if frozen:
        def __setattr__(self, name, value):
            raise FrozenInstanceError(f"cannot assign to field '{name}'")
        cls.__setattr__ = __setattr__
        cls.__hash__ = lambda self: hash(tuple(getattr(self, n) for n in names))
    cls.__match_args__ = tuple(names)
    return cls

class FrozenInstanceError(AttributeError):
    pass

def dataclass(cls=None, *, init=True, repr=True, eq=True, order=False, frozen=False):
    def wrap(c):
        return _process(c, init, repr, eq, order, frozen)
    if cls is None:
        return wrap
    return wrap(cls)
