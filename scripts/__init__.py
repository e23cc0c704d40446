"""Pulso's report layer: named SQL queries -> DataFrames -> Altair charts and Markdown pages -> MkDocs site.

The public entry point is `scripts.build.site.build_site`; the CLI calls it.
"""
