d = {}
for w in "the quick brown fox jumps over the lazy dog the end".split():
    d[w] = d.get(w, 0) + 1
print(d)
print(sorted(d.items(), key=lambda kv: (-kv[1], kv[0])))
del d["the"]
d["the"] = 0
print(list(d))
inv = {v: k for k, v in d.items()}
print(inv)
counts = {}
for ch in "mississippi":
    counts.setdefault(ch, []).append(ch)
print(counts)
print({**{"a": 1}, **{"b": 2, "a": 3}}, {"a": 1} | {"b": 2})
d2 = dict(a=1)
d2 |= {"c": 3}
print(d2, d2 == {"c": 3, "a": 1}, list(d2.items())[0])
keys = d2.keys()
d2["z"] = 26
print(keys, len(keys), "z" in keys, d2.values(), d2.items())
nested = {i: {j: i * j for j in range(3)} for i in range(3)}
print(nested[2][2], nested)
print(sorted({3: "c", 1: "a", 2: "b"}.items()))
big = {i: str(i) for i in range(1000)}
print(len(big), big[999], sum(big.keys()))
for k in list(big):
    if k % 2: del big[k]
print(len(big), list(big)[:5])
