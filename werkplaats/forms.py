from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Afdeling, Mailbericht, Organisatie, Rol, User, Werkplaats


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

    def get_invalid_login_error(self):
        # django-axes refused the attempt (this username or address is locked): say so, not "wrong password".
        if getattr(self.request, "axes_locked_out", False):
            from .vergrendeling import vergrendeld_bericht

            return forms.ValidationError(vergrendeld_bericht(), code="vergrendeld")
        return super().get_invalid_login_error()


class TweestapsCodeForm(forms.Form):
    """The second step: a code of the authenticator app, or one of the backup codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("De zes cijfers uit uw authenticator-app, of een van uw noodcodes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


class TweestapsInstellenForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit de app"),
        max_length=12,
        help_text=_("De zes cijfers die de app nu toont voor Werkplaats."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _op_een_regel(waarde: str) -> None:
    if "\n" in waarde or "\r" in waarde:
        raise forms.ValidationError(_("Een naam past op één regel."), code="regeleinde")


class RolKeuzeForm(forms.Form):
    """A role in one werkplaats: coordinator, lectoraat, or implementation leader of one of its organisations."""

    # The national role belongs to no werkplaats: only a superuser grants it (the admin's user page).
    soort = forms.ChoiceField(
        label=_("Rol"),
        choices=[(code, label) for code, label in Rol.Soort.choices if code != Rol.Soort.LANDELIJK],
        initial=Rol.Soort.IMPLEMENTATIELEIDER,
    )
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisatie.objects.none(),
        required=False,
        help_text=_("Alleen voor een implementatieleider."),
    )

    def __init__(self, *args, werkplaats: Werkplaats, **kwargs):
        super().__init__(*args, **kwargs)
        self.werkplaats = werkplaats
        self.fields["organisatie"].queryset = Organisatie.objects.filter(werkplaats=werkplaats, actief=True)

    def clean(self):
        cleaned_data = super().clean()
        soort, organisatie = cleaned_data.get("soort"), cleaned_data.get("organisatie")
        if soort == Rol.Soort.IMPLEMENTATIELEIDER and organisatie is None and "organisatie" not in self.errors:
            self.add_error("organisatie", _("Kies de organisatie van de implementatieleider."))
        if soort != Rol.Soort.IMPLEMENTATIELEIDER:
            cleaned_data["organisatie"] = None
        return cleaned_data


class UitnodigingForm(RolKeuzeForm):
    voornaam = forms.CharField(label=_("Voornaam"), max_length=150, validators=[_op_een_regel], strip=False)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=150, validators=[_op_een_regel], strip=False)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254, help_text=_("Hiermee logt de persoon ook in."))

    field_order = ["voornaam", "achternaam", "email", "soort", "organisatie"]

    def clean_email(self):
        email = self.cleaned_data["email"]
        if User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists():
            raise forms.ValidationError(_("Er is al een account met dit e-mailadres."), code="dubbel")
        return email


class AccountInstellingenForm(forms.Form):
    wekelijks_overzicht = forms.BooleanField(
        label=_("Stuur mij het wekelijkse overzicht van de quickscans"),
        required=False,
        help_text=_(
            "Voor coördinatoren: welke organisaties aan de beurt of te laat zijn, en welke rondes zijn ingediend."
        ),
    )


class WachtwoordHerstelForm(PasswordResetForm):
    """Django's reset form, sending through the app's mail service (`werkplaats.mail`). It never tells whether the
    address has an account; an invited person who lost the invitation may use it too."""

    def get_users(self, email):
        return User._default_manager.filter(email__iexact=email, is_active=True).exclude(email="")

    def save(self, **kwargs):
        from . import mail
        from .accounts import werkplaats_van

        for user in self.get_users(self.cleaned_data["email"]):
            mail.mail_klaarzetten(
                soort=Mailbericht.Soort.WACHTWOORD,
                ontvanger=user,
                werkplaats=werkplaats_van(user),
                sleutel=f"wachtwoord:{user.pk}:{timezone.now().isoformat()}",
            )
