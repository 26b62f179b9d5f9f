from django.urls import include, path

from . import privacy_views, views

app_name = "scholing"

urlpatterns = [
    # Participants and their enrolments
    path("deelnemers/", views.PersoonListView.as_view(), name="persoon_list"),
    path("deelnemers/nieuw/", views.PersoonCreateView.as_view(), name="persoon_create"),
    path("deelnemers/<int:pk>/", views.PersoonDetailView.as_view(), name="persoon_detail"),
    path("deelnemers/<int:pk>/bewerken/", views.PersoonUpdateView.as_view(), name="persoon_update"),
    path("deelnemers/<int:pk>/inschrijven/", views.InschrijvingCreateView.as_view(), name="inschrijving_create"),
    path(
        "deelnemers/<int:pk>/implementatieleider/",
        views.ImplementatieleiderCreateView.as_view(),
        name="implementatieleider_create",
    ),
    # Privacy: a person's data on request, erasure, the retention list, the privacy page (privacy_views.py)
    path("deelnemers/<int:pk>/inzage/", privacy_views.InzageView.as_view(), name="persoon_inzage"),
    path("deelnemers/<int:pk>/inzage.json", privacy_views.InzageJsonView.as_view(), name="persoon_inzage_json"),
    path("deelnemers/<int:pk>/inzage.pdf", privacy_views.InzagePdfView.as_view(), name="persoon_inzage_pdf"),
    path("deelnemers/<int:pk>/vergeten/", privacy_views.VergetenView.as_view(), name="persoon_vergeten"),
    path("bewaartermijn/", privacy_views.BewaartermijnView.as_view(), name="bewaartermijn"),
    path("privacy/", privacy_views.PrivacyView.as_view(), name="privacy"),
    path("inschrijvingen/", views.InschrijvingListView.as_view(), name="inschrijving_list"),
    path("inschrijvingen/<int:pk>/bewerken/", views.InschrijvingUpdateView.as_view(), name="inschrijving_update"),
    path("inschrijvingen/<int:pk>/afmelden/", views.InschrijvingAfmeldenView.as_view(), name="inschrijving_afmelden"),
    path(
        "inschrijvingen/<int:pk>/terugkeren/", views.InschrijvingHervattenView.as_view(), name="inschrijving_hervatten"
    ),
    path("inschrijvingen/<int:pk>/afronden/", views.InschrijvingAfrondenView.as_view(), name="inschrijving_afronden"),
    # Groups and sessions
    path("groepen/", views.ScholingsgroepListView.as_view(), name="groep_list"),
    path("trajecten/<int:pk>/groepen/nieuw/", views.ScholingsgroepCreateView.as_view(), name="groep_create"),
    path("groepen/<int:pk>/", views.ScholingsgroepDetailView.as_view(), name="groep_detail"),
    path("groepen/<int:pk>/bewerken/", views.ScholingsgroepUpdateView.as_view(), name="groep_update"),
    path("bijeenkomsten/", views.BijeenkomstListView.as_view(), name="bijeenkomst_list"),
    path("trajecten/<int:pk>/bijeenkomsten/nieuw/", views.BijeenkomstCreateView.as_view(), name="bijeenkomst_create"),
    path("bijeenkomsten/<int:pk>/", views.AanwezigheidView.as_view(), name="aanwezigheid"),
    path("bijeenkomsten/<int:pk>/bewerken/", views.BijeenkomstUpdateView.as_view(), name="bijeenkomst_update"),
    # Buddies and implementation leaders
    path("buddies/", views.BuddyListView.as_view(), name="buddy_list"),
    path("implementatieleiders/", views.ImplementatieleiderListView.as_view(), name="implementatieleider_list"),
    path(
        "implementatieleiders/<int:pk>/bewerken/",
        views.ImplementatieleiderUpdateView.as_view(),
        name="implementatieleider_update",
    ),
    path(
        "implementatieleiders/<int:pk>/stoppen/",
        views.ImplementatieleiderStoppenView.as_view(),
        name="implementatieleider_stoppen",
    ),
    # The participant import (preview, then confirm) lives in its own module.
    path("", include("scholing.import_urls")),
]
