# abc: abstract base classes without enforcement (instantiating one is not refused).
class ABC:
    pass

def abstractmethod(fn):
    fn.__isabstractmethod__ = True
    return fn
