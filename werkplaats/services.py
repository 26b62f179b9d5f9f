"""Writes of the core. Views, the admin, the demo data and tests all go through these functions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Accountwijziging, Afdeling, Mailbericht, Organisatie, Rol, User, Werkplaats


@transaction.atomic
def werkplaats_opslaan(*, werkplaats: Werkplaats) -> Werkplaats:
    werkplaats.full_clean()
    werkplaats.save()
    return werkplaats


@transaction.atomic
def organisatie_opslaan(*, organisatie: Organisatie) -> Organisatie:
    """Create or change an organisation; its name is unique within its werkplaats (a database constraint)."""
    organisatie.full_clean()
    organisatie.save()
    return organisatie


@transaction.atomic
def afdeling_opslaan(*, afdeling: Afdeling) -> Afdeling:
    """Create or change a team. A team stays with its organisation: its quickscan rounds belong to both."""
    if afdeling.pk:
        vorige = Afdeling.objects.filter(pk=afdeling.pk).values_list("organisatie_id", flat=True).first()
        if vorige is not None and vorige != afdeling.organisatie_id:
            raise ValidationError({"organisatie": _("Een team blijft bij zijn organisatie.")})
    afdeling.full_clean()
    afdeling.save()
    return afdeling


@transaction.atomic
def rol_toekennen(
    *,
    user: User,
    soort: str,
    werkplaats: Werkplaats | None = None,
    organisatie: Organisatie | None = None,
    door: User | None = None,
) -> Rol:
    """Give a user a role; giving the same role twice changes nothing. The grant is kept in the account's history."""
    rol = Rol.objects.filter(user=user, soort=soort, werkplaats=werkplaats, organisatie=organisatie).first()
    if rol is None:
        rol = Rol(user=user, soort=soort, werkplaats=werkplaats, organisatie=organisatie)
        rol.full_clean()
        rol.save()
        _wijziging(user, Accountwijziging.Actie.ROL_TOEGEKEND, door, rol=rol)
    return rol


@transaction.atomic
def rol_intrekken(*, rol: Rol, door: User | None = None) -> None:
    """Take a role away. A role is a grant, not a record someone entered, so it is removed; the account's history
    (`Accountwijziging`) keeps who had it, until when, and who took it away."""
    if Rol.objects.filter(pk=rol.pk).delete()[0]:
        _wijziging(rol.user, Accountwijziging.Actie.ROL_INGETROKKEN, door, rol=rol)


def _wijziging(account: User, actie: str, door: User | None, *, rol: Rol | None = None) -> Accountwijziging:
    wijziging = Accountwijziging(
        account=account,
        actie=actie,
        door=door if door is not None and door.pk else None,
        soort=rol.soort if rol else "",
        werkplaats_id=rol.werkplaats_id if rol else None,
        organisatie_id=rol.organisatie_id if rol else None,
    )
    wijziging.full_clean()
    wijziging.save()
    return wijziging


# Accounts, kept by the coordinator of a werkplaats ------------------------------------------------------------


def _geen_regeleinde(waarde: str, veld: str) -> None:
    if "\n" in waarde or "\r" in waarde:
        raise ValidationError({veld: _("Een naam past op één regel.")})


def _rol_in_werkplaats(
    soort: str, werkplaats: Werkplaats, organisatie: Organisatie | None
) -> tuple[Werkplaats | None, Organisatie | None]:
    if soort == Rol.Soort.LANDELIJK:
        raise ValidationError(
            {"soort": _("De landelijke rol hoort bij geen werkplaats; alleen een beheerder kent hem toe.")}
        )
    if soort == Rol.Soort.IMPLEMENTATIELEIDER:
        if organisatie is None:
            raise ValidationError({"organisatie": _("Kies de organisatie van de implementatieleider.")})
        if organisatie.werkplaats_id != werkplaats.pk:
            raise ValidationError({"organisatie": _("Deze organisatie hoort niet bij deze werkplaats.")})
        return None, organisatie
    return werkplaats, None


