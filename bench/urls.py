"""The app's URLs plus the floor of `bench/pages.py`: the cheapest page Django serves after a login."""

from django.http import HttpResponse
from django.urls import path

from werkplaats.urls import urlpatterns as app_urlpatterns


def vloer(request):
    """Through the same middleware as every page (session, login required, CSRF, messages, history)."""
    return HttpResponse("ok")


urlpatterns = [path("bench/vloer/", vloer, name="bench_vloer"), *app_urlpatterns]
