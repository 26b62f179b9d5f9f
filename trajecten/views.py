from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin, SingleTableView

from werkplaats import extensions
from werkplaats.access import BewerkbaarMixin, CoordinatorVereistMixin, ZichtbaarMixin
from werkplaats.models import Rol, Werkplaats
from werkplaats.views import ServiceFormMixin

from . import selectors, services

# Other apps still import these two from here; they live in `access`.
from .access import CatalogusBeheerMixin, OnderTrajectMixin, TrajectOnderdeelMixin
from .filters import TrajectFilter
from .forms import DeelnameForm, FaseForm, MethodeForm, StreefwaardeForm, TrajectForm, alias_formset
from .models import Deelname, Fase, Methode, Streefwaarde, Traject
from .tables import MethodeTable, TrajectTable

# Trajectories -----------------------------------------------------------------------------------


def _aantal_deelnames():
    """All organisations of a trajectory, also for a leader who sees only their own participation."""
    per_traject = Deelname.objects.filter(traject=OuterRef("pk")).order_by().values("traject").annotate(n=Count("pk"))
    return Coalesce(Subquery(per_traject.values("n"), output_field=IntegerField()), 0)


class TrajectListView(ZichtbaarMixin, SingleTableMixin, FilterView):
    model = Traject
    table_class = TrajectTable
    filterset_class = TrajectFilter
    template_name = "trajecten/traject_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("werkplaats")
            .prefetch_related("methoden")
            .annotate(aantal_deelnames=_aantal_deelnames())
        )


