"""Who reads the API, and how many rows a page has: named in settings.REST_FRAMEWORK, so this module imports no
DRF view (DRF reads its settings while its views load)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions
from rest_framework.pagination import PageNumberPagination


class ApiToegang(permissions.BasePermission):
    """Logged in (token or session), and a national-only user only where the view is free of personal data."""

    message = _("De landelijke rol krijgt via de API geen persoonsgegevens en geen gegevens van organisaties.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return not user.is_alleen_landelijk or getattr(view, "landelijk_toegestaan", False)


class Paginering(PageNumberPagination):
    page_query_param = "pagina"
    page_size_query_param = "per_pagina"
    max_page_size = 1000
    invalid_page_message = _("Deze pagina bestaat niet.")
