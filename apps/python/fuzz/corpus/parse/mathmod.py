import math
print(math.pi, math.e, math.sqrt(16), math.sqrt(2), math.floor(3.7), math.ceil(3.2), math.floor(-3.5))
print(math.factorial(20), math.factorial(25), math.gcd(12, 18), math.lcm(4, 6), math.isqrt(17))
print(math.sin(0), math.cos(0), math.log(1), math.log(8, 2), math.log10(1000), math.log2(1024), math.exp(2))
print(math.hypot(3, 4), math.degrees(math.pi), math.radians(180), math.atan2(1, 1), math.fabs(-3))
print(math.isnan(float("nan")), math.isinf(math.inf), math.isclose(0.1 + 0.2, 0.3), math.trunc(-4.7), math.copysign(3, -1))
print(math.comb(10, 3), math.perm(5, 2), math.fsum([0.1] * 10), math.prod([1, 2, 3, 4]), math.modf(3.25), math.fmod(7, 3))
from math import sqrt, pi as PI
print(sqrt(9), PI)
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError", e)
print(math.pow(2, 10), math.ldexp(1, 10), math.frexp(8.0), math.inf > 1e308, -math.inf)
