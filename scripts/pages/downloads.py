"""CSV downloads, written one Arrow batch at a time: the open queue can hold 100k+ comments, so its rows go
from DuckDB to the file without ever being a whole table in memory. Each batch's cells are cleaned for
publication by the writer's per-column functions, and no text cell may start a spreadsheet formula.

The files are for Excel first (`for_excel`): UTF-8 with a BOM (without it Spanish Excel reads "Gómez" as
"GÃ³mez"), headers in the site language, hours rounded to one decimal, yes/no in words, and for a Spanish
site the semicolon and the decimal comma Excel expects there. A small data dictionary goes beside each file.
"""

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
from scripts.i18n import Locale
from scripts.pages.csv_columns import header, meaning
from scripts.queries import Rows

_FORMULA_STARTS = pa.array(safe.FORMULA_STARTS, type=pa.string())
BOM = b"\xef\xbb\xbf"
#: Columns holding hours: one decimal is all a reader needs.
HOUR_COLUMNS = frozenset({"age_hours", "median_hours", "p90_hours"})


@dataclass(frozen=True, eq=False)
class CsvDownload:
    """A CSV file planned by a page writer and written by the build: `columns` of `rows`, in order, each
    passed through `clean[column]` (a pure function of one value, e.g. the e-mail-free text) when given."""

    rows: Rows
    columns: tuple[str, ...]
    clean: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)   # column -> header; the column name otherwise
    delimiter: str = ","
    decimal: str = "."
    booleans: tuple[str, str] | None = None                    # (true, false) in words; None keeps true/false

    def write(self, con: duckdb.DuckDBPyConnection, path: Path) -> int:
        """Write the file (UTF-8 with a BOM); how many rows it has."""
        reader = self.rows.reader(con)
        fields = [pa.field(name, pa.string()) if self._as_text(name, reader.schema.field(name).type)
                  else reader.schema.field(name) for name in self.columns]
        schema = pa.schema([f.with_name(self.headers.get(f.name, f.name)) for f in fields])
        count = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as sink:
            sink.write(BOM)
            options = pa_csv.WriteOptions(delimiter=self.delimiter)
            with pa_csv.CSVWriter(sink, schema, write_options=options) as writer:
                for batch in reader:
                    writer.write_batch(self._published(batch, schema))
                    count += batch.num_rows
        return count

    def _as_text(self, name: str, kind: pa.DataType) -> bool:
        """Cleaned columns, hours (one decimal, the file's decimal mark) and yes/no in words are written as text."""
        return (name in self.clean or name in HOUR_COLUMNS
                or (pa.types.is_boolean(kind) and self.booleans is not None))

    def _published(self, batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
        columns = []
        for name in self.columns:
            column = batch.column(name)
            if name in self.clean:
                column = pa.array(_per_value(column.to_pylist(), self.clean[name]), type=pa.string())
            elif name in HOUR_COLUMNS:
                column = self._hours(column)
            elif pa.types.is_boolean(column.type) and self.booleans is not None:
                yes, no = self.booleans
                column = pc.if_else(column, pa.scalar(yes), pa.scalar(no))
            columns.append(no_formulas(column))
        return pa.RecordBatch.from_arrays(columns, schema=schema)

    def _hours(self, column: pa.Array) -> pa.Array:
        """One decimal, always written ("30.0", not "30"), with the file's decimal mark."""
        rounded = pc.round(column.cast(pa.float64()), 1)
        return pa.array([None if v is None else f"{v:.1f}".replace(".", self.decimal) for v in rounded.to_pylist()],
                        type=pa.string())

    def dictionary(self, lang: str) -> list[tuple[str, str]]:
        """(header, meaning) of each column, in the file's order: the data dictionary."""
        return [(self.headers.get(name, name), meaning(name, lang)) for name in self.columns]


def for_excel(rows: Rows, columns: tuple[str, ...], clean: Mapping[str, Callable[[Any], Any]],
              L: Locale) -> CsvDownload:
    """A download Excel opens right in the site's language: headers in words, yes/no, and for Spanish the
    semicolon and decimal comma of Spanish Excel (a comma-separated file opens there as one column)."""
    spanish = L.lang == "es"
    return CsvDownload(rows, columns, clean, headers={name: header(name, L.lang) for name in columns},
                       delimiter=";" if spanish else ",", decimal="," if spanish else ".",
                       booleans=(L.t("yes"), L.t("no")))


def dictionary_path(path: str) -> str:
    """Where a download's data dictionary goes: beside it, `open-queue.csv` -> `open-queue.dictionary.csv`."""
    return path.removesuffix(".csv") + ".dictionary.csv"


def dictionary_context(download: CsvDownload, path: str, L: Locale) -> dict[str, Any]:
    """What the page's `_dictionary.md.j2` shows under a download's link."""
    return {"path": path, "dictionary_path": dictionary_path(path), "columns": download.dictionary(L.lang)}


def dictionary_csv(download: CsvDownload, lang: str) -> bytes:
    """The data dictionary as a small CSV beside the file, in the same Excel dialect (BOM, delimiter)."""
    first = {"es": ("Columna", "Qué contiene"), "en": ("Column", "What it holds")}[lang if lang == "es" else "en"]
    lines = [first, *download.dictionary(lang)]
    quote = download.delimiter.join
    return BOM + "".join(quote(f'"{cell.replace(chr(34), chr(34) * 2)}"' for cell in line) + "\r\n"
                         for line in lines).encode("utf-8")


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
