"""Demo data of the core: Wmo-werkplaats Noord, its organisations of 2014-2015 and demo users.

Names of organisations are those of the end report (voorwoord); people are demo accounts, never
real persons. `load_demo` runs this module first, then `trajecten`, `scholing`, `quickscan` and `rapportage`.
"""

from __future__ import annotations

from django.db import transaction

from werkplaats import services
from werkplaats.models import Afdeling, Organisatie, Rol, User, Werkplaats

from . import DEMO_PASSWORD

WERKPLAATS = {
    "naam": "Wmo-werkplaats Noord",
    "hogeschool": "Hanzehogeschool Groningen",
    "lectoraat": "Rehabilitatie",
    "regio": "Groningen en Drenthe",
    "omschrijving": (
        "De Wmo-werkplaats Noord is aangehaakt bij het Lectoraat Rehabilitatie van de Hanzehogeschool. "
        "Het lectoraat en een aantal gemeenten en instellingen werken in de werkplaats samen aan onderzoek, "
        "praktijkontwikkeling en opleiding op het terrein van zorg en welzijn."
    ),
}

# (naam, soort, plaats) in the order of the end report's voorwoord.
ORGANISATIES = [
    ("Gemeente Oldambt", Organisatie.Soort.GEMEENTE, "Oldambt"),
    ("Gemeente Tynaarlo", Organisatie.Soort.GEMEENTE, "Tynaarlo"),
    ("Kopland", Organisatie.Soort.INSTELLING, ""),
    ("Lentis", Organisatie.Soort.INSTELLING, ""),
    ("MEE Groningen", Organisatie.Soort.INSTELLING, "Groningen"),
    ("De Noorderbrug", Organisatie.Soort.INSTELLING, ""),
    ("Noordermaat", Organisatie.Soort.INSTELLING, ""),
    ("NOVO", Organisatie.Soort.INSTELLING, ""),
    ("Het Oude Ambt", Organisatie.Soort.INSTELLING, "Oldambt"),
    ("Promens Care", Organisatie.Soort.INSTELLING, ""),
    ("Timpaan Welzijn", Organisatie.Soort.INSTELLING, ""),
    ("Tinten", Organisatie.Soort.INSTELLING, ""),
    ("Torion", Organisatie.Soort.INSTELLING, "Haren"),
    ("Trias", Organisatie.Soort.INSTELLING, ""),
    ("Werkpro", Organisatie.Soort.INSTELLING, ""),
    ("De Zijlen", Organisatie.Soort.INSTELLING, ""),
    ("CJG de Marne", Organisatie.Soort.CJG, "De Marne"),
    ("CJG Bedum", Organisatie.Soort.CJG, "Bedum"),
    ("CJG Winsum", Organisatie.Soort.CJG, "Winsum"),
    ("CJG Eemsmond", Organisatie.Soort.CJG, "Eemsmond"),
]

AFDELINGEN = {
    "Het Oude Ambt": [("Sociale gebiedsteams", "De quickscan is gedaan voor de sociale gebiedsteams.")],
    "Gemeente Tynaarlo": [("Sociaal team", "Samen met de instellingen die medewerkers leveren voor het sociaal team.")],
}

# (username, first name, last name, role, organisation for a leader)
GEBRUIKERS = [
    ("coordinator", "Demo", "Coördinator", Rol.Soort.COORDINATOR, None),
    ("lectoraat", "Demo", "Lectoraat", Rol.Soort.LECTORAAT, None),
    ("leider.hoa", "Demo", "Implementatieleider", Rol.Soort.IMPLEMENTATIELEIDER, "Het Oude Ambt"),
]
BEHEERDER = "beheerder"
# The national role (aggregated figures of every werkplaats, no personal data), granted as a superuser grants it.
LANDELIJK = ("landelijk", "Demo", "Landelijk")
# Addresses under example.nl (reserved, never delivered): the demo's mails show in `make run`'s terminal.
ADRESSEN = {"coordinator": "coordinator@noord.example.nl", "leider.hoa": "leider@hetoudeambt.example.nl"}
# The accounts page shows every status: an invited leader who has not chosen a password yet, and a deactivated one.
UITGENODIGD = ("Demo", "Uitgenodigd", "implementatieleider@lentis.example.nl", "Lentis")
GEDEACTIVEERD = ("leider.kopland", "Demo", "Oud-implementatieleider", "Kopland")


