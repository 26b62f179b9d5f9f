import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from trajecten.forms import TrajectDatumMixin, datum_in_traject
from trajecten.models import Traject
from werkplaats.accounts import in_werkplaats
from werkplaats.models import Organisatie, Rol, User

from .models import (
    Bijeenkomst,
    Buddy,
    Implementatieleider,
    Inschrijving,
    Persoon,
    Scholingsgroep,
    Uitvalreden,
)
from .selectors import naamgenoten


def datum(**attrs) -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


def datumveld(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=datum(), **kwargs)


def bewerkbare_werkplaatsen(user) -> list[int] | None:
    """The werkplaatsen whose records the user may change; None for a superuser (all of them)."""
    return None if user.is_superuser else list(user.werkplaats_ids(Rol.Soort.COORDINATOR))


class ScholingsgroepForm(forms.ModelForm):
    class Meta:
        model = Scholingsgroep
        fields = ["methode", "nummer", "soort", "trainers", "geplande_omvang"]

    def __init__(self, *args, traject: Traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.traject = traject
        self.fields["methode"].queryset = traject.methoden.all()
        self.fields["methode"].empty_label = None
        self.fields["methode"].help_text = _("Alleen de methoden die in het traject gekozen zijn.")

    def clean(self):
        cleaned = super().clean()
        methode, nummer = cleaned.get("methode"), cleaned.get("nummer")
        if methode and nummer:
            andere = Scholingsgroep.objects.filter(traject=self.instance.traject, methode=methode, nummer=nummer)
            if andere.exclude(pk=self.instance.pk).exists():
                self.add_error("nummer", _("Deze methode heeft in dit traject al een groep met dit nummer."))
        return cleaned


class BijeenkomstForm(TrajectDatumMixin, forms.ModelForm):
    traject_datumvelden = ("datum",)

    class Meta:
        model = Bijeenkomst
        fields = ["soort", "titel", "groep", "datum", "dagdelen", "locatie", "aantal_aanwezig"]
        widgets = {"datum": datum()}

    def __init__(self, *args, traject: Traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.traject = traject
        self.traject = traject
        if self.instance.pk is None:
            self.fields["datum"].initial = datum_in_traject(traject)
        self.fields["groep"].queryset = Scholingsgroep.objects.filter(traject=traject).select_related("methode")
        self.fields["groep"].empty_label = _("Geen groep: het hele traject")

    def clean(self):
        cleaned = super().clean()
        self.datums_controleren()
        return cleaned


class AantalAanwezigForm(forms.ModelForm):
    """The headcount of a session without a group (a conference, an information meeting)."""

    class Meta:
        model = Bijeenkomst
        fields = ["aantal_aanwezig"]


class AanwezigheidForm(forms.Form):
    """The attendance register: one checkbox per group member on the date of the session."""

    aanwezig = forms.TypedMultipleChoiceField(
        label=_("Aanwezig"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("%(value)s is geen lid van de groep op de datum van de bijeenkomst.")},
    )

    def __init__(self, *args, leden: list[Inschrijving], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanwezig"].choices = [(inschrijving.pk, inschrijving.persoon.naam) for inschrijving in leden]


class PersoonForm(forms.ModelForm):
    # Shown (as a checkbox) only with the warning that the organisation already has someone of that name.
    toch_opslaan = forms.BooleanField(
        label=_("Toch opslaan: het is een andere persoon met dezelfde naam"), required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = Persoon
        fields = ["organisatie", "naam", "functie", "soort", "account", "gearchiveerd"]
        help_texts = {"gearchiveerd": _("Zet aan om de persoon te archiveren; er gaat niets verloren.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.naamgenoten: list[Persoon] = []
        if self.instance.pk:
            # A person may move to another organisation of the same werkplaats.
            organisaties = Organisatie.objects.filter(werkplaats_id=self.instance.organisatie.werkplaats_id)
            # Their account, if they have one: only the accounts of that werkplaats can be chosen.
            werkplaats_id = self.instance.organisatie.werkplaats_id
            self.fields["account"].queryset = (
                User.objects.filter(in_werkplaats([werkplaats_id])).distinct().order_by("last_name", "first_name")
            )
        else:
            del self.fields["gearchiveerd"]
            del self.fields["account"]
            organisaties = Organisatie.objects.filter(actief=True)
            werkplaatsen = bewerkbare_werkplaatsen(user)
            if werkplaatsen is not None:
                organisaties = organisaties.filter(werkplaats_id__in=werkplaatsen)
        self.fields["organisatie"].queryset = organisaties

    def clean(self):
        cleaned = super().clean()
        organisatie, naam = cleaned.get("organisatie"), cleaned.get("naam")
        if organisatie and naam and {"organisatie", "naam"} & set(self.changed_data):
            self.naamgenoten = naamgenoten(organisatie_id=organisatie.pk, naam=naam, behalve=self.instance.pk)
        if self.naamgenoten and not cleaned.get("toch_opslaan"):
            self.fields["toch_opslaan"].widget = forms.CheckboxInput()
            self.add_error(
                "naam",
                _(
                    "Bij %(organisatie)s staat al een deelnemer met de naam ‘%(naam)s’. Is het dezelfde persoon, open "
                    "dan die deelnemer; is het iemand anders, vink dan ‘toch opslaan’ aan."
                )
                % {"organisatie": organisatie.naam, "naam": naam},
            )
        return cleaned


class InschrijvingForm(TrajectDatumMixin, forms.ModelForm):
    """Enrol a person in a group."""

    traject_datumvelden = ("startdatum",)

    class Meta:
        model = Inschrijving
        fields = ["groep", "startdatum"]
        widgets = {"startdatum": datum()}

    def __init__(self, *args, persoon: Persoon, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.persoon = persoon
        groepen = Scholingsgroep.objects.zichtbaar_voor(user).filter(
            traject__werkplaats_id=persoon.organisatie.werkplaats_id
        )
        self.fields["groep"].queryset = groepen.select_related("methode", "traject")
        self.fields["groep"].label_from_instance = lambda groep: f"{groep} – {groep.traject}"
        if not self.is_bound and not self.initial.get("startdatum"):
            traject = self._standaardtraject(groepen)
            self.initial["startdatum"] = datum_in_traject(traject) if traject else datetime.date.today()

    def _standaardtraject(self, groepen) -> Traject | None:
        """The trajectory the default start date falls in: the chosen group's; else the one running today, else the
        latest (trajectories are ordered newest first)."""
        gekozen = self.initial.get("groep")
        if gekozen:
            groep = groepen.filter(pk=gekozen).select_related("traject").first() if str(gekozen).isdigit() else None
            if groep is not None:
                return groep.traject
        trajecten = list(Traject.objects.filter(groepen__in=groepen).distinct())
        vandaag = datetime.date.today()
        lopend = [t for t in trajecten if t.startdatum <= vandaag <= t.einddatum]
        return (lopend or trajecten or [None])[0]

    def traject_voor_datums(self) -> Traject | None:
        groep = self.cleaned_data.get("groep")
        return groep.traject if groep else None

    def clean(self):
        cleaned = super().clean()
        self.datums_controleren()
        return cleaned


class InschrijvingUpdateForm(TrajectDatumMixin, forms.ModelForm):
    """Correct an enrolment's dates and notes. Dropping out, returning and completing are actions of their own."""

    traject_datumvelden = ("startdatum", "einddatum")

    class Meta:
        model = Inschrijving
        fields = ["startdatum", "einddatum", "uitvalreden", "toelichting"]
        widgets = {"startdatum": datum(), "einddatum": datum(), "toelichting": forms.Textarea(attrs={"rows": 3})}

    def traject_voor_datums(self) -> Traject | None:
        return self.instance.groep.traject

    def clean(self):
        cleaned = super().clean()
        self.datums_controleren()
        return cleaned


class ActieDatumMixin(TrajectDatumMixin):
    """An action on a row under a trajectory (drop out, return, complete, stop): its date defaults to today inside
    the trajectory's period, not before `vanaf` (the row's own start), and must lie inside that period."""

    traject_datumvelden = ("datum",)

    def __init__(
        self,
        *args,
        traject: Traject | None = None,
        vanaf: datetime.date | None = None,
        einde: bool = True,
        **kwargs,
    ):
        # `einde`: the date ends something (dropout, completion, stopping); returning starts something.
        super().__init__(*args, **kwargs)
        self.traject = traject
        if traject is not None and not self.is_bound:  # type: ignore[attr-defined]
            standaard = datum_in_traject(traject, vanaf=vanaf, einde=einde)
            self.initial["datum"] = standaard  # type: ignore[attr-defined]

    def clean(self):
        cleaned = super().clean()  # type: ignore[misc]
        self.datums_controleren()
        return cleaned


class AfmeldenForm(ActieDatumMixin, forms.Form):
    datum = datumveld(_("Datum van uitval"), initial=datetime.date.today)
    reden = forms.ChoiceField(label=_("Reden van uitval"), choices=[("", "---------"), *Uitvalreden.choices])
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij de reden ‘anders’."),
    )


class DatumForm(ActieDatumMixin, forms.Form):
    datum = datumveld(_("Datum"), initial=datetime.date.today)


class BuddyForm(TrajectDatumMixin, forms.ModelForm):
    """A buddy on the participant's page: a named colleague, or a whole team with its headcount."""

    traject_datumvelden = ("vanaf",)

    class Meta:
        model = Buddy
        fields = ["inschrijving", "naam", "is_team", "aantal", "is_schatting", "vanaf"]
        widgets = {"vanaf": datum()}

    def __init__(self, *args, persoon: Persoon, eerste: Inschrijving | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # In the order of the person's page; `eerste` is the first of them when the caller has it already.
        inschrijvingen = persoon.inschrijvingen.select_related("groep__methode", "groep__traject").order_by(
            "startdatum", "pk"
        )
        self.fields["inschrijving"].queryset = inschrijvingen
        self.fields["inschrijving"].empty_label = None
        self.fields["inschrijving"].label_from_instance = lambda i: (
            f"{i.groep} ({i.get_status_display()}, {i.startdatum:%d-%m-%Y})"
        )
        self.fields["aantal"].help_text = _("Bij een hele team: het aantal collega's. Een collega telt als één.")
        if not self.is_bound:
            # The first choice's trajectory, not before that enrolment started.
            eerste = eerste or inschrijvingen.first()
            if eerste is not None:
                self.initial["vanaf"] = datum_in_traject(eerste.groep.traject, vanaf=eerste.startdatum)

    def traject_voor_datums(self) -> Traject | None:
        inschrijving = self.cleaned_data.get("inschrijving")
        return inschrijving.groep.traject if inschrijving else None

    def clean(self):
        cleaned = super().clean()
        self.datums_controleren()
        return cleaned


class ImplementatieleiderForm(TrajectDatumMixin, forms.ModelForm):
    traject_datumvelden = ("actief_vanaf",)

    class Meta:
        model = Implementatieleider
        fields = ["traject", "functie", "actief_vanaf", "toelichting"]
        widgets = {"actief_vanaf": datum(), "toelichting": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, persoon: Persoon, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.persoon = persoon
        field = self.fields["traject"]
        field.queryset = Traject.objects.zichtbaar_voor(user).filter(werkplaats_id=persoon.organisatie.werkplaats_id)
        field.empty_label = None
        if self.instance.pk:
            field.disabled = True
        elif not self.is_bound:
            # The first choice (the newest trajectory), as the select shows it.
            eerste = field.queryset.first()
            if eerste is not None:
                self.initial["actief_vanaf"] = datum_in_traject(eerste)

    def traject_voor_datums(self) -> Traject | None:
        return self.cleaned_data.get("traject")

    def clean(self):
        cleaned = super().clean()
        self.datums_controleren()
        return cleaned


class StoppenForm(ActieDatumMixin, forms.Form):
    datum = datumveld(_("Actief tot"), initial=datetime.date.today)
    reden = forms.ChoiceField(label=_("Reden van vertrek"), choices=[("", "---------"), *Uitvalreden.choices])
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
