from django import forms
from django.utils.translation import gettext_lazy as _

from trajecten.models import Methode, Traject
from werkplaats.models import Afdeling, Organisatie

from .models import Actie, Element, QuickscanInstelling, Ronde, Vraag
from .services import GEREEDHEID_VELDEN, RONDE_VELDEN

SCORE_FOUT = _("Kies een score van 1 tot en met 5.")


class RondeForm(forms.ModelForm):
    """The round's own fields: when, who, which team, and the readiness questions."""

    class Meta:
        model = Ronde
        fields = [*RONDE_VELDEN, "methoden"]
        widgets = {
            "datum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "aanwezig": forms.Textarea(attrs={"rows": 2}),
            **{name: forms.Textarea(attrs={"rows": 2}) for name in GEREEDHEID_VELDEN if name != "vernieuwers"},
        }

    def __init__(self, *args, organisatie: Organisatie, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisatie = organisatie
        teams = Afdeling.objects.filter(organisatie=organisatie)
        if self.instance.afdeling_id:
            teams = teams.filter(actief=True) | teams.filter(pk=self.instance.afdeling_id)
        else:
            teams = teams.filter(actief=True)
        self.fields["afdeling"].queryset = teams
        self.fields["afdeling"].empty_label = _("De hele organisatie")
        trajecten = Traject.objects.filter(deelnames__organisatie=organisatie).distinct()
        self.fields["traject"].queryset = trajecten
        self.fields["traject"].empty_label = _("Geen traject")
        self.fields["methoden"].queryset = Methode.objects.filter(deelnames__organisatie=organisatie).distinct()
        self.fields["methoden"].widget = forms.CheckboxSelectMultiple()
        self.fields["methoden"].help_text = _("De methoden die de organisatie in het traject invoert.")
        self.fields["vernieuwers"].widget = forms.RadioSelect(
            choices=[("", _("Niet ingevuld")), *Ronde.Antwoord.choices]
        )


class ElementForm(forms.Form):
    """One element of the round: a score 1-5 (or none), a note and the checklist."""

    score = forms.TypedChoiceField(
        label=_("Score"),
        choices=[("", _("niet gescoord")), *[(i, str(i)) for i in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"invalid_choice": SCORE_FOUT},
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, element: Element, checkpunten: list[Vraag], **kwargs):
        super().__init__(*args, prefix=f"el-{element.code}", **kwargs)
        self.element = element
        self.checkpunten = checkpunten
        for vraag in checkpunten:
            self.fields[f"check_{vraag.pk}"] = forms.ChoiceField(
                label=vraag.tekst,
                choices=[("", "–"), *Ronde.Antwoord.choices],
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                error_messages={"invalid_choice": _("Kies ja, deels, nee of weet niet.")},
            )

    def checklist(self) -> dict[str, str]:
        return {
            str(vraag.pk): self.cleaned_data[f"check_{vraag.pk}"]
            for vraag in self.checkpunten
            if self.cleaned_data.get(f"check_{vraag.pk}")
        }

    def check_fields(self):
        return [self[f"check_{vraag.pk}"] for vraag in self.checkpunten]


class ActieForm(forms.ModelForm):
    class Meta:
        model = Actie
        fields = ["element", "omschrijving", "eigenaar", "deadline", "status", "gereed_op"]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "gereed_op": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, ronde: Ronde, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.ronde = ronde
        self.fields["element"].queryset = ronde.instrument.elementen.all()
        self.fields["element"].empty_label = None


class QuickscanInstellingForm(forms.ModelForm):
    class Meta:
        model = QuickscanInstelling
        fields = ["interval_maanden", "te_laat_na_maanden"]
