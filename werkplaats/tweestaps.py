"""Two-factor authentication with django-otp: an authenticator app (TOTP, RFC 6238) plus ten backup codes.

Who needs it: coordinators, lectoraat, superusers and staff when `TWEESTAPS_VERPLICHT` is on (by default with debug
off); everyone who set it up for themselves (a leader may). At login (`bij_inloggen`, connected in
`WerkplaatsConfig.ready`) the session records whether this person needs the second step, so later requests cost
nothing. `TweestapsMiddleware` (after django-otp's `OTPMiddleware`) then lets a person who needs it and has not given
a code reach only the login, logout, password-reset and two-factor pages (and `/healthz`, which answers before any
middleware): the admin included. Who has an app gives a code (`tweestaps_controleren`); who must have one and has
none sets it up first (`tweestaps_instellen`). The pages are in `tweestaps_views.py`; the writes are the services
below. Wrong codes are throttled by django-otp (a growing wait per device) and logged with username and address.
"""

from __future__ import annotations

import io
import logging
from base64 import b32encode
from binascii import unhexlify
from collections.abc import Callable

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from .models import User

logger = logging.getLogger("werkplaats.inloggen")

NODIG = "tweestaps_nodig"  # session: does this login need the second step?
SLEUTEL = "tweestaps_sleutel"  # session: the secret shown while setting up, until it is confirmed
AANTAL_NOODCODES = 10
APP_NAAM = "Authenticator-app"
NOODCODES_NAAM = "Noodcodes"

# Pages a person may reach before the second step (URL names, namespaced as Django resolves them).
VRIJ = frozenset(
    {
        "login",
        "logout",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "uitnodiging_accepteren",
        "healthz",
        "tweestaps_controleren",
        "tweestaps_instellen",
        "admin:logout",
        # The public pages (privacy, accessibility statement): readable before the second step too.
        "toegankelijkheid",
        "scholing:privacy",
        "set_language",  # the language switch in the footer
    }
)


# Who needs it ---------------------------------------------------------------------------------------------------


def moet_tweestaps(user: User) -> bool:
    """The roles that must use two-factor authentication when the setting says so (the national role too: it reads
    every werkplaats's figures)."""
    return settings.TWEESTAPS_VERPLICHT and (
        user.is_superuser or user.is_staff or user.is_coordinator or user.is_lectoraat or user.is_landelijk
    )


def heeft_tweestaps(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def tweestaps_nodig(user: User) -> bool:
    return heeft_tweestaps(user) or moet_tweestaps(user)


def is_geverifieerd(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_verified", lambda: False)())


# Personal API tokens (werkplaats/api_tokens.py) -------------------------------------------------------------------
# A token logs in without the second step, so the rule that guards the pages guards the tokens too, here:
# - a token is made only in a session that passed the second step whenever this person needs it, judged at that
#   moment (a role given since the login counts, not only the login's flag): `token_aanmaken_mag`;
# - a token works only while its owner either need not use two-factor authentication or has a confirmed app: the
#   token of someone who has since become obliged to use it (a new role, the setting turned on) and has not set it
#   up is refused (401, with a message) until they do, in a browser: `token_mag_werken`.


def token_aanmaken_mag(request: HttpRequest) -> bool:
    return not tweestaps_nodig(request.user) or is_geverifieerd(request)


def token_mag_werken(user: User) -> bool:
    return not moet_tweestaps(user) or heeft_tweestaps(user)


def bij_inloggen(sender, request: HttpRequest | None = None, user: User | None = None, **kwargs) -> None:
    """At every login (our page, the admin's, a test's force_login): remember whether the second step is needed."""
    if request is not None and user is not None and hasattr(request, "session"):
        request.session[NODIG] = tweestaps_nodig(user)


def volgende_stap(request: HttpRequest, volgende: str) -> HttpResponse:
    """The page of the second step for this person, coming back to `volgende` afterwards."""
    naam = "tweestaps_controleren" if heeft_tweestaps(request.user) else "tweestaps_instellen"
    return redirect(f"{reverse(naam)}?{urlencode({'next': volgende})}")


class TweestapsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        if not request.user.is_authenticated:
            return None
        nodig = request.session.get(NODIG)
        if nodig is None:  # a session from before two-factor authentication
            nodig = request.session[NODIG] = tweestaps_nodig(request.user)
        if not nodig or is_geverifieerd(request):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in VRIJ:
            return None
        return volgende_stap(request, request.get_full_path())


# Showing the secret ---------------------------------------------------------------------------------------------


def nieuwe_sleutel() -> str:
    return default_key()


def geheim_als_tekst(sleutel: str) -> str:
    """The secret as an authenticator app asks for it when typed in: base32, in groups of four."""
    geheim = b32encode(unhexlify(sleutel)).decode().rstrip("=")
    return " ".join(geheim[i : i + 4] for i in range(0, len(geheim), 4))


def configuratie_url(user: User, sleutel: str) -> str:
    return TOTPDevice(user=user, key=sleutel, name=APP_NAAM).config_url


def qr_svg(tekst: str) -> str:
    """A QR code as SVG text to put inside the page (qrcode's path factory: no Pillow, no script, no style element),
    from `<svg` on: the XML declaration before it is not HTML (the Nu HTML Checker's "Saw <?")."""
    afbeelding = qrcode.make(tekst, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    buffer = io.BytesIO()
    afbeelding.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]


def aantal_noodcodes(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# Services ---------------------------------------------------------------------------------------------------


def _noodcodes_maken(user: User) -> list[str]:
    apparaat, _nieuw = StaticDevice.objects.get_or_create(user=user, defaults={"name": NOODCODES_NAAM})
    apparaat.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(AANTAL_NOODCODES)]
    StaticToken.objects.bulk_create([StaticToken(device=apparaat, token=code) for code in codes])
    return codes


@transaction.atomic
def tweestaps_bevestigen(*, user: User, sleutel: str, code: str) -> tuple[TOTPDevice | None, list[str]]:
    """Set up the authenticator app with the secret shown to the user, when `code` is a code it made for that secret.
    Returns the confirmed app and ten new backup codes, or (None, []) for a wrong code (throttled by django-otp)."""
    apparaat, _nieuw = TOTPDevice.objects.get_or_create(
        user=user, key=sleutel, defaults={"name": APP_NAAM, "confirmed": False}
    )
    if apparaat.confirmed or not apparaat.verify_token(_schoon(code)):
        return None, []
    apparaat.confirmed = True
    apparaat.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=apparaat.pk).delete()
    logger.info("Tweestapsverificatie ingesteld voor %s.", user.username)
    return apparaat, _noodcodes_maken(user)


def code_controleren(*, user: User, code: str) -> Device | None:
    """The device (the app, or the backup codes: each works once) that accepts `code`, or None."""
    code = _schoon(code)
    if not code:
        return None
    with transaction.atomic():
        for apparaat in devices_for_user(user, confirmed=True, for_verify=True):
            if apparaat.verify_token(code):
                return apparaat
    return None


@transaction.atomic
def noodcodes_vernieuwen(*, user: User) -> list[str]:
    """Ten new backup codes; the old ones stop working."""
    codes = _noodcodes_maken(user)
    logger.info("Nieuwe noodcodes voor %s.", user.username)
    return codes


@transaction.atomic
def tweestaps_uitzetten(*, user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    logger.info("Tweestapsverificatie uitgezet door %s.", user.username)


def sessie_na_uitzetten(request: HttpRequest) -> None:
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session[NODIG] = tweestaps_nodig(request.user)


def _schoon(code: str) -> str:
    return "".join(code.split()).lower()
