from django.urls import path

from . import views

app_name = "rapportage"

urlpatterns = [
    path("trajecten/<int:pk>/dashboard/", views.DashboardView.as_view(), name="dashboard"),
]
