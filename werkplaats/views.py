from collections import Counter

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from . import extensions, services
from .access import BewerkbaarMixin, CoordinatorVereistMixin, OuderMixin, ZichtbaarMixin
from .filters import OrganisatieFilter, overziene_werkplaatsen, overziet_meerdere
from .forms import AfdelingForm, LoginForm, OrganisatieForm
from .lib.export import TabelExportMixin
from .lib.versies import (
    VERSIEVELD,
    VerouderdeVersie,
    conflict_melden,
    versie_ophogen,
    versieveld_toevoegen,
)
from .models import Afdeling, Organisatie, Rol, Werkplaats
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

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        bewerkt = getattr(self, "object", None)
        if getattr(form, "instance", bewerkt) is bewerkt:  # an edit of, or an action on, this view's object
            versieveld_toevoegen(form, bewerkt)
        return form

    def form_valid(self, form):
        bewerkt = getattr(self, "object", None)
        try:
            with transaction.atomic():
                if VERSIEVELD in form.fields and form.cleaned_data.get(VERSIEVELD) is not None:
                    versie_ophogen(bewerkt, form.cleaned_data[VERSIEVELD])
                self.object = self.save(form)
        except VerouderdeVersie as conflict:
            return self.verouderd(form, conflict)
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

    def verouderd(self, form, conflict: VerouderdeVersie):
        """409: someone saved the object after this form was opened. The input stays in the form, above it what
        the other person changed; the form now carries the current version, so saving again overwrites theirs."""
        self.na_fout()
        conflict_melden(form, self.object, conflict.versie)
        response = self.form_invalid(form)
        response.status_code = 409
        return response


class LoginView(FormStatusMixin, auth_views.LoginView):
    """Username and password (django-axes refuses a locked username or address: 429 with a Dutch message); then,
    for whom it applies, the second step (werkplaats.tweestaps)."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        from . import tweestaps

        response = super().form_valid(form)
        if self.request.session.get(tweestaps.NODIG) and not tweestaps.is_geverifieerd(self.request):
            return tweestaps.volgende_stap(self.request, self.get_success_url())
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if getattr(self.request, "axes_locked_out", False):
            response.status_code = 429
        return response


class PasswordChangeView(FormStatusMixin, auth_views.PasswordChangeView):
    pass


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """200 `ok` when the database answers, 503 otherwise. For load balancers; no login.

    `werkplaats.healthz.HealthzMiddleware` calls it before the session middleware, so it never reads or
    writes a session (with a session cookie during an outage that read would be a 500)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@method_decorator(login_not_required, name="dispatch")
class ToegankelijkheidView(TemplateView):
    """The accessibility statement (toegankelijkheidsverklaring), in the form of the Dutch government's template."""

    template_name = "werkplaats/toegankelijkheid.html"


class HomeView(LoginRequiredMixin, TemplateView):
    """Leaders see their own organisations; coordinators and lectoraat those of their werkplaats.

    A user who oversees more than one werkplaats (a superuser) sees one summary row per werkplaats, with a link
    to its organisations, instead of every organisation of every werkplaats.
    """

    template_name = "werkplaats/home.html"

    def get_context_data(self, **kwargs):
        context = self.per_werkplaats() if overziet_meerdere(self.request) else self.per_organisatie()
        return super().get_context_data(**context, panels=extensions.home_panels.render(self.request), **kwargs)

    def per_organisatie(self) -> dict:
        user = self.request.user
        organisaties = list(
            Organisatie.objects.zichtbaar_voor(user)
            .select_related("werkplaats")
            .prefetch_related(Prefetch("afdelingen", queryset=Afdeling.objects.filter(actief=True)))
        )
        werkplaats_ids = user.werkplaats_ids(Rol.Soort.COORDINATOR, Rol.Soort.LECTORAAT)
        overzicht = [o for o in organisaties if user.is_superuser or o.werkplaats_id in werkplaats_ids]
        per_soort = Counter(o.get_soort_display() for o in overzicht if o.actief)
        return {
            "eigen_organisaties": [o for o in organisaties if o.pk in user.geleide_organisatie_ids()],
            "overzicht": overzicht,
            "per_soort": sorted(per_soort.items()),
            "werkplaatsen": sorted({o.werkplaats for o in overzicht}, key=str),
        }

    def per_werkplaats(self) -> dict:
        user = self.request.user
        werkplaatsen = overziene_werkplaatsen(self.request)
        organisaties = Organisatie.objects.filter(werkplaats__in=werkplaatsen)
        actief = Q(organisaties__actief=True)
        samenvatting = (
            Werkplaats.objects.filter(pk__in=[w.pk for w in werkplaatsen])
            .annotate(
                aantal_actief=Count("organisaties", filter=actief, distinct=True),
                aantal_gearchiveerd=Count("organisaties", filter=Q(organisaties__actief=False), distinct=True),
                aantal_teams=Count(
                    "organisaties__afdelingen", filter=actief & Q(organisaties__afdelingen__actief=True), distinct=True
                ),
            )
            .order_by("naam")
        )
        labels = dict(Organisatie.Soort.choices)
        per_soort = organisaties.filter(actief=True).order_by().values_list("soort").annotate(aantal=Count("pk"))
        eigen = []
        if ids := user.geleide_organisatie_ids():
            eigen = list(
                Organisatie.objects.filter(pk__in=ids)
                .select_related("werkplaats")
                .prefetch_related(Prefetch("afdelingen", queryset=Afdeling.objects.filter(actief=True)))
            )
        return {
            "eigen_organisaties": eigen,
            "samenvatting": samenvatting,
            "per_soort": sorted((str(labels.get(soort, soort)), aantal) for soort, aantal in per_soort),
            "werkplaatsen": werkplaatsen,
        }


class OrganisatieListView(ZichtbaarMixin, TabelExportMixin, SingleTableMixin, FilterView):
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
