"""Pure-Python rules of the operating guide (no ``odoo`` import).

Unit-tested without a database in the top-level ``tests/``.
"""
