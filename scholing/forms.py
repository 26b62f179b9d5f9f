import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

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


class BijeenkomstForm(forms.ModelForm):
    class Meta:
        model = Bijeenkomst
        fields = ["soort", "titel", "groep", "datum", "dagdelen", "locatie", "aantal_aanwezig"]
        widgets = {"datum": datum()}

    def __init__(self, *args, traject: Traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.traject = traject
        self.fields["groep"].queryset = Scholingsgroep.objects.filter(traject=traject).select_related("methode")
        self.fields["groep"].empty_label = _("Geen groep: het hele traject")


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
    class Meta:
        model = Persoon
        fields = ["organisatie", "naam", "functie", "soort", "account", "gearchiveerd"]
        help_texts = {"gearchiveerd": _("Zet aan om de persoon te archiveren; er gaat niets verloren.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
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


class InschrijvingForm(forms.ModelForm):
    """Enrol a person in a group."""

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


class InschrijvingUpdateForm(forms.ModelForm):
    """Correct an enrolment's dates and notes. Dropping out, returning and completing are actions of their own."""

    class Meta:
        model = Inschrijving
        fields = ["startdatum", "einddatum", "uitvalreden", "toelichting"]
        widgets = {"startdatum": datum(), "einddatum": datum(), "toelichting": forms.Textarea(attrs={"rows": 3})}


class AfmeldenForm(forms.Form):
    datum = datumveld(_("Datum van uitval"), initial=datetime.date.today)
    reden = forms.ChoiceField(label=_("Reden van uitval"), choices=[("", "---------"), *Uitvalreden.choices])
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij de reden ‘anders’."),
    )


class DatumForm(forms.Form):
    datum = datumveld(_("Datum"), initial=datetime.date.today)


class BuddyForm(forms.ModelForm):
    """A buddy on the participant's page: a named colleague, or a whole team with its headcount."""

    class Meta:
        model = Buddy
        fields = ["inschrijving", "naam", "is_team", "aantal", "is_schatting", "vanaf"]
        widgets = {"vanaf": datum()}

    def __init__(self, *args, persoon: Persoon, **kwargs):
        super().__init__(*args, **kwargs)
        inschrijvingen = persoon.inschrijvingen.select_related("groep__methode")
        self.fields["inschrijving"].queryset = inschrijvingen
        self.fields["inschrijving"].empty_label = None
        self.fields["inschrijving"].label_from_instance = lambda i: (
            f"{i.groep} ({i.get_status_display()}, {i.startdatum:%d-%m-%Y})"
        )
        self.fields["aantal"].help_text = _("Bij een hele team: het aantal collega's. Een collega telt als één.")


class ImplementatieleiderForm(forms.ModelForm):
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


class StoppenForm(forms.Form):
    datum = datumveld(_("Actief tot"), initial=datetime.date.today)
    reden = forms.ChoiceField(label=_("Reden van vertrek"), choices=[("", "---------"), *Uitvalreden.choices])
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
