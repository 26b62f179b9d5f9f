"""The project's URLs. The core's own pages live in the `werkplaats` namespace below."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from . import account_views, api_tokens, tweestaps_views, views, zoeken

werkplaats_patterns = (
    [
        path("", views.HomeView.as_view(), name="home"),
        path("zoeken/", zoeken.ZoekView.as_view(), name="zoeken"),
        path("organisaties/", views.OrganisatieListView.as_view(), name="organisatie_list"),
        path("organisaties/nieuw/", views.OrganisatieCreateView.as_view(), name="organisatie_create"),
        path("organisaties/<int:pk>/", views.OrganisatieDetailView.as_view(), name="organisatie_detail"),
        path("organisaties/<int:pk>/bewerken/", views.OrganisatieUpdateView.as_view(), name="organisatie_update"),
        path("organisaties/<int:pk>/teams/nieuw/", views.AfdelingCreateView.as_view(), name="afdeling_create"),
        path("teams/<int:pk>/bewerken/", views.AfdelingUpdateView.as_view(), name="afdeling_update"),
        # Accounts of a werkplaats, kept by its coordinators (werkplaats/account_views.py)
        path("accounts/", account_views.AccountStartView.as_view(), name="account_start"),
        path("werkplaatsen/<int:pk>/accounts/", account_views.AccountListView.as_view(), name="account_list"),
        path(
            "werkplaatsen/<int:pk>/accounts/uitnodigen/",
            account_views.UitnodigingView.as_view(),
            name="account_uitnodigen",
        ),
        path(
            "werkplaatsen/<int:werkplaats>/accounts/<int:pk>/",
            account_views.AccountDetailView.as_view(),
            name="account_detail",
        ),
        path(
            "werkplaatsen/<int:werkplaats>/accounts/<int:pk>/rollen/",
            account_views.account_rol_toevoegen,
            name="account_rol_toevoegen",
        ),
        path(
            "werkplaatsen/<int:werkplaats>/accounts/<int:pk>/rollen/<int:rol>/intrekken/",
            account_views.account_rol_intrekken,
            name="account_rol_intrekken",
        ),
        path(
            "werkplaatsen/<int:werkplaats>/accounts/<int:pk>/uitnodigen/",
            account_views.account_opnieuw_uitnodigen,
            name="account_opnieuw_uitnodigen",
        ),
        path(
            "werkplaatsen/<int:werkplaats>/accounts/<int:pk>/deactiveren/",
            account_views.account_deactiveren,
            name="account_deactiveren",
        ),
        path(
            "werkplaatsen/<int:werkplaats>/accounts/<int:pk>/activeren/",
            account_views.account_activeren,
            name="account_activeren",
        ),
        path(
            "werkplaatsen/<int:werkplaats>/accounts/<int:pk>/ontgrendelen/",
            account_views.account_ontgrendelen,
            name="account_ontgrendelen",
        ),
        path("werkplaatsen/<int:pk>/mail/", account_views.MailListView.as_view(), name="mail_list"),
        path("werkplaatsen/<int:werkplaats>/mail/<int:pk>/opnieuw/", account_views.mail_opnieuw, name="mail_opnieuw"),
    ],
    "werkplaats",
)

account_patterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("wachtwoord/gewijzigd/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("instellingen/", account_views.AccountInstellingenView.as_view(), name="account_instellingen"),
    # Personal API tokens (werkplaats/api_tokens.py), made and revoked on "Mijn account"
    path("api-tokens/", api_tokens.api_token_aanmaken_view, name="api_token_aanmaken"),
    path("api-tokens/<int:pk>/intrekken/", api_tokens.api_token_intrekken_view, name="api_token_intrekken"),
    # Two-factor authentication (werkplaats/tweestaps.py)
    path("tweestaps/", tweestaps_views.tweestaps_controleren, name="tweestaps_controleren"),
    path("tweestaps/instellen/", tweestaps_views.tweestaps_instellen, name="tweestaps_instellen"),
    path("tweestaps/noodcodes/", tweestaps_views.tweestaps_noodcodes, name="tweestaps_noodcodes"),
    path("tweestaps/uitzetten/", tweestaps_views.tweestaps_uitzetten, name="tweestaps_uitzetten"),
    path("wachtwoord-vergeten/", account_views.WachtwoordHerstelView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        account_views.WachtwoordHerstelVerstuurdView.as_view(),
        name="password_reset_done",
    ),
    path("herstellen/<uidb64>/<token>/", account_views.WachtwoordKiezenView.as_view(), name="password_reset_confirm"),
    path("herstellen/klaar/", account_views.WachtwoordGekozenView.as_view(), name="password_reset_complete"),
    path(
        "uitnodiging/<uidb64>/<token>/",
        account_views.UitnodigingAccepterenView.as_view(),
        name="uitnodiging_accepteren",
    ),
]

urlpatterns = [
    path("", include(werkplaats_patterns)),
    path("trajecten/", include("trajecten.urls")),
    path("scholing/", include("scholing.urls")),
    path("quickscan/", include("quickscan.urls")),
    path("rapportage/", include("rapportage.urls")),
    # The read API (rapportage/api/): DRF, token or session; its schema and documentation page under /api/schema/
    path("api/", include("rapportage.api.urls")),
    path("account/", include(account_patterns)),
    path("beheer/", admin.site.urls),
    path("toegankelijkheid", views.ToegankelijkheidView.as_view(), name="toegankelijkheid"),
    # The language switch in the footer (Django's view, as in django.conf.urls.i18n): a POST, on the login page too.
    path("taal/", login_not_required(set_language), name="set_language"),
    path("healthz", views.healthz, name="healthz"),
]
