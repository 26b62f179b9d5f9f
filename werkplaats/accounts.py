"""Accounts: the invitation link, the mails of invitation and password reset, the rate limit, and the reads of the
account pages. The writes are services in `werkplaats/services.py` (`account_uitnodigen`, ...).
"""

from __future__ import annotations

import datetime
import hashlib
import time

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core.cache import cache
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode
from django.utils.translation import gettext as _

from . import mail
from .models import Mailbericht, Rol, User, Werkplaats

UITNODIGING_GELDIG = datetime.timedelta(days=7)


class UitnodigingTokenGenerator(PasswordResetTokenGenerator):
    """The one-time link of an invitation: Django's password-reset token with its own salt, valid 7 days.

    It is unusable after use as a reset token is: the hash covers the password (set when the link is used) and the
    last login.
    """

    key_salt = "werkplaats.accounts.UitnodigingTokenGenerator"
    geldig = UITNODIGING_GELDIG

    def check_token(self, user, token) -> bool:
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return (self._num_seconds(self._now()) - ts) <= self.geldig.total_seconds()


uitnodiging_tokens = UitnodigingTokenGenerator()


def _uid(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def uitnodiging_link(user: User) -> str:
    return mail.link(
        reverse("uitnodiging_accepteren", kwargs={"uidb64": _uid(user), "token": uitnodiging_tokens.make_token(user)})
    )


def herstel_link(user: User) -> str:
    token = default_token_generator.make_token(user)
    return mail.link(reverse("password_reset_confirm", kwargs={"uidb64": _uid(user), "token": token}))


def werkplaats_van(user: User) -> Werkplaats | None:
    """The werkplaats a person's mail speaks for: that of their first role."""
    for rol in user.rollen.select_related("werkplaats", "organisatie__werkplaats").order_by("pk"):
        return rol.werkplaats or (rol.organisatie.werkplaats if rol.organisatie else None)
    return None


@mail.opsteller(Mailbericht.Soort.UITNODIGING)
def _uitnodiging(bericht: Mailbericht) -> mail.Opgesteld:
    user = bericht.ontvanger
    assert user is not None  # an account's invitation always has its account
    rollen = [
        f"{rol.get_soort_display()} – {rol.werkplaats or rol.organisatie}"
        for rol in user.rollen.select_related("werkplaats", "organisatie")
    ]
    return mail.Opgesteld(
        onderwerp=_("uitnodiging voor de app"),
        sjabloon="mail/uitnodiging",
        context={
            "link": uitnodiging_link(user),
            "rollen": rollen,
            "uitgenodigd_door": user.uitgenodigd_door,
            "geldig_dagen": UITNODIGING_GELDIG.days,
            "gebruikersnaam": user.username,
        },
    )


@mail.opsteller(Mailbericht.Soort.WACHTWOORD)
def _wachtwoord(bericht: Mailbericht) -> mail.Opgesteld:
    user = bericht.ontvanger
    assert user is not None  # a password reset always has its account
    return mail.Opgesteld(
        onderwerp=_("een nieuw wachtwoord kiezen"),
        sjabloon="mail/wachtwoord",
        context={
            "link": herstel_link(user),
            "gebruikersnaam": user.username,
            "geldig_uren": settings.PASSWORD_RESET_TIMEOUT // 3600,
        },
    )


# Rate limit ----------------------------------------------------------------------------------------------------


def te_vaak(soort: str, waarde: str, *, per_uur: int) -> bool:
    """Count one request of `soort` for `waarde` (an IP or an address) in Django's cache; True past `per_uur`.

    `cache.add` then `cache.incr` is atomic on a shared cache (Redis: set CACHE_URL), per process on the default
    local-memory cache. Login lockout is a separate matter (django-axes, on the login view).
    """
    vingerafdruk = hashlib.sha256(waarde.strip().lower().encode()).hexdigest()[:32]
    sleutel = f"drempel:{soort}:{vingerafdruk}:{int(time.time()) // 3600}"
    cache.add(sleutel, 0, timeout=3600)
    try:
        aantal = cache.incr(sleutel)
    except ValueError:  # expired between add and incr
        cache.add(sleutel, 1, timeout=3600)
        aantal = 1
    return aantal > per_uur


# Reads of the account pages ------------------------------------------------------------------------------------


def beheerde_werkplaatsen(user: User) -> QuerySet[Werkplaats]:
    """The werkplaatsen whose accounts this user manages: a coordinator's own, every one for a superuser."""
    if user.is_superuser:
        return Werkplaats.objects.all()
    return Werkplaats.objects.filter(pk__in=user.werkplaats_ids(Rol.Soort.COORDINATOR))


def in_werkplaats(werkplaats_ids) -> Q:
    """Users with a role in one of these werkplaatsen (as coordinator or lectoraat, or leading one of its
    organisations)."""
    return Q(rollen__werkplaats_id__in=werkplaats_ids) | Q(rollen__organisatie__werkplaats_id__in=werkplaats_ids)


def accounts_van(werkplaats: Werkplaats) -> QuerySet[User]:
    """The people of a werkplaats for the account list, in a fixed number of queries: their roles (of this
    werkplaats) and the status of their last invitation."""
    laatste_uitnodiging = Mailbericht.objects.filter(
        ontvanger=OuterRef("pk"), soort=Mailbericht.Soort.UITNODIGING
    ).order_by("-aangemaakt_op", "-pk")
    rollen = Rol.objects.filter(Q(werkplaats=werkplaats) | Q(organisatie__werkplaats=werkplaats)).select_related(
        "organisatie"
    )
    return (
        User.objects.filter(pk__in=User.objects.filter(in_werkplaats([werkplaats.pk])).values("pk"))
        .annotate(uitnodiging_status=Subquery(laatste_uitnodiging.values("status")[:1]))
        .prefetch_related(Prefetch("rollen", queryset=rollen, to_attr="rollen_hier"))
        .order_by("last_name", "first_name", "username")
    )


def accounts_zichtbaar_voor(user: User) -> QuerySet[User]:
    """The accounts a user may open: those with a role in a werkplaats they manage."""
    if user.is_superuser:
        return User.objects.all()
    ids = user.werkplaats_ids(Rol.Soort.COORDINATOR)
    return User.objects.filter(pk__in=User.objects.filter(in_werkplaats(ids)).values("pk"))
