from __future__ import annotations
from dataclasses import dataclass, field
from typing import List, Optional, Dict
from abc import ABC, abstractmethod
@dataclass
class Point:
    x: int
    y: int = 0
    tags: List[str] = field(default_factory=list)
p = Point(1)
print(p, Point(2, 3), p == Point(1, 0), p.tags)
@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int
print(sorted([Version(1, 2), Version(0, 9)]), Version(1, 0) < Version(1, 1))
try:
    Version(1, 2).major = 5
except AttributeError as e:
    print("frozen:", e)
class Shape(ABC):
    @abstractmethod
    def area(self) -> float: ...
class Sq(Shape):
    def __init__(self, s: float) -> None:
        self.s = s
    def area(self) -> float:
        return self.s ** 2
print(Sq(3).area())
def find(items: List[int], target: int) -> Optional[int]:
    for i, v in enumerate(items):
        if v == target:
            return i
    return None
print(find([5, 6, 7], 7), find([], 1))
@dataclass
class Inventory:
    items: Dict[str, int] = field(default_factory=dict)
    def add(self, name: str, n: int = 1) -> None:
        self.items[name] = self.items.get(name, 0) + n
inv = Inventory(); inv.add("apple"); inv.add("apple", 2)
print(inv)
match Point(0, 5):
    case Point(x=0, y=y):
        print("on axis", y)
