class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def move(self, dx, dy):
        self.x += dx
        self.y += dy
    def norm2(self):
        return self.x * self.x + self.y * self.y
p = Point(0, 0)
acc = 0
for i in range(500000):
    p.move(1, 2)
    acc += p.norm2() % 3
print(acc, p.x, p.y)
