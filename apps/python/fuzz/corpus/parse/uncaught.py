def inner(x):
    return x["missing"]
def outer():
    print("before")
    return inner({})
outer()
print("never")
