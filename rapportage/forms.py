import datetime

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from trajecten.models import Traject

from .models import (
    Achterpagina,
    Correctie,
    Disseminatie,
    Eindrapport,
    Implementatiefase,
    Onderwijsmodule,
    Plaatsing,
    Programmaonderdeel,
)


class PeildatumForm(forms.Form):
    peildatum = forms.DateField(
        label=_("Peildatum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("De cijfers zoals ze op deze datum waren."),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.traject = traject

    def clean_peildatum(self) -> datetime.date:
        peildatum = self.cleaned_data["peildatum"] or self.standaard()
        if peildatum < self.traject.startdatum:
            raise forms.ValidationError(
                _("De peildatum ligt vóór de start van het traject (%(start)s).")
                % {"start": self.traject.startdatum.strftime("%d-%m-%Y")}
            )
        return peildatum

    def standaard(self) -> datetime.date:
        """Today, or the end of the trajectory when it is over."""
        return min(datetime.date.today(), self.traject.einddatum)


# The dissemination register and the curriculum placements ------------------------------------------------


class _Bestandsverwijzing:
    """What a file field shows of its stored file: the name, and a login-checked link to it (stored files have no
    public URL; MEDIA_ROOT is not served)."""

    def __init__(self, name: str, url: str) -> None:
        self.name, self.url = name, url

    def __str__(self) -> str:
        return self.name

    def __bool__(self) -> bool:
        return bool(self.name)


class BestandBoundField(forms.BoundField):
    """A file field whose current file links to the view that serves it (`form.bestand_urls[name]`)."""

    def value(self):
        waarde = super().value()
        url = getattr(self.form, "bestand_urls", {}).get(self.name)
        if url and getattr(waarde, "name", None) and getattr(waarde, "_committed", False):
            return _Bestandsverwijzing(waarde.name, url)
        return waarde


def _bestanden_koppelen(form: forms.ModelForm, urls: dict[str, str]) -> None:
    form.bestand_urls = urls  # type: ignore[attr-defined]
    for naam in urls:
        form.fields[naam].bound_field_class = BestandBoundField


def _datum() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DisseminatieForm(forms.ModelForm):
    url = forms.URLField(label=_("link"), max_length=200, required=False, assume_scheme="https")

    class Meta:
        model = Disseminatie
        fields = [
            "soort",
            "titel",
            "auteurs",
            "rubriek",
            "datum",
            "jaar",
            "evenement",
            "plaats",
            "uitgever",
            "boektitel",
            "redactie",
            "url",
            "methoden",
            "status",
            "bijlage",
            "bijlage_bestand",
            "omschrijving",
            "actief",
        ]
        widgets = {
            "auteurs": forms.Textarea(attrs={"rows": 2}),
            "bijlage_bestand": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,application/pdf"}),
            "datum": _datum(),
            "methoden": forms.CheckboxSelectMultiple,
            "omschrijving": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, traject: Traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.traject = traject
        self.fields["methoden"].queryset = traject.methoden_aangeboden.all()
        if self.instance.pk and self.instance.bijlage_bestand:
            url = reverse("rapportage:disseminatie_bestand", kwargs={"pk": self.instance.pk})
            _bestanden_koppelen(self, {"bijlage_bestand": url})


class ProgrammaonderdeelForm(forms.ModelForm):
    class Meta:
        model = Programmaonderdeel
        fields = ["soort", "nummer", "titel", "sprekers", "omschrijving", "actief"]
        widgets = {"sprekers": forms.Textarea(attrs={"rows": 3}), "omschrijving": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, disseminatie: Disseminatie, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.disseminatie = disseminatie

    def clean(self):
        cleaned = super().clean()
        soort, nummer = cleaned.get("soort"), cleaned.get("nummer")
        if soort and nummer:
            andere = Programmaonderdeel.objects.filter(
                disseminatie=self.instance.disseminatie, soort=soort, nummer=nummer
            ).exclude(pk=self.instance.pk)
            if andere.exists():
                self.add_error("nummer", _("Dit programma heeft al een onderdeel van deze soort met dit nummer."))
        return cleaned


class OnderwijsmoduleForm(forms.ModelForm):
    class Meta:
        model = Onderwijsmodule
        fields = ["naam", "methode", "doelgroep", "ontwikkeld_met", "omschrijving", "actief"]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, traject: Traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.traject = traject
        self.fields["methode"].queryset = traject.methoden_aangeboden.all()

    def clean_naam(self):
        naam = self.cleaned_data["naam"]
        andere = Onderwijsmodule.objects.filter(traject=self.instance.traject, naam=naam).exclude(pk=self.instance.pk)
        if andere.exists():
            raise forms.ValidationError(_("Dit traject heeft al een module met deze naam."))
        return naam


class PlaatsingForm(forms.ModelForm):
    class Meta:
        model = Plaatsing
        fields = ["opleiding", "jaar", "vorm", "startjaar", "status", "toelichting", "actief"]
        widgets = {"toelichting": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, module: Onderwijsmodule, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.module = module


class EindrapportForm(forms.ModelForm):
    class Meta:
        model = Eindrapport
        fields = [
            "titel",
            "peildatum",
            "taal",
            "auteurs",
            "plaats_datum",
            "gestopte_organisaties_anoniem",
            "vergelijking_in_bijlage",
            "layout",
            "uitgave",
            "druk",
            "correspondentie",
            "copyright",
        ]
        widgets = {"peildatum": _datum(), "auteurs": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.traject = traject


class TekstForm(forms.Form):
    tekst = forms.CharField(
        label=_("Tekst"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Gewone tekst met eenvoudige opmaak: **vet**, *cursief*, regels die met - beginnen worden een lijst. "
            "Cijfers als plaatshouder, bijvoorbeeld {{ professionals_totaal }}."
        ),
    )
    # The version of the section's text the form was opened with (0: no text of its own yet); werkplaats.lib.versies.
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class CorrectieForm(forms.ModelForm):
    class Meta:
        model = Correctie
        fields = ["sleutel", "waarde", "toelichting"]
        widgets = {"toelichting": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, rapport, berekend: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.rapport = rapport
        from .eindrapport import CIJFERNAMEN

        self.fields["sleutel"] = forms.ChoiceField(
            label=_("Cijfer"),
            choices=[
                (k, _("%(naam)s (berekend: %(waarde)s)") % {"naam": naam, "waarde": berekend.get(k)})
                for k, naam in CIJFERNAMEN.items()
            ],
        )


class AchterpaginaForm(forms.ModelForm):
    class Meta:
        model = Achterpagina
        fields = [
            "financier",
            "contact",
            "logo_1",
            "logo_1_naam",
            "logo_2",
            "logo_2_naam",
            "logo_3",
            "logo_3_naam",
        ]
        widgets = {
            "financier": forms.Textarea(attrs={"rows": 2}),
            "contact": forms.Textarea(attrs={"rows": 5}),
            **{
                f"logo_{n}": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"})
                for n in Achterpagina.LOGOS
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            _bestanden_koppelen(
                self,
                {
                    f"logo_{n}": reverse("rapportage:achterpagina_logo", kwargs={"pk": self.instance.pk, "nummer": n})
                    for n in Achterpagina.LOGOS
                    if getattr(self.instance, f"logo_{n}")
                },
            )


class FasecorrectieForm(forms.Form):
    """A coordinator's implementation phase for an organisation, with the required note."""

    fase = forms.ChoiceField(label=_("Fase"), choices=Implementatiefase.choices, widget=forms.RadioSelect)
    toelichting = forms.CharField(
        label=_("Toelichting"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waarom wijkt de fase af van de afgeleide fase? Wie de organisatie bekijkt, leest dit erbij."),
        error_messages={"required": _("Licht toe waarom u de fase anders ziet dan de afgeleide fase.")},
    )
    # The version of the active override the form was opened with (0: none set); werkplaats.lib.versies.
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
