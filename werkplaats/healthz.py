"""`/healthz` before the session, the user and the messages: a probe never touches the session.

`HealthzMiddleware` sits right after the security middleware and answers `/healthz` itself with
`views.healthz`, so no later middleware reads a session (from the database) for it. With a session cookie and the
database down the probe still gets its 503, never a 500, and an idle session is not kept alive by the probe.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse


class HealthzMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == reverse("healthz"):
            from .views import healthz  # the view module imports much; load it when asked

            return healthz(request)
        return self.get_response(request)
