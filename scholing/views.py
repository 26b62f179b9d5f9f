from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, FormView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from trajecten.access import OnderTrajectMixin, TrajectOnderdeelMixin
from werkplaats.access import BewerkbaarMixin, CoordinatorVereistMixin, OuderMixin, ZichtbaarMixin
from werkplaats.lib.export import TabelExportMixin
from werkplaats.views import ServiceFormMixin, fouten_tonen

from . import services
from .filters import (
    BijeenkomstFilter,
    BuddyFilter,
    ImplementatieleiderFilter,
    InschrijvingFilter,
    PersoonFilter,
    ScholingsgroepFilter,
)
from .forms import (
    AantalAanwezigForm,
    AanwezigheidForm,
    AfmeldenForm,
    BijeenkomstForm,
    BuddyForm,
    DatumForm,
    ImplementatieleiderForm,
    InschrijvingForm,
    InschrijvingUpdateForm,
    PersoonForm,
    ScholingsgroepForm,
    StoppenForm,
)
from .models import Bijeenkomst, Buddy, Implementatieleider, Inschrijving, Persoon, Scholingsgroep
from .selectors import MIN_BUDDIES, buddies_te_weinig
from .tables import (
    BijeenkomstTable,
    BuddyTable,
    ImplementatieleiderTable,
    InschrijvingTable,
    PersoonTable,
    ScholingsgroepTable,
)

# Tables -----------------------------------------------------------------------------------------


class TabelView(ZichtbaarMixin, TabelExportMixin, SingleTableMixin, FilterView):
    """A sortable, filterable, paginated table of what the user may see, with CSV and Excel export."""

    export_formats = ("csv", "xlsx")
    titel = ""
    tab = ""

    def get_template_names(self):
        return [f"scholing/{self.model._meta.model_name}_list.html"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(titel=self.titel, tab=self.tab, **kwargs)


class PersoonListView(TabelView):
    model = Persoon
    table_class = PersoonTable
    filterset_class = PersoonFilter
    export_name = "deelnemers"
    titel = gettext_lazy("Deelnemers")
    tab = "persoon"

    def get_queryset(self):
        inschrijvingen = Inschrijving.objects.select_related("groep__methode").order_by("startdatum", "pk")
        return (
            super()
            .get_queryset()
            .select_related("organisatie")
            .prefetch_related(Prefetch("inschrijvingen", queryset=inschrijvingen))
        )


class InschrijvingListView(TabelView):
    model = Inschrijving
    table_class = InschrijvingTable
    filterset_class = InschrijvingFilter
    export_name = "inschrijvingen"
    titel = gettext_lazy("Inschrijvingen")
    tab = "inschrijving"

    def get_queryset(self):
        return super().get_queryset().select_related("persoon__organisatie", "groep__methode", "groep__traject")


class ScholingsgroepListView(TabelView):
    model = Scholingsgroep
    table_class = ScholingsgroepTable
    filterset_class = ScholingsgroepFilter
    export_name = "groepen"
    titel = gettext_lazy("Groepen")
    tab = "groep"

    def get_queryset(self):
        actief = Q(inschrijvingen__status=Inschrijving.Status.ACTIEF)
        return (
            super()
            .get_queryset()
            .select_related("traject", "methode")
            .annotate(
                aantal_actief=Count("inschrijvingen", filter=actief, distinct=True),
                aantal_inschrijvingen=Count("inschrijvingen", distinct=True),
                aantal_bijeenkomsten=Count("bijeenkomsten", distinct=True),
            )
        )


class BijeenkomstListView(TabelView):
    model = Bijeenkomst
    table_class = BijeenkomstTable
    filterset_class = BijeenkomstFilter
    export_name = "bijeenkomsten"
    titel = gettext_lazy("Bijeenkomsten")
    tab = "bijeenkomst"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("traject", "groep__methode")
            .annotate(aantal_in_register=Count("aanwezigheden", filter=Q(aanwezigheden__aanwezig=True)))
        )


