from collections import Counter

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from . import extensions, services
from .access import BewerkbaarMixin, CoordinatorVereistMixin, OuderMixin, ZichtbaarMixin
from .filters import OrganisatieFilter
from .forms import AfdelingForm, LoginForm, OrganisatieForm
from .models import Afdeling, Organisatie, Rol
from .tables import OrganisatieTable


class FormStatusMixin:
    """Answer a rejected form with 400 (the errors stand next to the fields), never a 200 or a 500."""

    invalid_status = 400

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = self.invalid_status
        return response


def fouten_tonen(form, error: ValidationError, veldnamen: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError on the form: next to the field it names, else above the form.

    `veldnamen` maps a model field to the form field that fed it (an action's `datum` becomes `einddatum`).
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.message_dict.items():
        field = (veldnamen or {}).get(field, field)
        form.add_error(field if field in form.fields and not form.fields[field].disabled else None, errors)


class ServiceFormMixin(FormStatusMixin):
    """Create, update and action views whose write goes through a service.

    Subclasses define `save(form)`, which calls the service. A ValidationError it raises (a rule the form
    itself cannot see, such as a uniqueness constraint), with or without a field, is shown on the form
    with a 400, and nothing is written.
    """

    success_message = ""
    veldnamen: dict[str, str] = {}

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except ValidationError as error:
            self.na_fout()
            fouten_tonen(form, error, self.veldnamen)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message % {"naam": str(self.object)})
        return HttpResponseRedirect(self.get_success_url())

    def na_fout(self) -> None:
        """Undo what a failed service changed on the object in memory (the database was never written)."""
        if getattr(self, "object", None) is not None and self.object.pk:
            self.object.refresh_from_db()


class LoginView(FormStatusMixin, auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(FormStatusMixin, auth_views.PasswordChangeView):
    pass


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """200 `ok` when the database answers, 503 otherwise. For load balancers; no login."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


class HomeView(LoginRequiredMixin, TemplateView):
    """Leaders see their own organisations; coordinators and lectoraat those of their werkplaats."""

    template_name = "werkplaats/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        organisaties = list(
            Organisatie.objects.zichtbaar_voor(user)
            .select_related("werkplaats")
            .prefetch_related(Prefetch("afdelingen", queryset=Afdeling.objects.filter(actief=True)))
        )
        werkplaats_ids = user.werkplaats_ids(Rol.Soort.COORDINATOR, Rol.Soort.LECTORAAT)
        overzicht = [o for o in organisaties if user.is_superuser or o.werkplaats_id in werkplaats_ids]
        per_soort = Counter(o.get_soort_display() for o in overzicht if o.actief)
        return super().get_context_data(
            eigen_organisaties=[o for o in organisaties if o.pk in user.geleide_organisatie_ids()],
            overzicht=overzicht,
            per_soort=sorted(per_soort.items()),
            werkplaatsen=sorted({o.werkplaats for o in overzicht}, key=str),
            panels=extensions.home_panels.render(self.request),
            **kwargs,
        )


class OrganisatieListView(ZichtbaarMixin, ExportMixin, SingleTableMixin, FilterView):
    model = Organisatie
    table_class = OrganisatieTable
    filterset_class = OrganisatieFilter
    template_name = "werkplaats/organisatie_list.html"
    export_formats = ("csv", "xlsx")
    export_name = "organisaties"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("werkplaats")
            .annotate(aantal_afdelingen=Count("afdelingen", filter=Q(afdelingen__actief=True)))
        )


class OrganisatieDetailView(ZichtbaarMixin, DetailView):
    model = Organisatie

    def get_queryset(self):
        return super().get_queryset().select_related("werkplaats")

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            afdelingen=self.object.afdelingen.all(),
            mag_bewerken=self.object.mag_bewerken(user),
            mag_teams_beheren=self.object.mag_teams_beheren(user),
            panels=extensions.organisatie_panels.render(self.request, self.object),
            **kwargs,
        )


class OrganisatieFormMixin(ServiceFormMixin):
    model = Organisatie
    form_class = OrganisatieForm
    success_message = _("Organisatie %(naam)s is opgeslagen.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def save(self, form):
        return services.organisatie_opslaan(organisatie=form.save(commit=False))


class OrganisatieCreateView(CoordinatorVereistMixin, OrganisatieFormMixin, CreateView):
    pass


class OrganisatieUpdateView(BewerkbaarMixin, OrganisatieFormMixin, UpdateView):
    pass


class AfdelingFormMixin(ServiceFormMixin):
    model = Afdeling
    form_class = AfdelingForm
    success_message = _("Team %(naam)s is opgeslagen.")

    def save(self, form):
        return services.afdeling_opslaan(afdeling=form.save(commit=False))


class AfdelingCreateView(OuderMixin, AfdelingFormMixin, CreateView):
    parent_model = Organisatie
    parent_permission_method = "mag_teams_beheren"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisatie": self.parent}


class AfdelingUpdateView(BewerkbaarMixin, AfdelingFormMixin, UpdateView):
    permission_method = "mag_beheren"

    def get_queryset(self):
        return super().get_queryset().select_related("organisatie__werkplaats")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisatie": self.object.organisatie}
