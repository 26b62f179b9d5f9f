"""Dates: month arithmetic (on `dateutil.relativedelta`) and dates as text (on Django's `date_format`).

The texts follow the active language through Django's own catalog (`LANGUAGE_CODE` is ``nl``: "2 juni 2014",
"jun 2014"). Where a text must be Dutch whatever the request's language, as in the charts and the end
report, the caller wraps the call in ``translation.override("nl")``.
"""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.utils.formats import date_format


def maanden_erbij(dag: datetime.date, maanden: int) -> datetime.date:
    """`dag` plus (or minus) whole months, clamped to the month's last day: 31 January + 1 = 28/29 February."""
    return dag + relativedelta(months=maanden)


def maand_begin(dag: datetime.date) -> datetime.date:
    """The first day of `dag`'s month."""
    return dag.replace(day=1)


def maanden_tussen(start: datetime.date, eind: datetime.date) -> int:
    """Calendar months from `start`'s month to `eind`'s month, whatever the days: 31 Jan -> 1 Feb is 1."""
    return (eind.year - start.year) * 12 + eind.month - start.month


def maandreeks(start: datetime.date, eind: datetime.date) -> list[datetime.date]:
    """The points of a monthly series: `start`, the first of every later month up to `eind`, and `eind`.

    `eind` is always the last point (also when it falls before `start`, as the only one).
    """
    dagen: list[datetime.date] = []
    dag = maand_begin(start)
    while dag <= eind:
        dagen.append(max(dag, start))
        dag = maanden_erbij(dag, 1)
    if not dagen or dagen[-1] != eind:
        dagen.append(eind)
    return dagen


def datum_lang(dag: datetime.date) -> str:
    """The date written out: "2 juni 2014"."""
    return date_format(dag, "j F Y")


def datum_kort(dag: datetime.date) -> str:
    """The date in figures, without leading zeros: "3-12-2015"."""
    return date_format(dag, "j-n-Y")


def maand_jaar(dag: datetime.date, *, kort: bool = False) -> str:
    """Month and year: "juni 2014", or with `kort` the abbreviated month: "jun 2014", "mrt 2015"."""
    return date_format(dag, "b Y" if kort else "F Y")


def maandperiode(start: datetime.date, eind: datetime.date) -> str:
    """A span of months: "juni 2014", "maart - juni 2014" or "november 2014 - februari 2015" (an en dash)."""
    if (start.year, start.month) == (eind.year, eind.month):
        return maand_jaar(start)
    if start.year == eind.year:
        return f"{date_format(start, 'F')} – {maand_jaar(eind)}"
    return f"{maand_jaar(start)} – {maand_jaar(eind)}"
