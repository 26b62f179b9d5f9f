from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from trajecten.models import Methode, Traject
from werkplaats.models import Afdeling, Organisatie

from .doelen import DoelStatus, doel_status, standaard_doel
from .models import (
    SCORE_MAX,
    SCORE_MIN,
    Actie,
    Element,
    Instrument,
    QuickscanInstelling,
    Ronde,
    Score,
    Suggestie,
    Vraag,
)
from .services import GEREEDHEID_VELDEN, RONDE_VELDEN

SCORE_FOUT = _("Kies een score van 1 tot en met 5.")
DOEL_FOUT = _("Kies een doel van 1 tot en met 5.")
SUGGESTIE_LENGTE = 2000


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
                label=vraag.tekst_in_taal,
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


class DoelenForm(forms.Form):
    """The team's target per element for the next round, set when the round is submitted (issue 16).

    One choice per element (field `doel-<code>`), starting from the stored target or the default
    (`doelen.standaard_doel`: the norm, or the current score when higher); empty is no target.
    """

    def __init__(self, *args, scores: list[Score], norm: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.scores = scores
        for score in scores:
            self.fields[self.veldnaam(score.element)] = forms.TypedChoiceField(
                label=_("Doel voor %(element)s") % {"element": score.element.naam_in_taal},
                choices=[("", _("geen doel")), *[(i, str(i)) for i in range(SCORE_MIN, SCORE_MAX + 1)]],
                coerce=int,
                empty_value=None,
                required=False,
                initial=score.doel if score.doel is not None else standaard_doel(score.score, norm),
                widget=forms.Select(
                    attrs={"class": "form-select form-select-sm w-auto", "aria-describedby": "doelen-uitleg"}
                ),
                error_messages={"invalid_choice": DOEL_FOUT},
            )

    @staticmethod
    def veldnaam(element: Element) -> str:
        return f"doel-{element.code}"

    def doelen(self) -> dict[int, int | None]:
        """The targets per element id, for `services.ronde_afronden`; an element whose field was not sent at all
        is left out, so that it gets the default (an empty choice is "no target")."""
        return {
            score.element_id: self.cleaned_data[self.veldnaam(score.element)]
            for score in self.scores
            if self.veldnaam(score.element) in self.data
        }

    def rijen(self, vorige_doelen: dict[str, int]) -> list[tuple[Score, forms.BoundField, int | None, str]]:
        """Per element: its score, the target field, and the previous round's target with whether it was reached."""
        rijen = []
        for score in self.scores:
            vorig = vorige_doelen.get(score.element.code)
            status = doel_status(score.score, vorig)
            rijen.append(
                (score, self[self.veldnaam(score.element)], vorig, str(DoelStatus.LABELS[status]) if status else "")
            )
        return rijen

    def fouten_verdelen(self, error: ValidationError) -> list[str]:
        """Put a service's errors per element code on that element's field; return the messages for the page."""
        if not hasattr(error, "error_dict"):
            return list(error.messages)
        codes = {score.element.code: score.element for score in self.scores}
        for code, berichten in error.message_dict.items():
            if code in codes:
                for bericht in berichten:
                    self.add_error(self.veldnaam(codes[code]), bericht)
        return [str(_("De ronde is niet afgerond: verbeter de gemarkeerde doelen."))]


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


class SuggestieForm(forms.ModelForm):
    """A suggestion for the action plan, on an element of one instrument version (the lectoraat's pages)."""

    class Meta:
        model = Suggestie
        fields = ["element", "niveau", "score_vanaf", "score_tot_en_met", "tekst", "volgorde", "gearchiveerd"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 3}), "niveau": forms.RadioSelect}

    def __init__(self, *args, instrument: Instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["element"].queryset = instrument.elementen.all()
        self.fields["element"].empty_label = None
        self.fields["tekst"].validators.append(MaxLengthValidator(SUGGESTIE_LENGTE))
        self.fields["tekst"].widget.attrs["maxlength"] = SUGGESTIE_LENGTE
        for naam in ("score_vanaf", "score_tot_en_met"):
            self.fields[naam].help_text = _("Alleen bij ‘bij bepaalde scores’.")
