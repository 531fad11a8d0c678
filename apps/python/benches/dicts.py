d = {}
for i in range(300000):
    d[i] = i * 2
total = 0
for k in d:
    total += d[k]
words = {}
for i in range(200000):
    w = "w" + str(i % 1000)
    words[w] = words.get(w, 0) + 1
lst = [i for i in range(300000)]
lst2 = sorted(lst, reverse=True)
print(total, len(words), lst2[0], sum(lst))
