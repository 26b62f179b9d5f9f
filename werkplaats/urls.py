"""The project's URLs. The core's own pages live in the `werkplaats` namespace below."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

werkplaats_patterns = (
    [
        path("", views.HomeView.as_view(), name="home"),
        path("organisaties/", views.OrganisatieListView.as_view(), name="organisatie_list"),
        path("organisaties/nieuw/", views.OrganisatieCreateView.as_view(), name="organisatie_create"),
        path("organisaties/<int:pk>/", views.OrganisatieDetailView.as_view(), name="organisatie_detail"),
        path("organisaties/<int:pk>/bewerken/", views.OrganisatieUpdateView.as_view(), name="organisatie_update"),
        path("organisaties/<int:pk>/teams/nieuw/", views.AfdelingCreateView.as_view(), name="afdeling_create"),
        path("teams/<int:pk>/bewerken/", views.AfdelingUpdateView.as_view(), name="afdeling_update"),
    ],
    "werkplaats",
)

account_patterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("wachtwoord/gewijzigd/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]

urlpatterns = [
    path("", include(werkplaats_patterns)),
    path("trajecten/", include("trajecten.urls")),
    path("scholing/", include("scholing.urls")),
    path("quickscan/", include("quickscan.urls")),
    path("rapportage/", include("rapportage.urls")),
    path("account/", include(account_patterns)),
    path("beheer/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
]
