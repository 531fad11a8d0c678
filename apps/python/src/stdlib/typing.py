# typing: names for annotations; subscripting them works and means nothing at run time.
class _Alias:
    def __init__(self, name):
        self._name = name
    def __getitem__(self, params):
        return self
    def __call__(self, *args, **kwargs):
        raise TypeError(f"Type {self._name} cannot be instantiated")
    def __repr__(self):
        return "typing." + self._name

Any = _Alias("Any")
List = _Alias("List")
Dict = _Alias("Dict")
Tuple = _Alias("Tuple")
Set = _Alias("Set")
FrozenSet = _Alias("FrozenSet")
Optional = _Alias("Optional")
Union = _Alias("Union")
Callable = _Alias("Callable")
Iterable = _Alias("Iterable")
Iterator = _Alias("Iterator")
Generator = _Alias("Generator")
Sequence = _Alias("Sequence")
Mapping = _Alias("Mapping")
Type = _Alias("Type")
ClassVar = _Alias("ClassVar")
Final = _Alias("Final")
Literal = _Alias("Literal")
NoReturn = _Alias("NoReturn")
TYPE_CHECKING = False

def TypeVar(name, *constraints, **kwargs):
    return _Alias(name)

def cast(typ, value):
    return value

def overload(fn):
    return fn

class Generic:
    @classmethod
    def __class_getitem__(cls, params):
        return cls

class NamedTuple:
    pass
