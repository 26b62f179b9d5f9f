"""The API's error messages in Dutch (settings.REST_FRAMEWORK["EXCEPTION_HANDLER"]): DRF's own catalogue is not
loaded (see INSTALLED_APPS), so its default texts are replaced here; a message of our own stays as it is."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as gettext_nu
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.views import exception_handler

MELDINGEN = {
    exceptions.NotAuthenticated: _("Log in, of stuur een persoonlijk token mee: Authorization: Bearer wp_…"),
    exceptions.AuthenticationFailed: _("Ongeldig token."),
    exceptions.NotFound: _("Niet gevonden."),
    exceptions.PermissionDenied: _("U heeft hier geen toegang toe."),
    exceptions.NotAcceptable: _("De API antwoordt alleen in JSON."),
}


def uitzondering(exc, context):
    """DRF's exception handler, with Dutch messages where DRF would give its English default."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.Throttled):
        exc.detail = exceptions.ErrorDetail(
            gettext_nu("Te veel verzoeken: probeer het over %(seconden)s seconden opnieuw.")
            % {"seconden": int(exc.wait or 0)},
            code="throttled",
        )
    elif isinstance(exc, exceptions.MethodNotAllowed):
        alleen_lezen = gettext_nu("De API is alleen-lezen: alleen GET.")
        exc.detail = exceptions.ErrorDetail(alleen_lezen, code="method_not_allowed")
    elif isinstance(exc, exceptions.APIException) and str(exc.detail) == str(exc.default_detail):
        for soort, melding in MELDINGEN.items():
            if isinstance(exc, soort):
                exc.detail = exceptions.ErrorDetail(str(melding), code=exc.default_code)
                break
    return exception_handler(exc, context)
