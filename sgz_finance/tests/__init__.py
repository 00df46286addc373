from . import test_budget
