from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin, SingleTableView

from werkplaats.access import BewerkbaarMixin, CoordinatorVereistMixin, OuderMixin, ZichtbaarMixin
from werkplaats.services import opslaan
from werkplaats.views import OpslaanMixin, ServiceFormMixin

from . import services
from .filters import TrajectFilter
from .forms import AliasFormSet, DeelnameForm, FaseForm, MethodeForm, StreefwaardeForm, TrajectForm
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


@dataclass
class StreefwaardeRegel:
    """One row of the targets table: a stored target, or a total derived from stored ones."""

    indicator: str
    methode: Methode | None
    formulering: str
    waarde: int
    afgeleid: bool = False
    streefwaarde: Streefwaarde | None = None


def streefwaarde_regels(streefwaarden: list[Streefwaarde]) -> list[StreefwaardeRegel]:
    """The stored targets, each indicator followed by its derived total when only per-method targets exist.

    Derived totals are never stored, so changing a per-method target changes them as well.
    """
    labels = dict(Streefwaarde.Indicator.choices)
    regels: list[StreefwaardeRegel] = []
    totalen: dict[str, int] = {}
    for indicator in Streefwaarde.Indicator.values:
        rijen = [s for s in streefwaarden if s.indicator == indicator]
        for s in rijen:
            regels.append(
                StreefwaardeRegel(
                    indicator=labels[indicator],
                    methode=s.methode,
                    formulering=s.get_formulering_display() if s.formulering else "",
                    waarde=s.waarde,
                    streefwaarde=s,
                )
            )
        totaal = next((s for s in rijen if s.methode_id is None), None)
        per_methode = [s.waarde for s in rijen if s.methode_id is not None]
        if totaal is not None:
            totalen[indicator] = totaal.waarde
        elif per_methode:
            totalen[indicator] = sum(per_methode)
            regels.append(
                StreefwaardeRegel(
                    indicator=_("%(indicator)s totaal") % {"indicator": labels[indicator]},
                    methode=None,
                    formulering="",
                    waarde=totalen[indicator],
                    afgeleid=True,
                )
            )
    per, professionals = totalen.get("buddies_per_deelnemer"), totalen.get("professionals")
    if per is not None and professionals is not None:
        regels.append(
            StreefwaardeRegel(
                indicator=_("buddy's totaal"), methode=None, formulering="", waarde=professionals * per, afgeleid=True
            )
        )
        regels.append(
            StreefwaardeRegel(
                indicator=_("professionals en hun buddy's samen"),
                methode=None,
                formulering="",
                waarde=professionals * (1 + per),
                afgeleid=True,
            )
        )
    return regels


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
        # The groups belong to `scholing`, which this app does not import; the reverse relation is enough here.
        groepen = traject.groepen.select_related("methode").annotate(aantal_inschrijvingen=Count("inschrijvingen"))
        return super().get_context_data(
            mag_bewerken=traject.mag_bewerken(self.request.user),
            mag_rapporteren=traject.mag_rapporteren(self.request.user),
            streefwaarde_regels=streefwaarde_regels(list(traject.streefwaarden.all())),
            groepen=groepen,
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


class OnderTrajectMixin(OuderMixin):
    """Create a row under a trajectory: 404 when it is out of sight, 403 without edit rights."""

    parent_model = Traject

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "traject": self.parent}

    def get_context_data(self, **kwargs):
        return super().get_context_data(traject=self.parent, **kwargs)


class TrajectOnderdeelMixin(BewerkbaarMixin):
    """Edit a row of a trajectory: 404 when the trajectory is out of sight, 403 without edit rights."""

    related = ("traject",)

    def get_queryset(self):
        return super().get_queryset().select_related(*self.related)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "traject": self.object.traject}

    def get_context_data(self, **kwargs):
        return super().get_context_data(traject=self.object.traject, **kwargs)


class FaseFormMixin(OpslaanMixin):
    model = Fase
    form_class = FaseForm
    success_message = gettext_lazy("Fase %(naam)s is opgeslagen.")


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


class StreefwaardeFormMixin(OpslaanMixin):
    model = Streefwaarde
    form_class = StreefwaardeForm
    success_message = gettext_lazy("Streefwaarde %(naam)s is opgeslagen.")


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
        return Methode.objects.prefetch_related("aliassen")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            trajecten=Traject.objects.zichtbaar_voor(self.request.user).filter(methoden=self.object),
            mag_bewerken=self.request.user.is_coordinator,
            **kwargs,
        )


class MethodeFormMixin(ServiceFormMixin):
    """A method with its aliases (names used in a context), saved together or not at all."""

    model = Methode
    form_class = MethodeForm
    success_message = gettext_lazy("Methode %(naam)s is opgeslagen.")

    def get_formset(self):
        if not hasattr(self, "formset"):
            data = self.request.POST if self.request.method == "POST" else None
            self.formset = AliasFormSet(data, instance=self.object or Methode(), prefix="aliassen")
        return self.formset

    def get_context_data(self, **kwargs):
        return super().get_context_data(formset=self.get_formset(), **kwargs)

    def form_valid(self, form):
        if not self.get_formset().is_valid():
            return self.form_invalid(form)
        return super().form_valid(form)

    def save(self, form):
        with transaction.atomic():
            methode = opslaan(obj=form.save(commit=False))
            for alias_form in self.get_formset():
                if alias_form.has_changed():
                    alias = alias_form.save(commit=False)
                    alias.methode = methode
                    try:
                        opslaan(obj=alias)
                    except ValidationError as error:
                        # Shown above the form: the alias fields are not the method's own.
                        raise ValidationError({NON_FIELD_ERRORS: error.messages}) from error
        return methode


class MethodeCreateView(CoordinatorVereistMixin, MethodeFormMixin, CreateView):
    pass


class MethodeUpdateView(CoordinatorVereistMixin, MethodeFormMixin, UpdateView):
    pass
