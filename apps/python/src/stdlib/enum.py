# enum: written in Python for this interpreter (Python Library Reference §enum). Without
# metaclasses, members are made by __init_subclass__, and iterating over an Enum class is
# special-cased by the VM through `_member_map_`.
class auto:
    _counter = 0
    def __init__(self):
        auto._counter += 1
        self._order = auto._counter

class Enum:
    def __init_subclass__(cls, **kwargs):
        cls._member_map_ = {}
        cls._value2member_map_ = {}
        last = 0
        for name, value in list(cls.__dict__.items()):
            if name.startswith("_") or callable(value) or isinstance(value, (property, staticmethod, classmethod)):
                continue
            if isinstance(value, auto):
                value = last + 1
            if value in cls._value2member_map_:
                member = cls._value2member_map_[value]
            else:
                member = object.__new__(cls)
                member._name_ = name
                member._value_ = value
                cls._value2member_map_[value] = member
            if isinstance(value, int):
                last = value
            cls._member_map_[name] = member
            setattr(cls, name, member)

    def __new__(cls, value):
        if isinstance(value, cls):
            return value
        try:
            return cls._value2member_map_[value]
        except KeyError:
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}") from None

    @classmethod
    def __class_getitem__(cls, name):
        return cls._member_map_[name]

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return f"<{type(self).__name__}.{self._name_}: {self._value_!r}>"

    def __str__(self):
        return f"{type(self).__name__}.{self._name_}"

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

class IntEnum(Enum):
    def __eq__(self, other):
        if isinstance(other, Enum):
            return self is other
        return self._value_ == other
    def __lt__(self, other):
        return self._value_ < (other._value_ if isinstance(other, Enum) else other)
    def __int__(self):
        return self._value_
    def __index__(self):
        return self._value_
    def __hash__(self):
        return hash(self._value_)
    def __str__(self):
        return str(self._value_)
