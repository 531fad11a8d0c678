s = ""
for i in range(300000):
    s += str(i % 10)
parts = []
for i in range(100000):
    parts.append("x" + str(i))
print(len(s), len("".join(parts)))
