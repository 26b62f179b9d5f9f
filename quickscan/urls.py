from django.urls import path

from . import views

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
]
