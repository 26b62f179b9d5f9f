"""Personal API tokens: made and revoked by their owner on "Mijn account", shown once, stored hashed.

A token reads ``wp_<prefix>_<secret>``. The row keeps the prefix (to find it) and the SHA-256 of the whole token,
never the token itself; comparing is constant-time. `TokenAuthenticatie` lets Django REST Framework accept
``Authorization: Bearer <token>`` (the API in `rapportage.api`): a missing header leaves the request anonymous (401
from the API's permission), a malformed, unknown or revoked token is a 401 with a Dutch message. A token acts as its
owner, with the owner's roles as they are now: a role taken away is gone from the token too, and a deactivated
account's tokens stop working. Two-factor authentication holds for tokens too (`tweestaps.token_aanmaken_mag`,
`tweestaps.token_mag_werken`): a token is made only after the second step when its owner needs it, and the token of
someone obliged to use it who has no confirmed app is refused with a 401.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from . import tweestaps
from .account_views import tweestaps_context
from .forms import AccountInstellingenForm
from .landelijk import landelijk_toegestaan
from .models import ApiToken, User

VOORVOEGSEL = "wp_"
PREFIX_LENGTE = 10
GEBRUIK_SCHRIJVEN_NA = timedelta(minutes=1)  # `laatst_gebruikt_op` is written at most once a minute
MAX_ACTIEF = 10  # active tokens per person
TWEESTAPS_ONTBREEKT = _(
    "Dit account moet tweestapsverificatie gebruiken en heeft die nog niet ingesteld. Log in op de site en stel die "
    "in op ‘Mijn account’; tot dan werkt geen token van dit account."
)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Services ---------------------------------------------------------------------------------------------------------


@transaction.atomic
def api_token_aanmaken(*, user: User, naam: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the token itself, which is never shown or stored again."""
    if not tweestaps.token_mag_werken(user):
        raise ValidationError({"naam": TWEESTAPS_ONTBREEKT})
    if ApiToken.objects.filter(user=user, ingetrokken_op__isnull=True).count() >= MAX_ACTIEF:
        raise ValidationError(
            {"naam": _("U heeft al %(max)s actieve tokens. Trek er eerst een in.") % {"max": MAX_ACTIEF}}
        )
    prefix = secrets.token_hex(PREFIX_LENGTE // 2)
    token = f"{VOORVOEGSEL}{prefix}_{secrets.token_urlsafe(32)}"
    rij = ApiToken(user=user, naam=naam.strip(), prefix=prefix, sleutel_hash=_hash(token))
    rij.full_clean()
    rij.save()
    return rij, token


@transaction.atomic
def api_token_intrekken(*, token: ApiToken) -> ApiToken:
    """Revoke a token: it stops working at once and stays listed (with its history)."""
    if token.ingetrokken_op is None:
        token.ingetrokken_op = timezone.now()
        token.save(update_fields=["ingetrokken_op"])
    return token


def token_controleren(token: str) -> ApiToken | None:
    """The active token row of an active account for this token, or None (malformed, unknown, revoked)."""
    if not token.startswith(VOORVOEGSEL):
        return None
    prefix, _streep, geheim = token[len(VOORVOEGSEL) :].partition("_")
    if len(prefix) != PREFIX_LENGTE or not geheim:
        return None
    rij = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if rij is None or not hmac.compare_digest(rij.sleutel_hash, _hash(token)):
        return None
    if rij.ingetrokken_op is not None or not rij.user.is_active:
        return None
    nu = timezone.now()
    if rij.laatst_gebruikt_op is None or nu - rij.laatst_gebruikt_op > GEBRUIK_SCHRIJVEN_NA:
        ApiToken.objects.filter(pk=rij.pk).update(laatst_gebruikt_op=nu)
    return rij


class TokenAuthenticatie(BaseAuthentication):
    """``Authorization: Bearer wp_…`` (or ``Token wp_…``) for Django REST Framework."""

    trefwoorden = (b"bearer", b"token")

    def authenticate(self, request):
        delen = get_authorization_header(request).split()
        if not delen or delen[0].lower() not in self.trefwoorden:
            return None
        if len(delen) != 2:
            raise exceptions.AuthenticationFailed(_("Ongeldige Authorization-header: gebruik ‘Bearer <token>’."))
        try:
            token = delen[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Ongeldig token.")) from None
        rij = token_controleren(token)
        if rij is None:
            raise exceptions.AuthenticationFailed(_("Ongeldig of ingetrokken token."))
        if not tweestaps.token_mag_werken(rij.user):
            raise exceptions.AuthenticationFailed(TWEESTAPS_ONTBREEKT)
        return rij.user, rij

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


# "Mijn account": make and revoke -----------------------------------------------------------------------------------


class ApiTokenForm(forms.Form):
    naam = forms.CharField(
        label=_("Naam van het nieuwe token"),
        max_length=100,
        help_text=_("Waarvoor u het gebruikt, bijvoorbeeld ‘R-script lectoraat’."),
    )


def _account_pagina(request, token_form: ApiTokenForm, *, status: int):
    user = request.user
    context = {
        "form": AccountInstellingenForm(initial={"wekelijks_overzicht": user.wekelijks_overzicht}),
        "token_form": token_form,
        **tweestaps_context(user),
    }
    return render(request, "registration/account_instellingen.html", context, status=status)


@landelijk_toegestaan  # one's own tokens: the national role reads its figures through the API too
@require_POST
def api_token_aanmaken_view(request):
    if not tweestaps.token_aanmaken_mag(request):
        # Needed since the login (a role given meanwhile): the second step first, for this page and every other.
        request.session[tweestaps.NODIG] = True
        return tweestaps.volgende_stap(request, reverse("account_instellingen"))
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            rij, token = api_token_aanmaken(user=request.user, naam=form.cleaned_data["naam"])
        except ValidationError as fout:
            form.add_error("naam", fout.message_dict.get("naam", fout.messages))
        else:
            # Shown once, on this answer only (no-store: GeenOpslagMiddleware); never stored or shown again.
            return render(request, "registration/api_token_aangemaakt.html", {"api_token": rij, "token": token})
    return _account_pagina(request, form, status=400)


@landelijk_toegestaan
@require_POST
def api_token_intrekken_view(request, pk: int):
    if not request.user.is_authenticated:
        raise PermissionDenied
    token = get_object_or_404(ApiToken.objects.filter(user=request.user), pk=pk)  # another's token: 404
    api_token_intrekken(token=token)
    return redirect("account_instellingen")