@transaction.atomic
def account_uitnodigen(
    *,
    voornaam: str,
    achternaam: str,
    email: str,
    soort: str,
    werkplaats: Werkplaats,
    organisatie: Organisatie | None = None,
    door: User | None = None,
) -> User:
    """Create the account of a person with one role, without a usable password, and mail them the one-time link to
    choose one. The e-mail address is the login name; an address that already has an account is refused."""
    email = email.strip()
    _geen_regeleinde(voornaam, "voornaam")
    _geen_regeleinde(achternaam, "achternaam")
    if User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists():
        raise ValidationError({"email": _("Er is al een account met dit e-mailadres.")})
    rol_werkplaats, rol_organisatie = _rol_in_werkplaats(soort, werkplaats, organisatie)
    user = User(
        username=email.lower(),
        email=email,
        first_name=voornaam.strip(),
        last_name=achternaam.strip(),
        uitgenodigd_op=timezone.now(),
        uitgenodigd_door=door if door is not None and door.pk else None,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    _wijziging(user, Accountwijziging.Actie.UITGENODIGD, door)
    rol_toekennen(user=user, soort=soort, werkplaats=rol_werkplaats, organisatie=rol_organisatie, door=door)
    _uitnodiging_versturen(user, werkplaats)
    return user


def _uitnodiging_versturen(user: User, werkplaats: Werkplaats) -> None:
    from . import mail

    mail.mail_klaarzetten(
        soort=Mailbericht.Soort.UITNODIGING,
        ontvanger=user,
        werkplaats=werkplaats,
        sleutel=f"uitnodiging:{user.pk}:{timezone.now().isoformat()}",
    )


@transaction.atomic
def account_opnieuw_uitnodigen(*, user: User, werkplaats: Werkplaats, door: User | None = None) -> User:
    """Send the invitation again (with a fresh link), for a person who has not yet chosen a password."""
    if user.status != User.Status.UITGENODIGD:
        raise ValidationError(
            _("Dit account is al in gebruik of gedeactiveerd; een actief account vraagt zelf een nieuw wachtwoord aan.")
        )
    if not user.email:
        raise ValidationError(_("Dit account heeft geen e-mailadres."))
    User.objects.filter(pk=user.pk).update(uitgenodigd_op=timezone.now())
    _wijziging(user, Accountwijziging.Actie.UITGENODIGD, door)
    _uitnodiging_versturen(user, werkplaats)
    user.refresh_from_db()
    return user


def _niet_zichzelf(user: User, door: User | None) -> None:
    if door is not None and door.pk == user.pk:
        raise ValidationError(_("U kunt uw eigen account niet deactiveren."))


@transaction.atomic
def account_deactiveren(*, user: User, door: User | None = None) -> User:
    """A deactivated person cannot log in; their account, roles and history stay."""
    _niet_zichzelf(user, door)
    if User.objects.filter(pk=user.pk, is_active=True).update(is_active=False):
        _wijziging(user, Accountwijziging.Actie.GEDEACTIVEERD, door)
    user.refresh_from_db()
    return user


@transaction.atomic
def account_activeren(*, user: User, door: User | None = None) -> User:
    if User.objects.filter(pk=user.pk, is_active=False).update(is_active=True):
        _wijziging(user, Accountwijziging.Actie.GEACTIVEERD, door)
    user.refresh_from_db()
    return user


@transaction.atomic
def account_rol_toevoegen(
    *, user: User, soort: str, werkplaats: Werkplaats, organisatie: Organisatie | None = None, door: User | None = None
) -> Rol:
    """A coordinator gives a person of their werkplaats another role there."""
    rol_werkplaats, rol_organisatie = _rol_in_werkplaats(soort, werkplaats, organisatie)
    return rol_toekennen(user=user, soort=soort, werkplaats=rol_werkplaats, organisatie=rol_organisatie, door=door)


@transaction.atomic
def account_rol_intrekken(*, rol: Rol, door: User | None = None) -> None:
    """A coordinator takes a role away. The last role of a person in the werkplaats stays: deactivate the account
    instead, so that it keeps its place on the werkplaats's list."""
    werkplaats_id = rol.werkplaats_id or (rol.organisatie.werkplaats_id if rol.organisatie else None)
    andere = (
        Rol.objects.filter(user_id=rol.user_id)
        .filter(Q(werkplaats_id=werkplaats_id) | Q(organisatie__werkplaats_id=werkplaats_id))
        .exclude(pk=rol.pk)
    )
    if not andere.exists():
        raise ValidationError(
            _(
                "Dit is de laatste rol van deze persoon in de werkplaats. "
                "Geef eerst een andere rol, of deactiveer het account."
            )
        )
    rol_intrekken(rol=rol, door=door)


@transaction.atomic
def account_instellingen_opslaan(*, user: User, wekelijks_overzicht: bool) -> User:
    """A person's own settings: whether they get the weekly digest."""
    User.objects.filter(pk=user.pk).update(wekelijks_overzicht=wekelijks_overzicht)
    user.wekelijks_overzicht = wekelijks_overzicht
    return user
