"""URLs of the participant import (inside the `scholing` namespace)."""

from django.urls import path

from . import import_views

urlpatterns = [
    path("trajecten/<int:pk>/import/", import_views.ImportView.as_view(), name="import"),
    path(
        "trajecten/<int:pk>/import/bevestigen/", import_views.ImportBevestigenView.as_view(), name="import_bevestigen"
    ),
    path("trajecten/<int:pk>/import/annuleren/", import_views.ImportAnnulerenView.as_view(), name="import_annuleren"),
    path("trajecten/<int:pk>/import/sjabloon.csv", import_views.ImportSjabloonView.as_view(), name="import_sjabloon"),
]
