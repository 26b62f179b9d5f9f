from django.urls import path

from . import suggestie_views, team_views, views

app_name = "quickscan"

urlpatterns = [
    path("", views.OverzichtView.as_view(), name="overzicht"),
    path("organisaties/<int:pk>/", views.OrganisatieView.as_view(), name="organisatie"),
    path("organisaties/<int:pk>/nieuw/", views.RondeFormView.as_view(), name="ronde_create"),
    path("rondes/<int:pk>/", views.RondeDetailView.as_view(), name="ronde_detail"),
    path("rondes/<int:ronde>/invullen/", views.RondeFormView.as_view(), name="ronde_update"),
    path("rondes/<int:pk>/afronden/", views.ronde_afronden, name="ronde_afronden"),
    path("rondes/<int:pk>/heropenen/", views.ronde_heropenen, name="ronde_heropenen"),
    path("rondes/<int:pk>/archiveren/", views.ronde_archiveren, name="ronde_archiveren"),
    path("rondes/<int:pk>/acties/nieuw/", views.ActieCreateView.as_view(), name="actie_create"),
    path("acties/<int:pk>/bewerken/", views.ActieUpdateView.as_view(), name="actie_update"),
    path("werkplaatsen/<int:pk>/planning/", views.InstellingView.as_view(), name="instelling"),
    # Suggestions for the action plan per instrument version (quickscan/suggestie_views.py)
    path("instrumenten/<int:pk>/suggesties/", suggestie_views.SuggestieListView.as_view(), name="suggestie_list"),
    path(
        "instrumenten/<int:pk>/suggesties/nieuw/",
        suggestie_views.SuggestieCreateView.as_view(),
        name="suggestie_create",
    ),
    path("suggesties/<int:pk>/bewerken/", suggestie_views.SuggestieUpdateView.as_view(), name="suggestie_update"),
    # Team scoring and the meeting (quickscan/team.py)
    path("rondes/<int:pk>/team/", team_views.team_beheren, name="team"),
    path("rondes/<int:pk>/team/uitnodigen/", team_views.team_uitnodigen, name="team_uitnodigen"),
    path("rondes/<int:pk>/team/mijn-scores/", team_views.mijn_teamscores, name="mijn_teamscores"),
    path("rondes/<int:pk>/team/link/<str:token>/", team_views.team_link, name="team_link"),
    path("rondes/<int:pk>/team/export/", team_views.teamscores_export, name="teamscores_export"),
    path("rondes/<int:pk>/vergadering/", team_views.vergadering, name="vergadering"),
    path("teamleden/<int:pk>/intrekken/", team_views.teamlid_intrekken, name="teamlid_intrekken"),
    path("teamleden/<int:pk>/opnieuw/", team_views.teamlid_opnieuw, name="teamlid_opnieuw"),
]
