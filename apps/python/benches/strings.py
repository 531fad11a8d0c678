def build(n):
    s = ""
    for i in range(n):
        s += str(i % 10)
    return s
def pieces(n):
    parts = []
    for i in range(n):
        parts.append("x" + str(i) + "," + f"{i:04d}")
    return "".join(parts)
def words(n):
    text = " ".join("word" + str(i % 50) for i in range(n))
    return len(text.split()), text.upper().count("WORD1"), text.replace("word", "w").find("w49")
s = build(300000)
print(len(s), len(pieces(100000)), words(100000))
