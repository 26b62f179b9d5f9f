"""The API's URLs, mounted at /api/ (werkplaats/urls.py). The router is the list of endpoints that
tests/test_permissions.py walks: a new endpoint without a rule there fails the suite."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from werkplaats.landelijk import landelijk_toegestaan

from . import documentatie, schema, views  # noqa: F401 - schema registers the token's description

app_name = "api"


def login_vereist(view):
    """DRF marks its views `login_not_required` (an API answers 401); the documentation page is a page for the
    browser, so Django's middleware sends an anonymous visitor to the login page instead."""
    view.login_required = True
    return view


swagger = SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="rapportage/api_swagger.html")

router = SimpleRouter()
router.register("trajecten", views.TrajectViewSet, basename="traject")
router.register("organisaties", views.OrganisatieViewSet, basename="organisatie")
router.register("methoden", views.MethodeViewSet, basename="methode")
router.register("streefwaarden", views.StreefwaardeViewSet, basename="streefwaarde")
router.register("rondes", views.RondeViewSet, basename="ronde")
router.register("acties", views.ActieViewSet, basename="actie")
router.register("landelijk/onderzoek", views.LandelijkOnderzoekViewSet, basename="landelijk-onderzoek")

urlpatterns = [
    *router.urls,
    # The OpenAPI 3 schema (a client without a session gets a 401, as everywhere in the API); the documentation page
    # (our own, from the schema); Swagger UI from drf-spectacular-sidecar's files, its set-up script served apart (no
    # inline script or style element: the CSP holds), to try the API out.
    path("schema/", landelijk_toegestaan(login_not_required(SpectacularAPIView.as_view())), name="schema"),
    path("documentatie/", documentatie.ApiDocumentatieView.as_view(), name="docs"),
    path("schema/swagger/", landelijk_toegestaan(login_vereist(swagger)), name="swagger"),
]
