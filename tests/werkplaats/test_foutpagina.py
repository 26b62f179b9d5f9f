"""An unexpected error answers 500 with the site's own error page (templates/500.html), in the request's language,
without the context processors or the database (Django renders it with an empty context)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings
from django.utils import translation
from django.views.defaults import server_error

pytestmark = [pytest.mark.urls("tests.werkplaats.urls_fout")]


@pytest.fixture
def fouten(client):
    client.raise_request_exception = False  # as in production: the handler turns the exception into the 500 page
    return client


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_fout_in_een_view_geeft_de_foutpagina_met_500(fouten, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        response = fouten.get("/test-fout/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "<title>Er ging iets mis · Werkplaats</title>" in html
    assert '<h1 class="h3">Er ging iets mis</h1>' in html
    assert "/static/css/werkplaats.css" in html and 'class="navbar navbar-dark navbar-werkplaats"' in html
    assert '<main id="inhoud"' in html and 'href="/"' in html  # landmarks, and the way back
    assert "RuntimeError" not in html and "een onverwachte fout" not in html  # nothing of the error itself


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_foutpagina_in_het_engels(fouten):
    fouten.cookies["django_language"] = "en"
    response = fouten.get("/test-fout/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert '<h1 class="h3">Something went wrong</h1>' in html and "Er ging iets mis" not in html


def test_foutpagina_heeft_geen_database_en_geen_context_nodig():
    """Rendered the way Django does (an empty context), with the database out of reach: no test database here, so
    any query would raise."""
    request = RequestFactory().get("/")
    with translation.override("nl"):
        response = server_error(request)
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
