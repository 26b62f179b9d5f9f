"""Password rules of our own, beside Django's (length 12, its common-password list, not all digits, not like the
username): no password made of Dutch words that everyone guesses first, and never the demo's published password in
production. Listed in `AUTH_PASSWORD_VALIDATORS`."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The password of every demo account (werkplaats.demo.DEMO_PASSWORD; the core does not import the demo).
DEMO_WACHTWOORD = "werkplaats-demo"

# Words a guesser tries first, with a year or a digit behind them: seasons, months, days, greetings, and the words of
# the app and of the field it serves. The werkplaatsen's own names are added from the database.
GERADEN_WOORDEN = frozenset(
    [
        "lente",
        "voorjaar",
        "zomer",
        "herfst",
        "najaar",
        "winter",
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
        "welkom",
        "hallo",
        "hoi",
        "goedemorgen",
        "wachtwoord",
        "paswoord",
        "geheim",
        "nieuw",
        "nieuwe",
        "test",
        "admin",
        "beheer",
        "beheerder",
        "werkplaats",
        "werkplaatsen",
        "wmo",
        "sociaal",
        "domein",
        "gemeente",
        "zorg",
        "wijkteam",
        "lectoraat",
        "coordinator",
        "quickscan",
        "scholing",
        "paraplumodel",
        "nederland",
        "amsterdam",
        "rotterdam",
        "utrecht",
    ]
)
MIN_VERSCHILLENDE_TEKENS = 5


def _woorden_van_werkplaatsen() -> set[str]:
    from .models import Werkplaats  # the database is read when a password is checked, never at import

    woorden: set[str] = set()
    for naam in Werkplaats.objects.values_list("naam", flat=True):
        woorden |= {woord for woord in re.findall(r"[a-z]+", naam.lower()) if len(woord) >= 3}
    return woorden


def _alleen_woorden(letters: str, woorden: set[str] | frozenset[str]) -> bool:
    """True when `letters` is made up entirely of the given words (one or more, repeated or not)."""
    mogelijk = [True] + [False] * len(letters)
    for eind in range(1, len(letters) + 1):
        mogelijk[eind] = any(mogelijk[begin] and letters[begin:eind] in woorden for begin in range(eind))
    return bool(letters) and mogelijk[-1]


class NederlandsWachtwoordValidator:
    """Refuses a password whose letters are only guessable words (`Zomer2026`, `Werkplaats2025!`, `welkom123welkom`)
    and one with fewer than five different characters (`aaaaaaaaaaaa`)."""

    def validate(self, password: str, user=None) -> None:
        if len(set(password.lower())) < MIN_VERSCHILLENDE_TEKENS:
            raise ValidationError(
                _("Dit wachtwoord heeft te weinig verschillende tekens (minstens %(aantal)d)."),
                code="te_weinig_tekens",
                params={"aantal": MIN_VERSCHILLENDE_TEKENS},
            )
        letters = re.sub(r"[^a-z]", "", password.lower().replace("ö", "o"))
        if _alleen_woorden(letters, GERADEN_WOORDEN | _woorden_van_werkplaatsen()):
            raise ValidationError(
                _(
                    "Dit wachtwoord is te makkelijk te raden: het bestaat uit bekende woorden (zoals een seizoen "
                    "met een jaartal, of de naam van de app of werkplaats). Kies bijvoorbeeld een zin van vier "
                    "losse woorden."
                ),
                code="te_raden",
            )

    def get_help_text(self) -> str:
        return _("Uw wachtwoord bestaat niet alleen uit bekende woorden met cijfers, zoals Zomer2026.")


class GeenDemoWachtwoordValidator:
    """The demo's password is published in the README: with debug off (production) nobody may choose it."""

    def validate(self, password: str, user=None) -> None:
        if not settings.DEBUG and password.strip().lower() == DEMO_WACHTWOORD:
            raise ValidationError(
                _("Dit is het openbare wachtwoord van de demo; kies een ander wachtwoord."), code="demo_wachtwoord"
            )

    def get_help_text(self) -> str:
        return _("Uw wachtwoord is niet het wachtwoord van de demo.")
