"""Login lockout with django-axes: the Dutch answer when a username or address is locked, the lock of an account as
its page shows it, and unlocking it (`account_ontgrendelen`, for the coordinator and superusers).

Axes counts the failures (settings: `AXES_FAILURE_LIMIT`, `AXES_COOLOFF_TIME`, per username and per address), logs
each with username and address (logger `axes`), and refuses a locked username or address in its authentication
backend before the password is checked. Its records (`AccessAttempt`, `AccessLog`, `AccessFailureLog`) are shown
read-only in the admin.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from axes.backends import AxesStandaloneBackend
from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import User

logger = logging.getLogger("werkplaats.inloggen")


class VergrendelingBackend(AxesStandaloneBackend):
    """django-axes' backend (first in `AUTHENTICATION_BACKENDS`) for logins over the web. `authenticate()` without a
    request (a management command, the shell, a test) is no login attempt from a client: axes cannot count it by
    address and would refuse it with an error, so it is left to the next backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def vergrendeld_bericht() -> str:
    minuten = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _(
        "Te veel mislukte pogingen om in te loggen. Inloggen is %(minuten)d minuten geblokkeerd voor dit account of "
        "dit adres. Probeer het daarna opnieuw, of vraag de coördinator van uw werkplaats uw account te ontgrendelen."
    ) % {"minuten": minuten}


def vergrendeld_antwoord(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """`AXES_LOCKOUT_CALLABLE`: the login page with the message and a 429. Our login view answers so itself; this
    covers any other login form (the admin's)."""
    if original_response is not None and original_response.status_code == 429:
        return original_response
    from .forms import LoginForm

    form = LoginForm(request, initial={"username": (credentials or {}).get("username", "")})
    context = {"form": form, "vergrendeld": vergrendeld_bericht(), "next": request.GET.get("next", "")}
    return render(request, "registration/login.html", context, status=429)


@dataclass(frozen=True)
class Vergrendeling:
    pogingen: int
    tot: datetime.datetime
    vergrendeld: bool


def vergrendeling_van(user: User) -> Vergrendeling | None:
    """The failed logins with this account's username within the cool-off time, and whether they lock it (as axes
    counts them: the sum of its records)."""
    grens = timezone.now() - settings.AXES_COOLOFF_TIME
    telling = AccessAttempt.objects.filter(username__iexact=user.username, attempt_time__gte=grens).aggregate(
        pogingen=Sum("failures_since_start"), laatste=Max("attempt_time")
    )
    if not telling["pogingen"]:
        return None
    return Vergrendeling(
        pogingen=telling["pogingen"],
        tot=telling["laatste"] + settings.AXES_COOLOFF_TIME,
        vergrendeld=telling["pogingen"] >= settings.AXES_FAILURE_LIMIT,
    )


@transaction.atomic
def account_ontgrendelen(*, user: User, door: User) -> int:
    """Forget the failed logins with this account's username, so the person can log in at once. Returns how many
    records were removed. (An address locked by failures with other usernames stays locked until its cool-off.)"""
    aantal, _per_model = AccessAttempt.objects.filter(username__iexact=user.username).delete()
    logger.info("Account %s ontgrendeld door %s (%d records van mislukte pogingen).", user.username, door, aantal)
    return aantal
