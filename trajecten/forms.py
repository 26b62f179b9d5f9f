import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from werkplaats.models import Organisatie, Rol, Werkplaats

from .models import Deelname, Fase, Methode, MethodeAlias, Streefwaarde, Traject


def datum(**attrs) -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


def maand() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


MAAND_FORMATEN = ["%Y-%m", "%Y-%m-%d", "%d-%m-%Y", "%m-%Y"]


# Dates inside a trajectory -----------------------------------------------------------------------------------------
# A record of a 2014-2015 trajectory dated today (2026) silently does not count in its figures. So every date field of
# a record under a trajectory (enrolment, session, buddy, leader, dropout, participation) gets a default inside the
# trajectory's period, and a date outside it is refused next to the field. One rule for scholing's and our forms.


def datum_in_traject(
    traject: Traject,
    *,
    vanaf: datetime.date | None = None,
    einde: bool = False,
    vandaag: datetime.date | None = None,
) -> datetime.date:
    """A date field's default: today when it falls inside the trajectory's period (from `vanaf`, e.g. the enrolment's
    start, if that is later); otherwise the period's start, or for an end (`einde`: dropout, completion, stopping)
    after the trajectory its end."""
    vandaag = vandaag or datetime.date.today()
    begin = max(traject.startdatum, vanaf) if vanaf else traject.startdatum
    if begin <= vandaag <= traject.einddatum:
        return vandaag
    return traject.einddatum if einde and vandaag > traject.einddatum and begin <= traject.einddatum else begin


def buiten_traject(traject: Traject, datum: datetime.date) -> str | None:
    """The message for a date outside the trajectory's period, or None when it lies inside."""
    if traject.startdatum <= datum <= traject.einddatum:
        return None
    return gettext(
        "Deze datum valt buiten het traject %(traject)s (%(start)s tot en met %(eind)s) en telt dan niet mee. "
        "Kies een datum binnen het traject."
    ) % {
        "traject": traject.naam,
        "start": date_format(traject.startdatum, "j-n-Y"),
        "eind": date_format(traject.einddatum, "j-n-Y"),
    }


class TrajectDatumMixin:
    """For a form whose date fields (`traject_datumvelden`) belong to a trajectory: `datums_controleren` in `clean()`
    puts `buiten_traject`'s message next to each field outside its period. The form says which trajectory by
    `traject_voor_datums()` (after cleaning: the chosen group's or leader role's trajectory)."""

    traject_datumvelden: tuple[str, ...] = ()

    def traject_voor_datums(self) -> Traject | None:
        return getattr(self, "traject", None)

    def datums_controleren(self) -> None:
        traject = self.traject_voor_datums()
        if traject is None:
            return
        for naam in self.traject_datumvelden:
            waarde = self.cleaned_data.get(naam)  # type: ignore[attr-defined]
            melding = buiten_traject(traject, waarde) if waarde else None
            if melding:
                self.add_error(naam, melding)  # type: ignore[attr-defined]


