from django.urls import path

from . import eindrapport_views, fase_views, landelijk_views, onderzoek_views, register_views, views

app_name = "rapportage"

urlpatterns = [
    path("trajecten/<int:pk>/eindrapporten/", eindrapport_views.EindrapportListView.as_view(), name="eindrapport_list"),
    path("eindrapporten/<int:pk>/", eindrapport_views.EindrapportDetailView.as_view(), name="eindrapport_detail"),
    path(
        "eindrapporten/<int:pk>/bewerken/", eindrapport_views.EindrapportUpdateView.as_view(), name="eindrapport_update"
    ),
    path(
        "eindrapporten/<int:pk>/teksten/<slug:sectie>/", eindrapport_views.TekstView.as_view(), name="eindrapport_tekst"
    ),
    path("eindrapporten/<int:pk>/correcties/", eindrapport_views.CorrectieView.as_view(), name="eindrapport_correctie"),
    path("eindrapporten/<int:pk>/bevriezen/", eindrapport_views.bevriezen, name="eindrapport_bevriezen"),
    path(
        "eindrapporten/<int:pk>/bevriezen/bevestigen/",
        eindrapport_views.bevriezen_bevestigen,
        name="eindrapport_bevriezen_bevestigen",
    ),
    path("eindrapporten/<int:pk>/eindrapport.pdf", eindrapport_views.download_pdf, name="eindrapport_pdf"),
    path("eindrapportversies/<int:pk>/eindrapport.pdf", eindrapport_views.versie_pdf, name="eindrapport_versie_pdf"),
    path("eindrapporten/<int:pk>/cijfers/", eindrapport_views.cijfers, name="eindrapport_cijfers"),
    path("werkplaatsen/<int:pk>/achterpagina/", eindrapport_views.AchterpaginaView.as_view(), name="achterpagina"),
    path("achterpaginas/<int:pk>/", eindrapport_views.AchterpaginaUpdateView.as_view(), name="achterpagina_update"),
    path("achterpaginas/<int:pk>/logo/<int:nummer>/", eindrapport_views.achterpagina_logo, name="achterpagina_logo"),
    path("disseminatie/<int:pk>/bestand/", eindrapport_views.disseminatie_bestand, name="disseminatie_bestand"),
    path("trajecten/<int:pk>/dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("trajecten/<int:pk>/onderzoek/", onderzoek_views.OnderzoekView.as_view(), name="onderzoek"),
    path("landelijk/", landelijk_views.LandelijkView.as_view(), name="landelijk"),
    # An organisation's implementation phase: the coordinator's override with a note, and undoing it
    path("organisaties/<int:pk>/fase/", fase_views.FaseView.as_view(), name="fase"),
    path("organisaties/<int:pk>/fase/ongedaan/", fase_views.fase_ongedaan, name="fase_ongedaan"),
    path("landelijk/onderzoek/", onderzoek_views.LandelijkOnderzoekView.as_view(), name="landelijk_onderzoek"),
    # The dissemination register and the curriculum modules of a trajectory
    path("disseminatie/", register_views.RegisterIndexView.as_view(), name="register_index"),
    path("trajecten/<int:pk>/disseminatie/", register_views.DisseminatieListView.as_view(), name="disseminatie_list"),
    path(
        "trajecten/<int:pk>/disseminatie/nieuw/",
        register_views.DisseminatieCreateView.as_view(),
        name="disseminatie_create",
    ),
    path(
        "disseminatie/<int:pk>/bewerken/",
        register_views.DisseminatieUpdateView.as_view(),
        name="disseminatie_update",
    ),
    path("conferenties/<int:pk>/", register_views.ConferentieDetailView.as_view(), name="conferentie_detail"),
    path(
        "conferenties/<int:pk>/programma/nieuw/",
        register_views.ProgrammaonderdeelCreateView.as_view(),
        name="programmaonderdeel_create",
    ),
    path(
        "programma/<int:pk>/bewerken/",
        register_views.ProgrammaonderdeelUpdateView.as_view(),
        name="programmaonderdeel_update",
    ),
    path(
        "trajecten/<int:pk>/onderwijs/", register_views.OnderwijsmoduleListView.as_view(), name="onderwijsmodule_list"
    ),
    path(
        "trajecten/<int:pk>/onderwijs/nieuw/",
        register_views.OnderwijsmoduleCreateView.as_view(),
        name="onderwijsmodule_create",
    ),
    path(
        "onderwijs/<int:pk>/bewerken/",
        register_views.OnderwijsmoduleUpdateView.as_view(),
        name="onderwijsmodule_update",
    ),
    path(
        "onderwijs/<int:pk>/plaatsingen/nieuw/",
        register_views.PlaatsingCreateView.as_view(),
        name="plaatsing_create",
    ),
    path("plaatsingen/<int:pk>/bewerken/", register_views.PlaatsingUpdateView.as_view(), name="plaatsing_update"),
]