class TrajectDetailView(ZichtbaarMixin, DetailView):
    model = Traject

    def get_queryset(self):
        user = self.request.user
        return (
            super()
            .get_queryset()
            .select_related("werkplaats")
            .prefetch_related(
                "methoden",
                "methoden_aangeboden",
                "fasen",
                Prefetch("streefwaarden", queryset=Streefwaarde.objects.select_related("methode")),
                Prefetch(
                    "deelnames",
                    queryset=Deelname.objects.zichtbaar_voor(user)
                    .select_related("organisatie")
                    .prefetch_related("methoden"),
                    to_attr="zichtbare_deelnames",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        traject = self.object
        # Training and reporting add their parts through the registry: this app imports neither.
        panels = extensions.traject_panels.render(self.request, traject)
        return super().get_context_data(
            mag_bewerken=traject.mag_bewerken(self.request.user),
            streefwaarde_regels=selectors.streefwaarden(traject).regels(),
            kop_panels=[panel for panel in panels if panel.get("plek") == "kop"],
            panels=[panel for panel in panels if panel.get("plek") != "kop"],
            **kwargs,
        )


class TrajectFormMixin(ServiceFormMixin):
    model = Traject
    form_class = TrajectForm
    success_message = gettext_lazy("Traject %(naam)s is opgeslagen.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def save(self, form):
        return services.traject_opslaan(
            traject=form.save(commit=False),
            methoden_aangeboden=form.cleaned_data["methoden_aangeboden"],
            methoden=form.cleaned_data["methoden"],
        )


class TrajectCreateView(CoordinatorVereistMixin, TrajectFormMixin, CreateView):
    pass


class TrajectUpdateView(BewerkbaarMixin, TrajectFormMixin, UpdateView):
    pass


# Parts of a trajectory: phases, participation, targets --------------------------------------------


class FaseFormMixin(ServiceFormMixin):
    model = Fase
    form_class = FaseForm
    success_message = gettext_lazy("Fase %(naam)s is opgeslagen.")

    def save(self, form):
        return services.fase_opslaan(fase=form.save(commit=False))


class FaseCreateView(OnderTrajectMixin, FaseFormMixin, CreateView):
    def get_initial(self):
        return {"nummer": self.parent.fasen.count() + 1}


class FaseUpdateView(TrajectOnderdeelMixin, FaseFormMixin, UpdateView):
    pass


class DeelnameFormMixin(ServiceFormMixin):
    model = Deelname
    form_class = DeelnameForm
    success_message = gettext_lazy("Deelname %(naam)s is opgeslagen.")

    def save(self, form):
        return services.deelname_opslaan(deelname=form.save(commit=False), methoden=form.cleaned_data["methoden"])


class DeelnameCreateView(OnderTrajectMixin, DeelnameFormMixin, CreateView):
    def get_initial(self):
        return {"vanaf": self.parent.startdatum}


class DeelnameUpdateView(TrajectOnderdeelMixin, DeelnameFormMixin, UpdateView):
    related = ("traject", "organisatie")


class StreefwaardeFormMixin(ServiceFormMixin):
    model = Streefwaarde
    form_class = StreefwaardeForm
    success_message = gettext_lazy("Streefwaarde %(naam)s is opgeslagen.")

    def save(self, form):
        return services.streefwaarde_opslaan(streefwaarde=form.save(commit=False))


class StreefwaardeCreateView(OnderTrajectMixin, StreefwaardeFormMixin, CreateView):
    pass


class StreefwaardeUpdateView(TrajectOnderdeelMixin, StreefwaardeFormMixin, UpdateView):
    pass


# Methods ------------------------------------------------------------------------------------------


class MethodeListView(LoginRequiredMixin, SingleTableView):
    model = Methode
    table_class = MethodeTable
    template_name = "trajecten/methode_list.html"

    def get_queryset(self):
        return Methode.objects.annotate(aantal_trajecten=Count("trajecten"))


class MethodeDetailView(LoginRequiredMixin, DetailView):
    model = Methode

    def get_queryset(self):
        return Methode.objects.prefetch_related("aliassen__werkplaats")

    def get_context_data(self, **kwargs):
        user = self.request.user
        eigen = list(
            Werkplaats.objects.all()
            if user.is_superuser
            else Werkplaats.objects.filter(pk__in=user.werkplaats_ids(Rol.Soort.COORDINATOR, Rol.Soort.LECTORAAT))
        )
        zichtbaar = {w.pk for w in eigen}
        return super().get_context_data(
            trajecten=Traject.objects.zichtbaar_voor(user).filter(methoden=self.object),
            mag_bewerken=self.object.mag_bewerken(user),
            catalogus_namen=[a for a in self.object.aliassen.all() if a.werkplaats_id is None],
            werkplaats_namen=[a for a in self.object.aliassen.all() if a.werkplaats_id in zichtbaar],
            namen_van=[w for w in eigen if user.is_superuser or w.pk in user.werkplaats_ids(Rol.Soort.COORDINATOR)],
            **kwargs,
        )


class MethodeFormMixin(ServiceFormMixin):
    """A method of the shared catalogue with its catalogue aliases (names used in a context), saved together or
    not at all. Only superusers change the catalogue; a werkplaats names a method its own way (`MethodeNamenView`)."""

    model = Methode
    form_class = MethodeForm
    success_message = gettext_lazy("Methode %(naam)s is opgeslagen.")

    def get_formset(self):
        if not hasattr(self, "formset"):
            data = self.request.POST if self.request.method == "POST" else None
            self.formset = alias_formset(data, methode=self.object or Methode())
        return self.formset

    def get_context_data(self, **kwargs):
        return super().get_context_data(formset=self.get_formset(), **kwargs)

    def form_valid(self, form):
        if not self.get_formset().is_valid():
            return self.form_invalid(form)
        return super().form_valid(form)

    def save(self, form):
        # An alias the service refuses is shown above the form: its fields are not the method's own.
        return services.methode_opslaan(
            methode=form.save(commit=False),
            aliassen=[alias_form.save(commit=False) for alias_form in self.get_formset() if alias_form.has_changed()],
        )


class MethodeCreateView(CatalogusBeheerMixin, MethodeFormMixin, CreateView):
    pass


class MethodeUpdateView(CatalogusBeheerMixin, MethodeFormMixin, UpdateView):
    pass


class MethodeNamenView(LoginRequiredMixin, TemplateView):
    """A werkplaats's own names of a catalogue method (per context, e.g. a chapter of its end report).

    Coordinators of that werkplaats and superusers change them, everyone else gets a 403. The method itself
    stays as the catalogue has it.
    """

    template_name = "trajecten/methode_namen.html"

    def dispatch(self, request, *args, **kwargs):
        self.methode = get_object_or_404(Methode, pk=kwargs["pk"])
        self.werkplaats = get_object_or_404(Werkplaats, pk=kwargs["werkplaats"])
        user = request.user
        if (
            user.is_authenticated
            and not user.is_superuser
            and self.werkplaats.pk not in user.werkplaats_ids(Rol.Soort.COORDINATOR)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_formset(self):
        if not hasattr(self, "formset"):
            data = self.request.POST if self.request.method == "POST" else None
            self.formset = alias_formset(data, methode=self.methode, werkplaats=self.werkplaats)
        return self.formset

    def get_context_data(self, **kwargs):
        kwargs.pop("pk", None)
        kwargs.pop("werkplaats", None)  # the URL's argument; the context gets the object
        return super().get_context_data(
            methode=self.methode, werkplaats=self.werkplaats, formset=self.get_formset(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        formset = self.get_formset()
        if formset.is_valid():
            try:
                services.methode_namen_opslaan(
                    methode=self.methode,
                    werkplaats=self.werkplaats,
                    aliassen=[form.save(commit=False) for form in formset if form.has_changed()],
                )
            except ValidationError as error:
                formset._non_form_errors = formset.error_class(error.messages)
            else:
                messages.success(request, _("De namen van %(naam)s zijn opgeslagen.") % {"naam": self.methode})
                return redirect(self.methode)
        return self.render_to_response(self.get_context_data(), status=400)
