"""Luoshi (落实): turn a government work report into a plan, and follow it through the year.

The text core: read → normalise → structure → extract, with no Django import.
"""

__version__ = "0.1.0"
