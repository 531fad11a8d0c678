class AppError(Exception):
    pass
def load():
    raise AppError("config broken")
try:
    load()
except AppError:
    raise ValueError("wrapped")
