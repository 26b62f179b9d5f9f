import datetime

from django import forms
from django.utils.translation import gettext_lazy as _


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
