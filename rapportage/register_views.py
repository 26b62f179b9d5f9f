"""The dissemination register and the curriculum modules of a trajectory (the end report's annexes).

Everyone who sees the trajectory reads the registers; lectoraat and coordinators of its werkplaats (and
superusers) create and edit. An out-of-sight trajectory is a 404, a visible one without edit rights a 403.
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, ListView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from trajecten.access import TrajectOnderdeelMixin
from trajecten.models import Traject
from werkplaats.lib.export import TabelExportMixin
from werkplaats.views import ServiceFormMixin

from . import services
from .filters import DisseminatieFilter, OnderwijsmoduleFilter
from .forms import DisseminatieForm, OnderwijsmoduleForm, PlaatsingForm, ProgrammaonderdeelForm
from .models import Disseminatie, Onderwijsmodule, Plaatsing, Programmaonderdeel, mag_register_bewerken
from .tables import DisseminatieTable, OnderwijsmoduleTable


def _aantal(model, **filters):
    per_traject = (
        model.objects.filter(traject=OuterRef("pk"), actief=True, **filters)
        .order_by()
        .values("traject")
        .annotate(n=Count("pk"))
    )
    return Coalesce(Subquery(per_traject.values("n"), output_field=IntegerField()), 0)


class RegisterIndexView(LoginRequiredMixin, ListView):
    """The trajectories the user may see, with links to their dissemination register and modules."""

    template_name = "rapportage/register_index.html"
    context_object_name = "trajecten"

    def get_queryset(self):
        return (
            Traject.objects.zichtbaar_voor(self.request.user)
            .select_related("werkplaats")
            .annotate(
                aantal_disseminaties=_aantal(Disseminatie),
                aantal_modules=_aantal(Onderwijsmodule),
            )
        )


# Parents ------------------------------------------------------------------------------------------


class OuderRegisterMixin(LoginRequiredMixin):
    """A page under a parent row: 404 when it is out of sight; with `schrijven`, 403 without edit rights."""

    parent_model = Traject
    parent_filter: dict = {}
    schrijven = True

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            zichtbaar = self.parent_model.objects.zichtbaar_voor(request.user).filter(**self.parent_filter)
            self.parent = get_object_or_404(zichtbaar, pk=kwargs["pk"])
            self.mag_bewerken = self.parent_mag_bewerken(request.user)
            if self.schrijven and not self.mag_bewerken:
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def parent_mag_bewerken(self, user) -> bool:
        if isinstance(self.parent, Traject):
            return mag_register_bewerken(self.parent, user)
        return self.parent.mag_bewerken(user)

    @property
    def traject(self) -> Traject:
        return self.parent if isinstance(self.parent, Traject) else self.parent.traject

    def get_context_data(self, **kwargs):
        return super().get_context_data(traject=self.traject, mag_bewerken=self.mag_bewerken, **kwargs)


class RegisterTabelView(OuderRegisterMixin, TabelExportMixin, SingleTableMixin, FilterView):
    """A table of one trajectory's rows, filterable, with CSV and Excel export; readers see no edit links."""

    schrijven = False
    export_formats = ("csv", "xlsx")
    tab = ""

    def get_export_filename(self, export_format):
        return f"{self.export_name}-traject-{self.parent.pk}.{export_format}"

    def get_table_kwargs(self):
        return {} if self.mag_bewerken else {"exclude": ("acties",)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(tab=self.tab, **kwargs)


# Dissemination ------------------------------------------------------------------------------------


class DisseminatieListView(RegisterTabelView):
    model = Disseminatie
    table_class = DisseminatieTable
    filterset_class = DisseminatieFilter
    template_name = "rapportage/disseminatie_list.html"
    export_name = "disseminatie"
    tab = "disseminatie"

    def get_queryset(self):
        return Disseminatie.objects.filter(traject=self.parent).prefetch_related("methoden")


class DisseminatieFormMixin(ServiceFormMixin):
    model = Disseminatie
    form_class = DisseminatieForm
    success_message = gettext_lazy("%(naam)s is opgeslagen.")

    def save(self, form):
        return services.disseminatie_opslaan(
            disseminatie=form.save(commit=False), methoden=form.cleaned_data["methoden"]
        )


class DisseminatieCreateView(OuderRegisterMixin, DisseminatieFormMixin, CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "traject": self.parent}


class RegisterOnderdeelMixin(TrajectOnderdeelMixin):
    """Edit a row of a trajectory's register: 404 out of sight, 403 for readers (the row's `mag_bewerken`)."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(mag_bewerken=True, **kwargs)


class DisseminatieUpdateView(RegisterOnderdeelMixin, DisseminatieFormMixin, UpdateView):
    pass


class ConferentieDetailView(OuderRegisterMixin, DetailView):
    """A conference with its programme: the chair, the plenary talks and the numbered workshops."""

    parent_model = Disseminatie
    parent_filter = {"soort": Disseminatie.Soort.CONFERENTIE}
    schrijven = False
    template_name = "rapportage/conferentie_detail.html"
    context_object_name = "conferentie"

    def get_object(self, queryset=None):
        return self.parent

    def get_context_data(self, **kwargs):
        programma = list(self.object.programma.filter(actief=True))
        per_soort = [
            (label, [p for p in programma if p.soort == soort]) for soort, label in Programmaonderdeel.Soort.choices
        ]
        return super().get_context_data(
            per_soort=[(label, onderdelen) for label, onderdelen in per_soort if onderdelen],
            gearchiveerd=self.object.programma.filter(actief=False) if self.mag_bewerken else [],
            **kwargs,
        )


class ProgrammaonderdeelFormMixin(ServiceFormMixin):
    model = Programmaonderdeel
    form_class = ProgrammaonderdeelForm
    success_message = gettext_lazy("Programmaonderdeel %(naam)s is opgeslagen.")

    def save(self, form):
        return services.programmaonderdeel_opslaan(programmaonderdeel=form.save(commit=False))


class ProgrammaonderdeelCreateView(OuderRegisterMixin, ProgrammaonderdeelFormMixin, CreateView):
    parent_model = Disseminatie
    parent_filter = {"soort": Disseminatie.Soort.CONFERENTIE}

    def get_initial(self):
        soort = self.request.GET.get("soort", Programmaonderdeel.Soort.WORKSHOP)
        if soort not in Programmaonderdeel.Soort.values:
            soort = Programmaonderdeel.Soort.WORKSHOP
        return {"soort": soort, "nummer": self.parent.programma.filter(soort=soort).count() + 1}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "disseminatie": self.parent}

    def get_context_data(self, **kwargs):
        return super().get_context_data(conferentie=self.parent, **kwargs)


class ProgrammaonderdeelUpdateView(RegisterOnderdeelMixin, ProgrammaonderdeelFormMixin, UpdateView):
    related = ("disseminatie__traject",)

    def get_form_kwargs(self):
        kwargs = super(TrajectOnderdeelMixin, self).get_form_kwargs()
        return {**kwargs, "disseminatie": self.object.disseminatie}

    def get_context_data(self, **kwargs):
        return super().get_context_data(conferentie=self.object.disseminatie, **kwargs)


# Curriculum modules and placements -------------------------------------------------------------------


class OnderwijsmoduleListView(RegisterTabelView):
    model = Onderwijsmodule
    table_class = OnderwijsmoduleTable
    filterset_class = OnderwijsmoduleFilter
    template_name = "rapportage/onderwijsmodule_list.html"
    export_name = "onderwijsmodules"
    tab = "onderwijs"

    def get_queryset(self):
        return (
            Onderwijsmodule.objects.filter(traject=self.parent)
            .select_related("methode")
            .prefetch_related(
                Prefetch(
                    "plaatsingen",
                    queryset=Plaatsing.objects.filter(Q(actief=True)),
                    to_attr="zichtbare_plaatsingen",
                )
            )
        )

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        table.mag_bewerken = self.mag_bewerken
        return table


class OnderwijsmoduleFormMixin(ServiceFormMixin):
    model = Onderwijsmodule
    form_class = OnderwijsmoduleForm
    success_message = gettext_lazy("Module %(naam)s is opgeslagen.")

    def save(self, form):
        return services.onderwijsmodule_opslaan(onderwijsmodule=form.save(commit=False))


class OnderwijsmoduleCreateView(OuderRegisterMixin, OnderwijsmoduleFormMixin, CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "traject": self.parent}


class OnderwijsmoduleUpdateView(RegisterOnderdeelMixin, OnderwijsmoduleFormMixin, UpdateView):
    related = ("traject", "methode")


class PlaatsingFormMixin(ServiceFormMixin):
    model = Plaatsing
    form_class = PlaatsingForm
    success_message = gettext_lazy("Plaatsing %(naam)s is opgeslagen.")

    def save(self, form):
        return services.plaatsing_opslaan(plaatsing=form.save(commit=False))


class PlaatsingCreateView(OuderRegisterMixin, PlaatsingFormMixin, CreateView):
    parent_model = Onderwijsmodule

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "module": self.parent}

    def get_context_data(self, **kwargs):
        return super().get_context_data(module=self.parent, **kwargs)


class PlaatsingUpdateView(RegisterOnderdeelMixin, PlaatsingFormMixin, UpdateView):
    related = ("module__traject",)

    def get_form_kwargs(self):
        kwargs = super(TrajectOnderdeelMixin, self).get_form_kwargs()
        return {**kwargs, "module": self.object.module}

    def get_context_data(self, **kwargs):
        return super().get_context_data(module=self.object.module, **kwargs)