@transaction.atomic
def laden() -> None:
    """Create the core demo data; running it again changes nothing."""
    werkplaats = Werkplaats.objects.filter(naam=WERKPLAATS["naam"]).first() or services.werkplaats_opslaan(
        werkplaats=Werkplaats(**WERKPLAATS)
    )
    organisaties = {}
    for naam, soort, plaats in ORGANISATIES:
        organisatie = Organisatie.objects.filter(werkplaats=werkplaats, naam=naam).first()
        if organisatie is None:
            organisatie = services.organisatie_opslaan(
                organisatie=Organisatie(werkplaats=werkplaats, naam=naam, soort=soort, plaats=plaats)
            )
        organisaties[naam] = organisatie
    for organisatie_naam, teams in AFDELINGEN.items():
        for naam, omschrijving in teams:
            organisatie = organisaties[organisatie_naam]
            if not Afdeling.objects.filter(organisatie=organisatie, naam=naam).exists():
                services.afdeling_opslaan(
                    afdeling=Afdeling(organisatie=organisatie, naam=naam, omschrijving=omschrijving)
                )

    for username, first_name, last_name, soort, organisatie_naam in GEBRUIKERS:
        user = _demo_user(username, first_name=first_name, last_name=last_name, email=ADRESSEN.get(username, ""))
        organisatie = organisaties[organisatie_naam] if organisatie_naam else None
        services.rol_toekennen(
            user=user, soort=soort, werkplaats=None if organisatie else werkplaats, organisatie=organisatie
        )
    _demo_user(BEHEERDER, first_name="Demo", last_name="Beheerder", is_staff=True, is_superuser=True)
    username, first_name, last_name = LANDELIJK
    services.rol_toekennen(
        user=_demo_user(username, first_name=first_name, last_name=last_name), soort=Rol.Soort.LANDELIJK
    )

    coordinator = User.objects.get(username="coordinator")
    voornaam, achternaam, email, organisatie_naam = UITGENODIGD
    if not User.objects.filter(email__iexact=email).exists():
        services.account_uitnodigen(
            voornaam=voornaam,
            achternaam=achternaam,
            email=email,
            soort=Rol.Soort.IMPLEMENTATIELEIDER,
            werkplaats=werkplaats,
            organisatie=organisaties[organisatie_naam],
            door=coordinator,
        )
    username, first_name, last_name, organisatie_naam = GEDEACTIVEERD
    if not User.objects.filter(username=username).exists():
        oud = _demo_user(username, first_name=first_name, last_name=last_name)
        services.rol_toekennen(
            user=oud, soort=Rol.Soort.IMPLEMENTATIELEIDER, organisatie=organisaties[organisatie_naam], door=coordinator
        )
        services.account_deactiveren(user=oud, door=coordinator)


def bestaande_logins() -> list[tuple[str, str]]:
    """The demo accounts present in the database, with what each may do."""
    users = User.objects.filter(username__in=[g[0] for g in GEBRUIKERS] + [BEHEERDER, LANDELIJK[0]]).prefetch_related(
        "rollen__werkplaats", "rollen__organisatie"
    )
    logins = []
    for user in users:
        rollen = [
            f"{rol.get_soort_display()} van {rol.werkplaats or rol.organisatie}"
            if rol.werkplaats_id or rol.organisatie_id
            else f"{rol.get_soort_display()} (alle werkplaatsen, geen persoonsgegevens)"
            for rol in user.rollen.all()
        ]
        if user.is_superuser:
            rollen.insert(0, "Beheerder (alles, ook /beheer/)")
        logins.append((user.username, "; ".join(rollen)))
    return logins


def _demo_user(username: str, **fields) -> User:
    user, created = User.objects.get_or_create(username=username, defaults=fields)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user
