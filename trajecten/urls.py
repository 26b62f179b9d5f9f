from django.urls import path

from . import views

app_name = "trajecten"

urlpatterns = [
    path("", views.TrajectListView.as_view(), name="traject_list"),
    path("nieuw/", views.TrajectCreateView.as_view(), name="traject_create"),
    path("<int:pk>/", views.TrajectDetailView.as_view(), name="traject_detail"),
    path("<int:pk>/bewerken/", views.TrajectUpdateView.as_view(), name="traject_update"),
    path("<int:pk>/fasen/nieuw/", views.FaseCreateView.as_view(), name="fase_create"),
    path("fasen/<int:pk>/bewerken/", views.FaseUpdateView.as_view(), name="fase_update"),
    path("<int:pk>/deelnames/nieuw/", views.DeelnameCreateView.as_view(), name="deelname_create"),
    path("deelnames/<int:pk>/bewerken/", views.DeelnameUpdateView.as_view(), name="deelname_update"),
    path("<int:pk>/streefwaarden/nieuw/", views.StreefwaardeCreateView.as_view(), name="streefwaarde_create"),
    path("streefwaarden/<int:pk>/bewerken/", views.StreefwaardeUpdateView.as_view(), name="streefwaarde_update"),
    path("methoden/", views.MethodeListView.as_view(), name="methode_list"),
    path("methoden/nieuw/", views.MethodeCreateView.as_view(), name="methode_create"),
    path("methoden/<int:pk>/", views.MethodeDetailView.as_view(), name="methode_detail"),
    path("methoden/<int:pk>/bewerken/", views.MethodeUpdateView.as_view(), name="methode_update"),
    path("methoden/<int:pk>/namen/<int:werkplaats>/", views.MethodeNamenView.as_view(), name="methode_namen"),
]
