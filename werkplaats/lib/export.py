"""The one place where CSV and Excel cells are written: every export of the app goes through here.

A spreadsheet takes a cell that starts with `=`, `+`, `-` or `@` (and, in some programs, a tab or a carriage
return) for a formula, so a participant named ``=HYPERLINK(...)`` would run in the coordinator's Excel. Following
OWASP's advice on CSV injection, `cel` prefixes such text with a single quote; numbers, dates and booleans stay
what they are (a negative number is a number, not a formula). In the XLSX every text cell is written with the
string data type set explicitly, so no cell is ever a formula, whatever its text.

`TabelExportMixin` replaces django-tables2's `ExportMixin` (which writes through tablib, cell by cell as-is) for
every table with an export; `csv_antwoord` and `xlsx_antwoord` serve the exports that are not a table.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django_tables2 import DateColumn, DateTimeColumn

FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATEN = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE}

Waarde = str | int | float | decimal.Decimal | datetime.date | datetime.datetime | datetime.time | bool
Rij = Sequence[Any]


def tekst_neutraliseren(tekst: str) -> str:
    """Text that a spreadsheet cannot read as a formula: a leading `= + - @`, tab or CR gets a single quote."""
    return "'" + tekst if tekst.startswith(FORMULETEKENS) else tekst


def cel(waarde: Any) -> Waarde:
    """The value of one exported cell: numbers, dates and booleans as they are, anything else as safe text."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool | int | float | decimal.Decimal | datetime.date | datetime.time):
        return waarde
    return tekst_neutraliseren(force_str(waarde))


def csv_tekst(rijen: Iterable[Rij], *, scheidingsteken: str = ",") -> str:
    """The rows as CSV text with a BOM (so Excel reads UTF-8), every cell through `cel`."""
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=scheidingsteken, lineterminator="\r\n")
    for rij in rijen:
        schrijver.writerow([cel(waarde) for waarde in rij])
    return "\ufeff" + buffer.getvalue()


def xlsx_bytes(rijen: Iterable[Rij], *, titel: str = "Export") -> bytes:
    """The rows as an Excel workbook of one sheet; text cells have the string type, so none is a formula."""
    from openpyxl import Workbook  # imported when a workbook is written, not when a process starts
    from openpyxl.cell.cell import TYPE_STRING

    boek = Workbook()
    blad = boek.active
    assert blad is not None
    blad.title = tekst_neutraliseren(force_str(titel))[:31]  # Excel's limit on a sheet's name
    for rijnummer, rij in enumerate(rijen, start=1):
        for kolomnummer, waarde in enumerate(rij, start=1):
            waarde = cel(waarde)
            if isinstance(waarde, datetime.datetime) and waarde.tzinfo is not None:
                waarde = timezone.localtime(waarde).replace(tzinfo=None)  # Excel has no time zones: local time
            vak = blad.cell(row=rijnummer, column=kolomnummer)
            vak.value = waarde
            if isinstance(waarde, str):
                vak.data_type = TYPE_STRING
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()


def _antwoord(inhoud: str | bytes, formaat: str, bestandsnaam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type=FORMATEN[formaat])
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response


def csv_antwoord(rijen: Iterable[Rij], bestandsnaam: str, *, scheidingsteken: str = ",") -> HttpResponse:
    """A download of the rows as CSV."""
    return _antwoord(csv_tekst(rijen, scheidingsteken=scheidingsteken), "csv", bestandsnaam)


def xlsx_antwoord(rijen: Iterable[Rij], bestandsnaam: str, *, titel: str = "Export") -> HttpResponse:
    """A download of the rows as an Excel workbook."""
    return _antwoord(xlsx_bytes(rijen, titel=titel), "xlsx", bestandsnaam)


def antwoord(rijen: Iterable[Rij], formaat: str, bestandsnaam: str, *, titel: str = "Export") -> HttpResponse:
    """A download of the rows in `formaat` (`csv` or `xlsx`)."""
    if formaat == "xlsx":
        return xlsx_antwoord(rijen, bestandsnaam, titel=titel)
    return csv_antwoord(rijen, bestandsnaam)


class TabelExport:
    """Exports a django-tables2 table (its `as_values()`, so what the page shows) as CSV or XLSX."""

    FORMATS = FORMATEN

    def __init__(
        self, export_format: str, table: Any, exclude_columns: Iterable[str] | None = None, dataset_kwargs: Any = None
    ) -> None:
        if not self.is_valid_format(export_format):
            raise TypeError(f"Export format {export_format!r} is not supported.")
        self.format = export_format
        self.rijen = list(self._rijen(table, exclude_columns or ()))
        try:
            self.titel = force_str(table.Meta.model._meta.verbose_name_plural)
        except AttributeError:
            self.titel = "Export"

    def _rijen(self, table: Any, exclude_columns: Iterable[str]) -> Iterable[list[Any]]:
        """`table.as_values()`, except that a date column gives Excel the date itself, not its printed text."""
        kolommen = [
            kolom
            for kolom in table.columns.iterall()
            if not (kolom.column.exclude_from_export or kolom.name in exclude_columns)
        ]
        yield [force_str(kolom.header, strings_only=True) for kolom in kolommen]
        datums = {
            kolom.name
            for kolom in kolommen
            if self.format == "xlsx"
            and isinstance(kolom.column, DateColumn | DateTimeColumn)
            and not hasattr(table, f"value_{kolom.name}")
        }
        for rij in table.rows:
            waarden = []
            for kolom in kolommen:
                waarde = kolom.accessor.resolve(rij.record, quiet=True) if kolom.name in datums else None
                if not isinstance(waarde, datetime.date):
                    waarde = force_str(rij.get_cell_value(kolom.name), strings_only=True)
                waarden.append(waarde)
            yield waarden

    @classmethod
    def is_valid_format(cls, export_format: str | None) -> bool:
        return export_format in cls.FORMATS

    def response(self, filename: str | None = None) -> HttpResponse:
        return antwoord(self.rijen, self.format, filename or f"export.{self.format}", titel=self.titel)


class TabelExportMixin:
    """A table view's CSV and Excel export (`?_export=csv|xlsx`), every cell through `cel`.

    The same interface as django-tables2's `ExportMixin` (`export_name`, `export_formats`,
    `get_export_filename`, `exclude_columns`), so `{% export_url %}` works unchanged.
    """

    export_class = TabelExport
    export_name = "tabel"
    export_trigger_param = "_export"
    export_formats: Sequence[str] = ("csv", "xlsx")
    exclude_columns: Sequence[str] = ()

    def get_export_filename(self, export_format: str) -> str:
        return f"{self.export_name}.{export_format}"

    def create_export(self, export_format: str) -> HttpResponse:
        view: Any = self
        exporter = self.export_class(
            export_format=export_format,
            table=view.get_table(**view.get_table_kwargs()),
            exclude_columns=self.exclude_columns,
        )
        return exporter.response(filename=self.get_export_filename(export_format))

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        view: Any = self
        export_format = view.request.GET.get(self.export_trigger_param)
        if export_format in self.export_formats and self.export_class.is_valid_format(export_format):
            return self.create_export(export_format)
        return super().render_to_response(context, **kwargs)  # type: ignore[misc]
