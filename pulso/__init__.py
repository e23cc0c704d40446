"""The `pulso` application: the command line (one module per command) and the demo dataset.

It sits above both libraries: `collector` (feed URL -> DuckDB) and `scripts` (DuckDB -> site).
"""
