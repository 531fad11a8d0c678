print(sorted([3, 1, 2]), sorted([1, 2, 3]), sorted([3, 2, 1]), sorted([3, 2, 2, 1]), sorted([1, 1, 1]), sorted([]))
print(sorted([3, 1, 2], reverse=True), sorted([1, 2, 3], reverse=True), sorted([3, 2, 1], reverse=True))
pairs = [(1, "a"), (0, "b"), (1, "c"), (0, "d")]
print(sorted(pairs, key=lambda p: p[0]), sorted(pairs, key=lambda p: p[0], reverse=True))
print(sorted([(2, "x"), (2, "y"), (1, "z")], key=lambda p: p[0], reverse=True))
words = ["bb", "a", "ccc", "dd", "e"]
print(sorted(words, key=len), sorted(words, key=len, reverse=True))
print(sorted("the quick brown fox jumps".split(), key=str.upper))
data = [(i * 7919) % 101 for i in range(200)]
print(sorted(data)[:10], sorted(data, reverse=True)[:10], sorted(data) == sorted(sorted(data)))
