"""The national role ("landelijk"): aggregated figures of every werkplaats, and no personal data at all.

A national user (`Rol.Soort.LANDELIJK`, granted by a superuser on the admin's user page) belongs to no werkplaats,
so every `zichtbaar_voor(user)` queryset is already empty for them. That alone would still let them open list pages
(empty) and any page a future app adds without a queryset. So the rule is the other way round, in one place:
a user who has *only* the national role (`User.is_alleen_landelijk`) opens only

- the pages every account needs (`VRIJ`: login, logout, password, "Mijn account", two-factor authentication, the
  language switch, the home page, the public privacy and accessibility statements), and
- the views that say they show no personal data (`landelijk_toegestaan`, `LandelijkToegestaanMixin`): the national
  overview (`rapportage.landelijk`).

Every other URL, existing or new, answers 403 for them (`LandelijkMiddleware`), whatever its arguments, so nothing
leaks about which rows exist. A user with the national role and another role opens that role's pages as before.

Figures of fewer than `settings.LANDELIJK_MINIMUM_ORGANISATIES` organisations are never shown (`genoeg`): the
small-number threshold for the national overview and the peer comparison alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from .tweestaps import VRIJ as TWEESTAPS_VRIJ

V = TypeVar("V", bound=Callable[..., Any])

VRIJ = TWEESTAPS_VRIJ | frozenset(
    {
        "werkplaats:home",
        "password_change",
        "password_change_done",
        "account_instellingen",
        "tweestaps_noodcodes",
        "tweestaps_uitzetten",
        "set_language",
    }
)


def minimum_organisaties() -> int:
    """The small-number threshold: no figure of fewer organisations than this is shown."""
    return int(getattr(settings, "LANDELIJK_MINIMUM_ORGANISATIES", 5))


def genoeg(aantal_organisaties: int) -> bool:
    """Whether a figure over this many organisations may be shown (the one threshold rule)."""
    return aantal_organisaties >= minimum_organisaties()


def landelijk_toegestaan(view: V) -> V:
    """Mark a function view as free of personal data: national users may open it."""
    view.landelijk_toegestaan = True  # type: ignore[attr-defined]
    return view


class LandelijkToegestaanMixin:
    """A class-based view free of personal data: national users may open it."""

    landelijk_toegestaan = True


def is_toegestaan(view_func: Callable[..., Any], view_name: str | None) -> bool:
    if view_name in VRIJ or getattr(view_func, "landelijk_toegestaan", False):
        return True
    return bool(getattr(getattr(view_func, "view_class", None), "landelijk_toegestaan", False))


class LandelijkMiddleware:
    """403 for a national-only user on every view not in `VRIJ` and not marked `landelijk_toegestaan`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_alleen_landelijk:
            return None
        match = request.resolver_match
        if is_toegestaan(view_func, match.view_name if match is not None else None):
            return None
        raise PermissionDenied
