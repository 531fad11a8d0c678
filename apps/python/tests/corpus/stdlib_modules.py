from collections import Counter, defaultdict, deque, namedtuple, OrderedDict
from functools import reduce, partial, lru_cache
from itertools import count, chain, islice, product, permutations, combinations, groupby, accumulate, zip_longest
import heapq, bisect, copy, string, operator
c = Counter("abracadabra")
print(c.most_common(2), c["a"], c["z"], len(c))
dd = defaultdict(list)
for w in ["apple", "avocado", "banana"]:
    dd[w[0]].append(w)
print(dd["a"], dict(dd.items()), "b" in dd)
dq = deque([1, 2, 3], maxlen=4)
dq.appendleft(0); dq.append(4); print(dq, dq.popleft(), len(dq))
Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x + p.y, p[0], tuple(p), p._asdict(), p._replace(x=5))
x, y = p
print(x, y, Point._fields)
print(reduce(lambda a, b: a * b, range(1, 6)), partial(pow, 2)(10))
@lru_cache(maxsize=None)
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(100))
print(list(islice(count(10, 5), 4)), list(chain([1], [2, 3])), list(product("ab", repeat=2)))
print(list(permutations([1, 2, 3], 2)), list(combinations("abcd", 2)))
print([(k, list(g)) for k, g in groupby("aabbbc")], list(accumulate([1, 2, 3])), list(zip_longest("ab", "x", fillvalue="-")))
h = [5, 1, 4, 2]
heapq.heapify(h); heapq.heappush(h, 0)
print([heapq.heappop(h) for _ in range(len(h))], heapq.nlargest(2, [3, 9, 1]))
a = [1, 3, 5]
bisect.insort(a, 4); print(a, bisect.bisect_left(a, 3))
orig = [[1], [2]]
deep = copy.deepcopy(orig); deep[0].append(9); print(orig, deep)
print(string.ascii_uppercase[:5], operator.add(2, 3), sorted([(1, "b"), (0, "a")], key=operator.itemgetter(1)))
od = OrderedDict(a=1, b=2)
od.move_to_end("a"); print(list(od), od)
