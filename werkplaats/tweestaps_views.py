"""The pages of two-factor authentication (see `tweestaps.py`): give a code after the password, set up the app (QR
code and the secret as text, confirmed with a code, then ten backup codes shown once), new backup codes, turn it off.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from . import tweestaps
from .forms import TweestapsCodeForm, TweestapsInstellenForm

logger = logging.getLogger("werkplaats.inloggen")


def _volgende(request) -> str:
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return volgende
    return "/"


@never_cache
@sensitive_post_parameters("code")
def tweestaps_controleren(request):
    """After the password: a code from the app, or a backup code (each works once). A wrong code is a 400."""
    volgende = _volgende(request)
    if tweestaps.is_geverifieerd(request):
        return redirect(volgende)
    if not tweestaps.heeft_tweestaps(request.user):
        if request.session.get(tweestaps.NODIG):
            return tweestaps.volgende_stap(request, volgende)
        return redirect("werkplaats:home")
    form = TweestapsCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        apparaat = tweestaps.code_controleren(user=request.user, code=form.cleaned_data["code"])
        if apparaat is not None:
            otp_login(request, apparaat)
            if isinstance(apparaat, StaticDevice):
                over = tweestaps.aantal_noodcodes(request.user)
                messages.warning(
                    request,
                    _("U heeft een noodcode gebruikt; er zijn er nog %(aantal)d. Maak nieuwe aan op Mijn account.")
                    % {"aantal": over},
                )
            return redirect(volgende)
        logger.warning(
            "Foute code van de tweede stap voor %s vanaf %s.", request.user.username, request.META.get("REMOTE_ADDR")
        )
        form.add_error(
            "code",
            _(
                "Deze code klopt niet of is al gebruikt. Kijk of de tijd van uw telefoon goed staat, wacht op een "
                "nieuwe code en probeer het opnieuw."
            ),
        )
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/tweestaps_controleren.html", {"form": form, "next": volgende}, status=status)


@never_cache
@sensitive_post_parameters("code")
def tweestaps_instellen(request):
    """Set up the authenticator app: the QR code and the secret as text; a code from the app confirms it."""
    volgende = _volgende(request)
    if tweestaps.heeft_tweestaps(request.user):
        if not tweestaps.is_geverifieerd(request):
            return tweestaps.volgende_stap(request, volgende)
        messages.info(request, _("Tweestapsverificatie staat al aan."))
        return redirect("account_instellingen")
    sleutel = request.session.get(tweestaps.SLEUTEL)
    if not sleutel:
        sleutel = request.session[tweestaps.SLEUTEL] = tweestaps.nieuwe_sleutel()
    form = TweestapsInstellenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        apparaat, codes = tweestaps.tweestaps_bevestigen(
            user=request.user, sleutel=sleutel, code=form.cleaned_data["code"]
        )
        if apparaat is not None:
            otp_login(request, apparaat)
            request.session[tweestaps.NODIG] = True
            request.session.pop(tweestaps.SLEUTEL, None)
            return render(
                request, "registration/tweestaps_noodcodes.html", {"codes": codes, "next": volgende, "nieuw": True}
            )
        form.add_error(
            "code",
            _("Deze code klopt niet. Kijk of de tijd van uw telefoon goed staat en typ de code die de app nu toont."),
        )
    context = {
        "form": form,
        "next": volgende,
        "qr": tweestaps.qr_svg(tweestaps.configuratie_url(request.user, sleutel)),
        "geheim": tweestaps.geheim_als_tekst(sleutel),
        "verplicht": tweestaps.moet_tweestaps(request.user),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/tweestaps_instellen.html", context, status=status)


@never_cache
@require_POST
def tweestaps_noodcodes(request):
    """Ten new backup codes, shown once; the old ones stop working."""
    if not tweestaps.heeft_tweestaps(request.user):
        messages.info(request, _("Zet eerst tweestapsverificatie aan."))
        return redirect("account_instellingen")
    codes = tweestaps.noodcodes_vernieuwen(user=request.user)
    return render(request, "registration/tweestaps_noodcodes.html", {"codes": codes, "next": "", "nieuw": False})


@require_POST
def tweestaps_uitzetten(request):
    """Turn two-factor authentication off: not for whom it is required (400)."""
    if not tweestaps.heeft_tweestaps(request.user):
        messages.info(request, _("Tweestapsverificatie staat al uit."))
        return redirect("account_instellingen")
    if tweestaps.moet_tweestaps(request.user):
        messages.error(request, _("Voor uw rol is tweestapsverificatie verplicht; u kunt haar niet uitzetten."))
        from .account_views import instellingen_tonen

        return instellingen_tonen(request, status=400)
    tweestaps.tweestaps_uitzetten(user=request.user)
    tweestaps.sessie_na_uitzetten(request)
    messages.success(request, _("Tweestapsverificatie staat uit."))
    return redirect("account_instellingen")
