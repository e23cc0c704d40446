"""Pulso's collector: everything from a feed URL to rows in DuckDB.

The public surface the CLI and the report layer use is re-exported here.
"""

__version__ = "0.1.0"