class BuddyListView(TabelView):
    model = Buddy
    table_class = BuddyTable
    filterset_class = BuddyFilter
    export_name = "buddies"
    titel = gettext_lazy("Buddy's")
    tab = "buddy"

    def get_queryset(self):
        return (
            super().get_queryset().select_related("inschrijving__persoon__organisatie", "inschrijving__groep__methode")
        )


class ImplementatieleiderListView(TabelView):
    model = Implementatieleider
    table_class = ImplementatieleiderTable
    filterset_class = ImplementatieleiderFilter
    export_name = "implementatieleiders"
    titel = gettext_lazy("Implementatieleiders")
    tab = "implementatieleider"

    def get_queryset(self):
        return super().get_queryset().select_related("persoon__organisatie", "traject")


# People ---------------------------------------------------------------------------------------------


class PersoonDetailView(ZichtbaarMixin, DetailView):
    """A participant: data, enrolments with their actions, buddies and a form to add one, leader roles."""

    model = Persoon

    def get_queryset(self):
        return super().get_queryset().select_related("organisatie__werkplaats")

    def buddyformulier(self, data=None, eerste: Inschrijving | None = None) -> BuddyForm:
        return BuddyForm(data, persoon=self.object, prefix="buddy", eerste=eerste)

    def get_context_data(self, **kwargs):
        persoon = self.object
        mag_bewerken = persoon.mag_bewerken(self.request.user)
        inschrijvingen = list(
            persoon.inschrijvingen.select_related("groep__methode", "groep__traject")
            .prefetch_related("buddies")
            .order_by("startdatum", "pk")
        )
        for inschrijving in inschrijvingen:
            inschrijving.buddies_totaal = sum(buddy.aantal for buddy in inschrijving.buddies.all())
        buddies_totaal = sum(inschrijving.buddies_totaal for inschrijving in inschrijvingen)
        if "buddy_form" not in kwargs and mag_bewerken and inschrijvingen:
            kwargs["buddy_form"] = self.buddyformulier(eerste=inschrijvingen[0])
        return super().get_context_data(
            mag_bewerken=mag_bewerken,
            inschrijvingen=inschrijvingen,
            buddies_totaal=buddies_totaal,
            min_buddies=MIN_BUDDIES,
            buddies_te_weinig=buddies_te_weinig(
                telt_mee=any(i.telt_op(datetime.date.today()) for i in inschrijvingen), buddies=buddies_totaal
            ),
            leiderschappen=persoon.leiderschappen.select_related("traject"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        """Add a buddy (a colleague or a whole team) to one of the person's enrolments."""
        self.object = self.get_object()
        if not self.object.mag_bewerken(request.user):
            raise PermissionDenied
        form = self.buddyformulier(request.POST)
        if form.is_valid():
            try:
                buddy = services.buddy_toevoegen(
                    inschrijving=form.cleaned_data["inschrijving"],
                    naam=form.cleaned_data["naam"],
                    vanaf=form.cleaned_data["vanaf"],
                    is_team=form.cleaned_data["is_team"],
                    aantal=form.cleaned_data["aantal"],
                    is_schatting=form.cleaned_data["is_schatting"],
                )
            except ValidationError as error:
                fouten_tonen(form, error)
            else:
                messages.success(request, _("Buddy %(naam)s is toegevoegd.") % {"naam": buddy})
                return redirect(self.object.get_absolute_url() + "#buddies")
        return self.render_to_response(self.get_context_data(buddy_form=form), status=400)


class PersoonFormMixin(ServiceFormMixin):
    model = Persoon
    form_class = PersoonForm
    success_message = gettext_lazy("%(naam)s is opgeslagen.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def save(self, form):
        return services.persoon_opslaan(persoon=form.save(commit=False))


class PersoonCreateView(CoordinatorVereistMixin, PersoonFormMixin, CreateView):
    def get_initial(self):
        return {"organisatie": self.request.GET.get("organisatie")}


class PersoonUpdateView(BewerkbaarMixin, PersoonFormMixin, UpdateView):
    def get_queryset(self):
        return super().get_queryset().select_related("organisatie")


# Enrolments and their actions --------------------------------------------------------------------


class InschrijvingCreateView(OuderMixin, ServiceFormMixin, CreateView):
    """Enrol a person in a group."""

    parent_model = Persoon
    model = Inschrijving
    form_class = InschrijvingForm
    success_message = gettext_lazy("Inschrijving %(naam)s is opgeslagen.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "persoon": self.parent, "user": self.request.user}

    def get_initial(self):
        return {"groep": self.request.GET.get("groep")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(persoon=self.parent, **kwargs)

    def save(self, form):
        return services.deelnemer_inschrijven(
            persoon=self.parent, groep=form.cleaned_data["groep"], startdatum=form.cleaned_data["startdatum"]
        )


class InschrijvingUpdateView(BewerkbaarMixin, ServiceFormMixin, UpdateView):
    model = Inschrijving
    form_class = InschrijvingUpdateForm
    success_message = gettext_lazy("Inschrijving %(naam)s is opgeslagen.")

    def get_queryset(self):
        return super().get_queryset().select_related("persoon__organisatie", "groep__methode", "groep__traject")

    def get_context_data(self, **kwargs):
        return super().get_context_data(persoon=self.object.persoon, **kwargs)

    def save(self, form):
        return services.inschrijving_opslaan(inschrijving=form.save(commit=False))


class ObjectActieView(BewerkbaarMixin, ServiceFormMixin, SingleObjectMixin, FormView):
    """An action on one row (drop out, return, complete, stop) as a small form: GET shows it, POST does it."""

    titel = ""
    knop = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(titel=self.titel, knop=self.knop, **kwargs)

    def get_success_url(self):
        return self.object.get_absolute_url()


class InschrijvingActieView(ObjectActieView):
    model = Inschrijving
    template_name = "scholing/inschrijving_actie.html"
    vereiste_status = Inschrijving.Status.ACTIEF
    niet_mogelijk = ""  # shown when the enrolment's status does not allow the action; the service refuses it too

    def get_context_data(self, **kwargs):
        if self.object.status != self.vereiste_status:
            kwargs["niet_mogelijk"] = self.niet_mogelijk
        return super().get_context_data(**kwargs)

    def get_queryset(self):
        return super().get_queryset().select_related("persoon__organisatie", "groep__methode", "groep__traject")

    def get_form_kwargs(self):
        # The date defaults inside the trajectory, not before the enrolment started (`ActieDatumMixin`).
        return {**super().get_form_kwargs(), "traject": self.object.groep.traject, "vanaf": self.datum_vanaf()}

    def datum_vanaf(self) -> datetime.date:
        return self.object.startdatum


class InschrijvingAfmeldenView(InschrijvingActieView):
    form_class = AfmeldenForm
    titel = gettext_lazy("Afmelden (uitval)")
    knop = gettext_lazy("Afmelden")
    veldnamen = {"einddatum": "datum", "uitvalreden": "reden"}
    success_message = gettext_lazy("%(naam)s is afgemeld.")
    niet_mogelijk = gettext_lazy("Alleen een actieve inschrijving kan worden afgemeld.")

    def save(self, form):
        return services.deelnemer_afmelden(
            inschrijving=self.object,
            datum=form.cleaned_data["datum"],
            reden=form.cleaned_data["reden"],
            toelichting=form.cleaned_data["toelichting"],
        )


class InschrijvingHervattenView(InschrijvingActieView):
    form_class = DatumForm
    titel = gettext_lazy("Terugkeren")
    knop = gettext_lazy("Terugkeren")
    veldnamen = {"startdatum": "datum"}
    success_message = gettext_lazy("%(naam)s is teruggekeerd; er is een nieuwe inschrijving.")
    vereiste_status = Inschrijving.Status.UITGEVALLEN
    niet_mogelijk = gettext_lazy("Alleen wie is uitgevallen kan terugkeren.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "einde": False}

    def datum_vanaf(self) -> datetime.date:
        eind = self.object.einddatum
        return eind + datetime.timedelta(days=1) if eind else self.object.startdatum

    def save(self, form):
        return services.deelnemer_hervatten(inschrijving=self.object, datum=form.cleaned_data["datum"])


class InschrijvingAfrondenView(InschrijvingActieView):
    form_class = DatumForm
    titel = gettext_lazy("Scholing afronden")
    knop = gettext_lazy("Afronden")
    veldnamen = {"einddatum": "datum"}
    success_message = gettext_lazy("%(naam)s heeft de scholing afgerond.")
    niet_mogelijk = gettext_lazy("Alleen een actieve inschrijving kan worden afgerond.")

    def save(self, form):
        return services.scholing_afronden(inschrijving=self.object, datum=form.cleaned_data["datum"])


# Groups -------------------------------------------------------------------------------------------


class ScholingsgroepDetailView(ZichtbaarMixin, DetailView):
    model = Scholingsgroep
    context_object_name = "groep"

    def get_queryset(self):
        return super().get_queryset().select_related("traject", "methode")

    def get_context_data(self, **kwargs):
        groep = self.object
        user = self.request.user
        return super().get_context_data(
            mag_bewerken=groep.mag_bewerken(user),
            inschrijvingen=Inschrijving.objects.zichtbaar_voor(user)
            .filter(groep=groep)
            .select_related("persoon__organisatie")
            .order_by("persoon__naam", "startdatum"),
            bijeenkomsten=groep.bijeenkomsten.annotate(
                aantal_in_register=Count("aanwezigheden", filter=Q(aanwezigheden__aanwezig=True))
            ),
            **kwargs,
        )


class ScholingsgroepFormMixin(ServiceFormMixin):
    model = Scholingsgroep
    form_class = ScholingsgroepForm
    template_name = "scholing/scholingsgroep_form.html"
    success_message = gettext_lazy("%(naam)s is opgeslagen.")

    def save(self, form):
        return services.groep_opslaan(groep=form.save(commit=False))


class ScholingsgroepCreateView(OnderTrajectMixin, ScholingsgroepFormMixin, CreateView):
    def get_initial(self):
        return {"nummer": Scholingsgroep.objects.filter(traject=self.parent).count() + 1}


class ScholingsgroepUpdateView(TrajectOnderdeelMixin, ScholingsgroepFormMixin, UpdateView):
    related = ("traject", "methode")


# Sessions and the attendance register ------------------------------------------------------------


class BijeenkomstFormMixin(ServiceFormMixin):
    model = Bijeenkomst
    form_class = BijeenkomstForm
    success_message = gettext_lazy("Bijeenkomst %(naam)s is opgeslagen.")

    def save(self, form):
        return services.bijeenkomst_opslaan(bijeenkomst=form.save(commit=False))


class BijeenkomstCreateView(OnderTrajectMixin, BijeenkomstFormMixin, CreateView):
    def get_initial(self):
        return {"groep": self.request.GET.get("groep")}


class BijeenkomstUpdateView(TrajectOnderdeelMixin, BijeenkomstFormMixin, UpdateView):
    related = ("traject", "groep__methode")


class AanwezigheidView(ZichtbaarMixin, SingleObjectMixin, TemplateView):
    """One session's register: a checkbox per group member on that date; without a group, the headcount.

    Coordinators edit; others read, and a leader sees only the members of their own organisation.
    """

    model = Bijeenkomst
    template_name = "scholing/aanwezigheid.html"
    context_object_name = "bijeenkomst"

    def get_queryset(self):
        return super().get_queryset().select_related("traject", "groep__methode")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
            self.mag_bewerken = self.object.mag_bewerken(request.user)
            self.leden = services.leden_op(self.object)
            self.register = {a.inschrijving_id: a.aanwezig for a in self.object.aanwezigheden.all()}
        return super().dispatch(request, *args, **kwargs)

    def formulier(self, data=None):
        if self.object.groep_id is None:
            return AantalAanwezigForm(data, instance=self.object)
        aanwezig = [pk for pk, is_aanwezig in self.register.items() if is_aanwezig]
        return AanwezigheidForm(data, leden=self.leden, initial={"aanwezig": aanwezig})

    def get_context_data(self, form=None, **kwargs):
        bijeenkomst = self.object
        register = self.register
        leden = self.leden
        if not self.mag_bewerken:
            zichtbaar = set(
                Inschrijving.objects.zichtbaar_voor(self.request.user)
                .filter(pk__in=[lid.pk for lid in leden])
                .values_list("pk", flat=True)
            )
            leden = [lid for lid in leden if lid.pk in zichtbaar]
        context = {
            "mag_bewerken": self.mag_bewerken,
            "register_bestaat": bool(register),
            "aantal_aanwezig": sum(register.values()),
            "rijen": [(lid, register.get(lid.pk)) for lid in leden],
        }
        if self.mag_bewerken:
            form = form or self.formulier()
            context["form"] = form
            if bijeenkomst.groep_id is not None:
                context["vakjes"] = list(zip(form["aanwezig"], self.leden, strict=True))
        return super().get_context_data(**context, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.mag_bewerken:
            raise PermissionDenied
        form = self.formulier(request.POST)
        if form.is_valid():
            try:
                if self.object.groep_id is None:
                    services.aantal_aanwezigen_registreren(
                        bijeenkomst=self.object, aantal=form.cleaned_data["aantal_aanwezig"]
                    )
                else:
                    services.aanwezigheid_registreren(bijeenkomst=self.object, aanwezig=form.cleaned_data["aanwezig"])
            except ValidationError as error:
                fouten_tonen(form, error)
            else:
                messages.success(request, _("De aanwezigheid is opgeslagen."))
                return redirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


# Implementation leaders --------------------------------------------------------------------------


class ImplementatieleiderFormMixin(ServiceFormMixin):
    model = Implementatieleider
    form_class = ImplementatieleiderForm
    success_message = gettext_lazy("Implementatieleider %(naam)s is opgeslagen.")

    def save(self, form):
        return services.implementatieleider_opslaan(leider=form.save(commit=False))


class ImplementatieleiderCreateView(OuderMixin, ImplementatieleiderFormMixin, CreateView):
    parent_model = Persoon

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "persoon": self.parent, "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(persoon=self.parent, **kwargs)


class ImplementatieleiderUpdateView(BewerkbaarMixin, ImplementatieleiderFormMixin, UpdateView):
    def get_queryset(self):
        return super().get_queryset().select_related("persoon__organisatie", "traject")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "persoon": self.object.persoon, "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(persoon=self.object.persoon, **kwargs)


class ImplementatieleiderStoppenView(ObjectActieView):
    model = Implementatieleider
    form_class = StoppenForm
    template_name = "scholing/implementatieleider_stoppen.html"
    titel = gettext_lazy("Implementatieleider stopt")
    knop = gettext_lazy("Stoppen")
    veldnamen = {"actief_tot": "datum", "reden_vertrek": "reden"}
    success_message = gettext_lazy("%(naam)s is gestopt als implementatieleider.")

    def get_queryset(self):
        return super().get_queryset().select_related("persoon__organisatie", "traject")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "traject": self.object.traject, "vanaf": self.object.actief_vanaf}

    def save(self, form):
        return services.implementatieleider_stoppen(
            leider=self.object,
            datum=form.cleaned_data["datum"],
            reden=form.cleaned_data["reden"],
            toelichting=form.cleaned_data["toelichting"],
        )
