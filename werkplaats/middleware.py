"""Sessions that end, and pages with personal data that no cache keeps.

`SessieDuurMiddleware` ends a signed-in session after `SESSIE_INACTIEF_MINUTEN` without a request (idle timeout)
and after `SESSIE_MAX_UREN` in all (absolute age), whichever comes first; the person is sent to the login page with a
message and comes back where they were after logging in. The last activity is written at most once a minute, so a
busy page does not write the session on every request.

`GeenOpslagMiddleware` gives every page and download the app renders `Cache-Control: no-store` (unless the view set
its own header): every page needs a login and most show personal data, which a shared or browser cache must not keep.
Static files are served by WhiteNoise before this runs and keep their long cache lifetime.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

BEGIN = "sessie_begin"
LAATST_ACTIEF = "sessie_laatst_actief"
SCHRIJF_INTERVAL = 60  # seconds between two writes of the last activity


def sessie_beginnen(sender, request: HttpRequest | None = None, **kwargs) -> None:
    """At login (connected in `WerkplaatsConfig.ready`): the session's start, saved with the login itself, so the
    middleware has nothing to write on the requests that follow."""
    if request is not None and hasattr(request, "session"):
        request.session[BEGIN] = request.session[LAATST_ACTIEF] = time.time()


class SessieDuurMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Only a request that carries a session is looked at: /healthz and anonymous requests cost nothing.
        if request.COOKIES.get(settings.SESSION_COOKIE_NAME) and request.user.is_authenticated:
            nu = time.time()
            sessie = request.session
            begin = sessie.get(BEGIN)
            laatst = sessie.get(LAATST_ACTIEF, begin)
            inactief = settings.SESSIE_INACTIEF_MINUTEN * 60
            maximaal = settings.SESSIE_MAX_UREN * 3600
            if begin is None:  # a session from before this middleware
                sessie[BEGIN] = sessie[LAATST_ACTIEF] = nu
            elif nu - begin > maximaal or (laatst is not None and nu - laatst > inactief):
                logout(request)
                messages.info(request, _("Uw sessie is verlopen. Log opnieuw in om verder te gaan."))
                return redirect_to_login(request.get_full_path())
            elif laatst is None or nu - laatst > SCHRIJF_INTERVAL:
                sessie[LAATST_ACTIEF] = nu
        return self.get_response(request)


class GeenOpslagMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store, private"
        return response
