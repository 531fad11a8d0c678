from collections import deque
def quicksort(xs):
    if len(xs) <= 1:
        return xs
    pivot, *rest = xs
    return quicksort([x for x in rest if x < pivot]) + [pivot] + quicksort([x for x in rest if x >= pivot])
print(quicksort([5, 3, 8, 1, 9, 2, 7]))
def bsearch(a, t):
    lo, hi = 0, len(a) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if a[mid] == t: return mid
        if a[mid] < t: lo = mid + 1
        else: hi = mid - 1
    return -1
print(bsearch(list(range(0, 100, 3)), 27), bsearch([1, 2], 5))
graph = {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": ["f"], "e": ["f"], "f": []}
def bfs(start, goal):
    q = deque([[start]])
    seen = {start}
    while q:
        path = q.popleft()
        if path[-1] == goal:
            return path
        for n in graph[path[-1]]:
            if n not in seen:
                seen.add(n)
                q.append(path + [n])
print(bfs("a", "f"))
def perms(s):
    if len(s) <= 1:
        yield s
        return
    for i, c in enumerate(s):
        for p in perms(s[:i] + s[i + 1:]):
            yield c + p
print(list(perms("abc")))
class Account:
    interest = 0.02
    def __init__(self, owner, balance=0.0):
        self.owner = owner
        self.balance = balance
        self.history = []
    def deposit(self, amt):
        if amt <= 0:
            raise ValueError("Deposit must be positive")
        self.balance += amt
        self.history.append(("dep", amt))
    def withdraw(self, amt):
        if amt > self.balance:
            raise RuntimeError(f"Insufficient funds: {self.balance:.2f} < {amt:.2f}")
        self.balance -= amt
        self.history.append(("wd", amt))
    def __str__(self):
        return f"{self.owner}: ${self.balance:,.2f}"
acc = Account("Ann", 100)
acc.deposit(50.5)
try:
    acc.withdraw(1000)
except RuntimeError as e:
    print(e)
try:
    acc.deposit(-1)
except ValueError as e:
    print(e)
print(acc, acc.history)
text = """The quick brown fox. The lazy dog!
A fox, a dog; the end."""
import string
words = [w.strip(string.punctuation).lower() for w in text.split()]
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
for w, c in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:4]:
    print(f"{w:<8}{c:>3}")
table = [("Name", "Qty", "Price"), ("apple", 3, 1.5), ("banana", 12, 0.25)]
for row in table:
    print("|".join(f"{str(c):^8}" for c in row))
matrix = [[1, 2, 3], [4, 5, 6]]
transposed = [[row[i] for row in matrix] for i in range(3)]
print(transposed, [sum(r) for r in matrix], max(max(r) for r in matrix))
def memo_fib():
    cache = {0: 0, 1: 1}
    def fib(n):
        if n not in cache:
            cache[n] = fib(n - 1) + fib(n - 2)
        return cache[n]
    return fib
print(memo_fib()(150))
primes = [n for n in range(2, 60) if all(n % d for d in range(2, int(n ** 0.5) + 1))]
print(primes, len(primes))
print(sum(1 for c in "Hello World" if c.isupper()), "".join(reversed("stressed")))
nested = {"users": [{"name": "a", "roles": ["x", "y"]}, {"name": "b", "roles": []}]}
print([u["name"] for u in nested["users"] if u["roles"]], nested)
print(f"{'centered':^20}|", f"{12345.6789:>12.2f}|", f"{-3:+05d}", f"{0.000012345:.3e}", f"{1/3:.0%}")
print(round(2.675, 2), round(0.1 + 0.2, 10), 10 / 3, 2 ** 0.5 * 2 ** 0.5)
