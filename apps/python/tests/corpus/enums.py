from enum import Enum, auto, IntEnum
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    def describe(self):
        return f"{self.name.lower()} ({self.value})"
print(Color.RED, repr(Color.GREEN), Color.BLUE.name, Color.BLUE.value, Color(2), Color["RED"])
print(list(Color), len(Color), Color.RED in Color, Color.RED is Color(1), Color.RED == Color.RED, Color.RED != Color.BLUE)
print(Color.GREEN.describe(), isinstance(Color.RED, Color), type(Color.RED).__name__)
for c in Color:
    print(c.name, end=" ")
print()
class Status(Enum):
    ACTIVE = auto()
    INACTIVE = auto()
print(Status.ACTIVE.value, Status.INACTIVE.value, {Color.RED: "r"}[Color.RED])
try:
    Color(7)
except ValueError as e:
    print(e)
class Prio(IntEnum):
    LOW = 1
    HIGH = 2
print(Prio.HIGH > Prio.LOW, Prio.LOW == 1, sorted([Prio.HIGH, Prio.LOW]))
def paint(c):
    match c:
        case Color.RED:
            return "stop"
        case Color.GREEN:
            return "go"
        case _:
            return "?"
print(paint(Color.RED), paint(Color.GREEN), paint(Color.BLUE))
