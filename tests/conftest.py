"""Helpers for the tests that run without Odoo.

The addons' pure-rule modules (``<addon>/lib/*.py``) import nothing from Odoo; they are
loaded straight from their files so that importing the addon package (which needs Odoo)
is not required.
"""

import importlib.util
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = sorted(
    d
    for d in os.listdir(ROOT)
    if d.startswith("sgz_") and os.path.isfile(os.path.join(ROOT, d, "__manifest__.py"))
)


def load_lib(addon, name):
    path = os.path.join(ROOT, addon, "lib", f"{name}.py")
    mod_name = f"_sgz_lib_{addon}_{name}"
    if mod_name in sys.modules:
        return sys.modules[mod_name]
    spec = importlib.util.spec_from_file_location(mod_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[mod_name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def repo_root():
    return ROOT
