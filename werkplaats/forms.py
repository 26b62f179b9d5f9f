from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import Afdeling, Organisatie, Rol, Werkplaats


class OrganisatieForm(forms.ModelForm):
    class Meta:
        model = Organisatie
        fields = ["werkplaats", "naam", "soort", "plaats", "actief"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        werkplaatsen = Werkplaats.objects.all()
        if not user.is_superuser:
            werkplaatsen = werkplaatsen.filter(pk__in=user.werkplaats_ids(Rol.Soort.COORDINATOR))
        field = self.fields["werkplaats"]
        field.queryset = werkplaatsen
        if self.instance.pk:
            # Moving an organisation to another werkplaats is a job for the admin.
            field.disabled = True
        elif len(werkplaatsen) == 1:
            field.initial = werkplaatsen[0]
        field.empty_label = None


class AfdelingForm(forms.ModelForm):
    class Meta:
        model = Afdeling
        fields = ["naam", "omschrijving", "actief"]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"actief": _("Zet uit om het team te archiveren; er gaat niets verloren.")}

    def __init__(self, *args, organisatie: Organisatie, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisatie = organisatie


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet. Let op: beide velden zijn "
            "hoofdlettergevoelig."
        ),
        "inactive": _("Dit account is niet actief."),
    }
