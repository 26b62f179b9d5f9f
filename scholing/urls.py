from django.urls import include, path

app_name = "scholing"

urlpatterns = [
    # The participant import (preview, then confirm) lives in its own module.
    path("", include("scholing.import_urls")),
]
