"""CSV downloads, written one Arrow batch at a time: the open queue can hold 100k+ comments, so its rows go
from DuckDB to the file without ever being a whole table in memory. Each batch's cells are cleaned for
publication by the writer's per-column functions, and no text cell may start a spreadsheet formula."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from scripts import safe
from scripts.queries import Rows

_FORMULA_STARTS = pa.array(safe.FORMULA_STARTS, type=pa.string())


@dataclass(frozen=True, eq=False)
class CsvDownload:
    """A CSV file planned by a page writer and written by the build: `columns` of `rows`, in order, each
    passed through `clean[column]` (a pure function of one value, e.g. the e-mail-free text) when given."""

    rows: Rows
    columns: tuple[str, ...]
    clean: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)

    def write(self, con: duckdb.DuckDBPyConnection, path: Path) -> int:
        """Write the file; how many rows it has."""
        reader = self.rows.reader(con)
        schema = pa.schema([pa.field(name, pa.string()) if name in self.clean else reader.schema.field(name)
                            for name in self.columns])
        count = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        with pa_csv.CSVWriter(str(path), schema) as writer:
            for batch in reader:
                writer.write_batch(self._published(batch, schema))
                count += batch.num_rows
        return count

    def _published(self, batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
        columns = []
        for name in self.columns:
            column = batch.column(name)
            if name in self.clean:
                column = pa.array(_per_value(column.to_pylist(), self.clean[name]), type=pa.string())
            columns.append(no_formulas(column))
        return pa.RecordBatch.from_arrays(columns, schema=schema)


def no_formulas(column: pa.Array) -> pa.Array:
    """`safe.csv_cell` on the text cells that start like a formula (found vectorised; most columns have none)."""
    if pa.types.is_string_view(column.type) or pa.types.is_large_string(column.type):
        column = column.cast(pa.string())
    if not pa.types.is_string(column.type):
        return column
    risky = pc.is_in(pc.utf8_slice_codeunits(column, 0, 1), value_set=_FORMULA_STARTS)
    if not pc.any(risky).as_py():
        return column
    return pa.array([safe.csv_cell(value) if flagged else value
                     for value, flagged in zip(column.to_pylist(), risky.to_pylist(), strict=True)], type=pa.string())


def _per_value(values: list[Any], fn: Callable[[Any], Any]) -> list[Any]:
    """`fn` (pure) once per distinct value: a post's title and link repeat on every row of its comments."""
    seen: dict[Any, Any] = {}
    return [seen[v] if v in seen else seen.setdefault(v, fn(v)) for v in values]
