try:
    int("9" * 5000)
except ValueError as e:
    print(e)
try:
    str(10 ** 5000)
except ValueError as e:
    print(e)
print(len(str(10 ** 4299)), int("1" * 4300) % 7)
try:
    int("12a")
except ValueError as e:
    print(e)
try:
    int("zz", 36), int("12", 2)
except ValueError as e:
    print(e)
print(int("zz", 36), int("-0x1f", 16), int(" 0b11 ", 0))
r = range(0, 2**62, 2**60)
print(r[::2], len(r))
