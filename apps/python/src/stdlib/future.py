# __future__: every feature named here is already the behaviour of this interpreter.
annotations = True
division = True
print_function = True
