# copy: written in Python for this interpreter (Python Library Reference §copy).
def copy(x):
    if isinstance(x, list):
        return list(x)
    if isinstance(x, dict):
        return dict(x)
    if isinstance(x, set):
        return set(x)
    if hasattr(x, "__dict__") and not isinstance(x, type):
        new = object.__new__(type(x))
        for k, v in x.__dict__.items():
            setattr(new, k, v)
        return new
    return x

def deepcopy(x, memo=None):
    if memo is None:
        memo = {}
    if id(x) in memo:
        return memo[id(x)]
    if isinstance(x, list):
        result = []
        memo[id(x)] = result
        result.extend(deepcopy(v, memo) for v in x)
        return result
    if isinstance(x, tuple):
        return tuple(deepcopy(v, memo) for v in x)
    if isinstance(x, dict):
        result = {}
        memo[id(x)] = result
        for k, v in x.items():
            result[deepcopy(k, memo)] = deepcopy(v, memo)
        return result
    if isinstance(x, set):
        return {deepcopy(v, memo) for v in x}
    if hasattr(x, "__dict__") and not isinstance(x, type) and not callable(x):
        new = object.__new__(type(x))
        memo[id(x)] = new
        for k, v in x.__dict__.items():
            setattr(new, k, deepcopy(v, memo))
        return new
    return x
