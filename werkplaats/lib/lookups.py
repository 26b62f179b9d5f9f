"""An id too big for the database is a value that matches nothing, never a 500.

Django answers `pk=<20 digits>` with "no such row" (`IntegerFieldExact` and friends), but `pk__in=[<20 digits>]`
reaches SQLite as an integer it cannot bind: `OverflowError`, a 500. That is the query behind every
`ModelMultipleChoiceField` (and django-filter's multiple-choice filters), so a tampered form post of a 20-digit id
crashed about 19 forms. `GeheelGetalIn` drops the values outside the column's range, as Django's own lookups do for
`exact`: the form then says "not a valid choice" (400). The same for `exact` and `in` on a foreign key
(`traject=<20 digits>` in a filter's URL), which Django does not guard either. Registered by `registreren()`, which
the core's `AppConfig.ready` calls.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In


def _binnen(lookup: Any, connection: Any, waarde: Any) -> bool:
    """Whether a value fits the column of the lookup (values that are not integers are left to the database)."""
    if not isinstance(waarde, int) or isinstance(waarde, bool):
        return True
    veld = lookup.lhs.output_field
    veld = getattr(veld, "target_field", None) or veld
    try:
        minimum, maximum = connection.ops.integer_field_range(veld.get_internal_type())
    except KeyError:  # not an integer column
        return True
    return (minimum is None or waarde >= minimum) and (maximum is None or waarde <= maximum)


class GeheelGetalIn(In):
    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        if self.rhs_is_direct_value():
            waarden = [waarde for waarde in self.rhs if _binnen(self, connection, waarde)]
            if not waarden:
                raise EmptyResultSet
            self.rhs = waarden
        return super().process_rhs(compiler, connection)


class GerelateerdExact(RelatedExact):
    """`werkplaats=<20 digits>` on a foreign key: no row, as Django does for `pk=<20 digits>`."""

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        if not _binnen(self, connection, self.rhs):
            raise EmptyResultSet
        return super().as_sql(compiler, connection)


class GerelateerdIn(RelatedIn):
    def as_sql(self, compiler: Any, connection: Any) -> Any:
        if self.rhs_is_direct_value() and isinstance(self.rhs, list | tuple | set):
            waarden = [waarde for waarde in self.rhs if _binnen(self, connection, waarde)]
            if not waarden:
                raise EmptyResultSet
            self.rhs = waarden
        return super().as_sql(compiler, connection)


def registreren() -> None:
    IntegerField.register_lookup(GeheelGetalIn)
    ForeignObject.register_lookup(GerelateerdExact)
    ForeignObject.register_lookup(GerelateerdIn)
