"""Forms of the team scoring (quickscan/team.py): the leader's settings and invitations. A member's form and the
meeting's consensus use the round's own `ElementForm` (a score 1-5 or none, and a note) without the checklist."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplaats.models import User

from .forms import ElementForm
from .models import Element, Ronde, Teamscoring
from .team import uit_te_nodigen_gebruikers

ANONIEM_KEUZES = [
    ("ja", _("Anoniem: niemand ziet wie welke score gaf, ook ik niet")),
    ("nee", _("Met namen: alleen de implementatieleiders van de organisatie zien wie welke score gaf")),
]


class TeamscoringForm(forms.Form):
    deadline = forms.DateField(
        label=_("Teamleden scoren tot en met"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Daarna werkt hun link niet meer. Kies een dag vóór het teamoverleg."),
    )
    anoniem = forms.ChoiceField(label=_("Namen"), choices=ANONIEM_KEUZES, widget=forms.RadioSelect, initial="ja")
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, teamscoring: Teamscoring | None = None, **kwargs):
        if teamscoring is not None:
            kwargs.setdefault(
                "initial",
                {
                    "deadline": teamscoring.deadline,
                    "anoniem": "ja" if teamscoring.anoniem else "nee",
                    "versie": teamscoring.versie,
                },
            )
        else:
            kwargs.setdefault("initial", {"deadline": timezone.localdate() + datetime.timedelta(days=7)})
        super().__init__(*args, **kwargs)
        self.teamscoring = teamscoring

    def clean_deadline(self) -> datetime.date:
        deadline = self.cleaned_data["deadline"]
        ongewijzigd = self.teamscoring is not None and deadline == self.teamscoring.deadline
        if deadline < timezone.localdate() and not ongewijzigd:
            raise forms.ValidationError(_("Kies vandaag of een dag in de toekomst."))
        return deadline

    @property
    def is_anoniem(self) -> bool:
        return self.cleaned_data["anoniem"] == "ja"


class UitnodigingForm(forms.Form):
    naam = forms.CharField(
        label=_("Naam"),
        max_length=200,
        required=False,
        help_text=_("Hoe u deze persoon herkent; de mail begint met ‘Beste’ en deze naam."),
    )
    email = forms.EmailField(label=_("E-mailadres"), required=False, help_text=_("Krijgt een persoonlijke link."))
    user = forms.ModelChoiceField(
        label=_("Of een collega met een account"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Geen"),
        help_text=_("Een implementatieleider van deze organisatie scoort na inloggen."),
    )

    def __init__(self, *args, ronde: Ronde, **kwargs):
        super().__init__(*args, prefix="uitnodiging", **kwargs)
        self.fields["user"].queryset = uit_te_nodigen_gebruikers(ronde)
        self.fields["user"].label_from_instance = lambda user: user.get_full_name() or user.username

    def clean(self):
        data = super().clean()
        if bool(data.get("email")) == bool(data.get("user")):
            raise forms.ValidationError(_("Vul een e-mailadres in of kies een collega (niet allebei)."))
        return data


def element_formulier(data, element: Element, initial: dict, *, label: str | None = None) -> ElementForm:
    """The round's element form without its checklist: a score 1-5 or none, and a note."""
    form = ElementForm(data, element=element, checkpunten=[], initial=initial)
    if label:
        form.fields["score"].label = label
    return form
