# collections: written in Python for this interpreter (Python Library Reference
# §collections). defaultdict, Counter and OrderedDict wrap a dict rather than subclass it.
class _DictWrapper:
    def __init__(self):
        self._d = {}
    def __getitem__(self, key):
        return self._d[key]
    def __setitem__(self, key, value):
        self._d[key] = value
    def __delitem__(self, key):
        del self._d[key]
    def __contains__(self, key):
        return key in self._d
    def __iter__(self):
        return iter(self._d)
    def __len__(self):
        return len(self._d)
    def __eq__(self, other):
        if isinstance(other, _DictWrapper):
            return self._d == other._d
        return self._d == other
    def keys(self):
        return self._d.keys()
    def values(self):
        return self._d.values()
    def items(self):
        return self._d.items()
    def get(self, key, default=None):
        return self._d.get(key, default)
    def pop(self, key, *default):
        return self._d.pop(key, *default)
    def setdefault(self, key, default=None):
        return self._d.setdefault(key, default)
    def update(self, *args, **kwargs):
        for other in args:
            if isinstance(other, _DictWrapper):
                other = other._d
            self._d.update(other)
        self._d.update(kwargs)
    def clear(self):
        self._d.clear()

class defaultdict(_DictWrapper):
    def __init__(self, default_factory=None, *args, **kwargs):
        super().__init__()
        self.default_factory = default_factory
        self.update(*args, **kwargs)
    def __getitem__(self, key):
        if key in self._d:
            return self._d[key]
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self._d[key] = value
        return value
    def __repr__(self):
        f = self.default_factory
        fr = "None" if f is None else repr(f)
        return f"defaultdict({fr}, {self._d!r})"

class OrderedDict(_DictWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__()
        self.update(*args, **kwargs)
    def move_to_end(self, key, last=True):
        value = self._d.pop(key)
        if last:
            self._d[key] = value
        else:
            rest = list(self._d.items())
            self._d.clear()
            self._d[key] = value
            self._d.update(rest)
    def popitem(self, last=True):
        if not self._d:
            raise KeyError("dictionary is empty")
        key = list(self._d)[-1 if last else 0]
        return key, self._d.pop(key)
    def __repr__(self):
        if not self._d:
            return "OrderedDict()"
        return f"OrderedDict({list(self._d.items())!r})"

class Counter(_DictWrapper):
    def __init__(self, iterable=None, **kwargs):
        super().__init__()
        self.update(iterable, **kwargs)
    def __getitem__(self, key):
        return self._d.get(key, 0)
    def update(self, iterable=None, **kwargs):
        if iterable is not None:
            if isinstance(iterable, (dict, _DictWrapper)):
                for k, v in iterable.items():
                    self._d[k] = self._d.get(k, 0) + v
            else:
                for k in iterable:
                    self._d[k] = self._d.get(k, 0) + 1
        for k, v in kwargs.items():
            self._d[k] = self._d.get(k, 0) + v
    def most_common(self, n=None):
        items = sorted(self._d.items(), key=lambda kv: kv[1], reverse=True)
        return items if n is None else items[:n]
    def elements(self):
        for k, v in self._d.items():
            for _ in range(v):
                yield k
    def total(self):
        return sum(self._d.values())
    def __add__(self, other):
        result = Counter()
        for k, v in self._d.items():
            result._d[k] = v
        for k, v in other._d.items():
            result._d[k] = result._d.get(k, 0) + v
        result._d = {k: v for k, v in result._d.items() if v > 0}
        return result
    def __repr__(self):
        if not self._d:
            return "Counter()"
        items = ", ".join(f"{k!r}: {v!r}" for k, v in self.most_common())
        return "Counter({" + items + "})"

class deque:
    def __init__(self, iterable=(), maxlen=None):
        self.maxlen = maxlen
        self._items = []
        for x in iterable:
            self.append(x)
    def append(self, x):
        self._items.append(x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop(0)
    def appendleft(self, x):
        self._items.insert(0, x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop()
    def pop(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop()
    def popleft(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop(0)
    def extend(self, iterable):
        for x in iterable:
            self.append(x)
    def extendleft(self, iterable):
        for x in iterable:
            self.appendleft(x)
    def rotate(self, n=1):
        if self._items:
            n %= len(self._items)
            self._items[:] = self._items[-n:] + self._items[:-n]
    def clear(self):
        self._items.clear()
    def __len__(self):
        return len(self._items)
    def __iter__(self):
        return iter(self._items)
    def __getitem__(self, i):
        return self._items[i]
    def __setitem__(self, i, v):
        self._items[i] = v
    def __contains__(self, x):
        return x in self._items
    def __eq__(self, other):
        return isinstance(other, deque) and self._items == other._items
    def __repr__(self):
        if self.maxlen is None:
            return f"deque({self._items!r})"
        return f"deque({self._items!r}, maxlen={self.maxlen})"

def namedtuple(typename, field_names, defaults=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    fields = tuple(field_names)
    defaults = tuple(defaults or ())
    class _NT:
        __slots__ = ()
        _fields = fields
        __match_args__ = fields
        def __init__(self, *args, **kwargs):
            values = list(args)
            missing = fields[len(values):]
            ndef = len(defaults)
            for i, name in enumerate(missing):
                if name in kwargs:
                    values.append(kwargs[name])
                elif len(fields) - len(missing) + i >= len(fields) - ndef:
                    values.append(defaults[len(fields) - len(missing) + i - (len(fields) - ndef)])
                else:
                    raise TypeError(f"{typename}.__new__() missing 1 required positional argument: '{name}'")
            if len(values) > len(fields):
                raise TypeError(f"{typename}.__new__() takes {len(fields) + 1} positional arguments but {len(values) + 1} were given")
            self._values = tuple(values)
            for name, value in zip(fields, values):
                object.__setattr__(self, name, value)
        def __iter__(self):
            return iter(self._values)
        def __len__(self):
            return len(self._values)
        def __getitem__(self, i):
            return self._values[i]
        def __eq__(self, other):
            return tuple(self) == tuple(other)
        def __lt__(self, other):
            return tuple(self) < tuple(other)
        def __hash__(self):
            return hash(self._values)
        def __repr__(self):
            inner = ", ".join(f"{n}={v!r}" for n, v in zip(fields, self._values))
            return f"{typename}({inner})"
        def _asdict(self):
            return dict(zip(fields, self._values))
        def _replace(self, **kwargs):
            d = self._asdict()
            d.update(kwargs)
            return type(self)(**d)
    _NT.__name__ = typename
    _NT.__qualname__ = typename
    return _NT
