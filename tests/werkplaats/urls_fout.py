"""The project's URLs plus one view that fails, for the error page's test (tests/werkplaats/test_foutpagina.py)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from werkplaats.urls import urlpatterns as project_urls


@login_not_required
def fout(request):
    raise RuntimeError("een onverwachte fout (test)")


urlpatterns = [*project_urls, path("test-fout/", fout)]