class TrajectForm(forms.ModelForm):
    class Meta:
        model = Traject
        fields = [
            "werkplaats",
            "naam",
            "startdatum",
            "einddatum",
            "doel",
            "activiteiten",
            "methoden_aangeboden",
            "methoden",
        ]
        widgets = {
            "startdatum": datum(),
            "einddatum": datum(),
            "doel": forms.Textarea(attrs={"rows": 4}),
            "activiteiten": forms.Textarea(attrs={"rows": 4}),
            "methoden_aangeboden": forms.CheckboxSelectMultiple,
            "methoden": forms.CheckboxSelectMultiple,
        }
        help_texts = {"methoden": _("Een gekozen methode moet ook zijn aangeboden.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        werkplaatsen = Werkplaats.objects.all()
        if not user.is_superuser:
            werkplaatsen = werkplaatsen.filter(pk__in=user.werkplaats_ids(Rol.Soort.COORDINATOR))
        field = self.fields["werkplaats"]
        field.queryset = werkplaatsen
        field.empty_label = None
        if self.instance.pk:
            # Moving a trajectory to another werkplaats is a job for the admin.
            field.disabled = True
        elif len(werkplaatsen) == 1:
            field.initial = werkplaatsen[0]


class FaseForm(forms.ModelForm):
    startmaand = forms.DateField(label=_("startmaand"), input_formats=MAAND_FORMATEN, widget=maand())
    eindmaand = forms.DateField(label=_("eindmaand"), input_formats=MAAND_FORMATEN, widget=maand())

    class Meta:
        model = Fase
        fields = ["nummer", "naam", "theorie", "label", "startmaand", "eindmaand", "maanden_tekst", "omschrijving"]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, traject: Traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.traject = traject

    def clean_nummer(self):
        nummer = self.cleaned_data["nummer"]
        andere = Fase.objects.filter(traject=self.instance.traject, nummer=nummer).exclude(pk=self.instance.pk)
        if andere.exists():
            raise forms.ValidationError(_("Dit traject heeft al een fase met dit nummer."))
        return nummer


class DeelnameForm(TrajectDatumMixin, forms.ModelForm):
    traject_datumvelden = ("vanaf", "gestopt_op")
    bewijs_url = forms.URLField(
        label=_("link naar bewijs"),
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text=_("Bijvoorbeeld een magazine of verslag."),
    )

    class Meta:
        model = Deelname
        fields = [
            "organisatie",
            "methoden",
            "vanaf",
            "later_ingestapt",
            "gestopt_op",
            "reden_stoppen",
            "borging",
            "borging_toelichting",
            "bewijs_url",
        ]
        widgets = {
            "methoden": forms.CheckboxSelectMultiple,
            "vanaf": datum(),
            "gestopt_op": datum(),
            "reden_stoppen": forms.Textarea(attrs={"rows": 2}),
            "borging_toelichting": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, traject: Traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.traject = traject
        self.traject = traject
        organisaties = Organisatie.objects.filter(werkplaats_id=traject.werkplaats_id)
        field = self.fields["organisatie"]
        if self.instance.pk:
            field.queryset = organisaties
            field.disabled = True
        else:
            field.queryset = organisaties.filter(actief=True).exclude(deelnames__traject=traject)
        self.fields["methoden"].queryset = traject.methoden.all()
        self.fields["methoden"].help_text = _("Alleen de methoden die in het traject gekozen zijn.")

    def clean(self):
        cleaned = super().clean()
        self.datums_controleren()
        return cleaned


class StreefwaardeForm(forms.ModelForm):
    class Meta:
        model = Streefwaarde
        fields = ["indicator", "methode", "formulering", "waarde", "toelichting"]
        widgets = {"toelichting": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, traject: Traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.traject = traject
        self.fields["methode"].queryset = traject.methoden.all()
        self.fields["methode"].empty_label = _("Het hele traject")

    def clean(self):
        cleaned = super().clean()
        indicator, methode = cleaned.get("indicator"), cleaned.get("methode")
        if indicator:
            andere = Streefwaarde.objects.filter(
                traject=self.instance.traject, indicator=indicator, methode=methode
            ).exclude(pk=self.instance.pk)
            if andere.exists():
                self.add_error(
                    "methode" if methode else "indicator",
                    _("Voor deze indicator en methode is al een streefwaarde vastgelegd."),
                )
        return cleaned


class MethodeForm(forms.ModelForm):
    databank_url = forms.URLField(label=_("link naar databank"), max_length=200, required=False, assume_scheme="https")

    class Meta:
        model = Methode
        fields = ["naam", "korte_naam", "omschrijving", "kenmerken", "databank_url"]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
            "kenmerken": forms.Textarea(attrs={"rows": 6}),
        }


class AliasFormSetBasis(forms.BaseInlineFormSet):
    """One name per context, in the catalogue and in each werkplaats (the constraints are conditional, so the
    formset's own uniqueness check does not see them)."""

    def clean(self):
        super().clean()
        gezien = set()
        for form in self.forms:
            context = form.cleaned_data.get("context") if form.cleaned_data else None
            if context:
                if context in gezien:
                    raise forms.ValidationError(_("Corrigeer de dubbele gegevens voor context: één naam per context."))
                gezien.add(context)


AliasFormSet = forms.inlineformset_factory(
    Methode, MethodeAlias, formset=AliasFormSetBasis, fields=["naam", "context"], extra=2, can_delete=False
)


def alias_formset(data, *, methode: Methode, werkplaats=None, prefix: str = "aliassen"):
    """The names of a method in its contexts: the catalogue's (`werkplaats` None) or one werkplaats's own."""
    formset = AliasFormSet(
        data,
        instance=methode,
        prefix=prefix,
        queryset=MethodeAlias.objects.filter(werkplaats=werkplaats) if methode.pk else MethodeAlias.objects.none(),
    )
    for form in formset.forms:  # validated with the werkplaats it is saved with (the unique constraints use it)
        form.instance.werkplaats = werkplaats
    return formset
