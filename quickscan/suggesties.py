"""Suggested actions for the action plan, per element and score level, as data, and their loader (issue 16).

The source is Tabel 4.2 of 'Implementeren in het sociale domein' (2016), the guiding questions and checklist of the
Paraplumodel quickscan (`quickscan/instrument.py`), turned into actions a team can put in its plan: what a question
asks about becomes "do it" below the norm, and "check that it works in practice" at the levels between the norm and
full implementation. A few take the chapter's own examples (the intake procedure, buddies and workshops, innovators
and early adopters, sections 4.4 and 4.5). The lectoraat keeps them in the app afterwards (`Suggestie`).

A data migration calls `suggesties_laden` with the historical models; the tests load them in `django_db_setup`.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.apps.registry import Apps

from .instrument import NAAM

ONDER_NORM = "onder_norm"
# Between the norm and full implementation: the element is there, the team makes it work and keeps it.
BOVEN_NORM = (3, 4)

# Per element code: (level, text); a level is ONDER_NORM or a (from, to and including) pair of scores.
SUGGESTIES: dict[str, list[tuple[str | tuple[int, int], str]]] = {
    "missie": [
        (
            ONDER_NORM,
            "Bespreek met het team of de huidige visie/missie van de organisatie Wmo-proof is, en leg vast wat "
            "daarvoor moet veranderen.",
        ),
        (
            ONDER_NORM,
            "Pas de visie/missie aan, zodat burgers, participatie en zelfredzaamheid er uitdrukkelijk in staan.",
        ),
        (
            BOVEN_NORM,
            "Ga na of de nieuwe interventie past in de Wmo-missie/visie van de organisatie, en maak die samenhang in "
            "het team bespreekbaar en zichtbaar.",
        ),
    ],
    "uitgangspunten": [
        (
            ONDER_NORM,
            "Loop de procedures en activiteiten na op de Wmo-uitgangspunten: uitgaan van de eigen kracht van de "
            "burger, het sociaal netwerk en mantelzorgers benutten, vrijwilligers inzetten en zo min mogelijk "
            "professionele hulp.",
        ),
        (
            ONDER_NORM,
            "Spreek af hoe de burger als partner wordt betrokken bij Het Gesprek, het ondersteuningsplan en de "
            "voortgangsbesprekingen.",
        ),
        (
            BOVEN_NORM,
            "Zorg dat de participatiedoelen van de burger centraal staan in ondersteuningsplannen en "
            "voortgangsbesprekingen; bespreek in het team voorbeelden waarin dat (nog) niet lukt.",
        ),
        (
            BOVEN_NORM,
            "Kies het uitgangspunt dat nu het minst wordt gehanteerd en maak er een concrete werkafspraak over.",
        ),
    ],
    "beleid": [
        (
            ONDER_NORM,
            "Neem de doelstellingen en uitgangspunten van de Wmo op in het beleid van de organisatie of het (sociaal) "
            "team.",
        ),
        (
            ONDER_NORM,
            "Leg in het beleid vast hoe de implementatie van de nieuwe interventie wordt gestimuleerd en ondersteund, "
            "met tijd, middelen, ruimte en menskracht.",
        ),
        (
            BOVEN_NORM,
            "Toets of het beleid de implementatie van de nieuwe interventie in de praktijk ook stimuleert en "
            "ondersteunt, en stel het bij waar dat niet zo is.",
        ),
    ],
    "procedures": [
        (
            ONDER_NORM,
            "Pas de procedures aan op de nieuwe interventie of voer nieuwe procedures in, bijvoorbeeld de "
            "aanmeldingsprocedure.",
        ),
        (
            ONDER_NORM,
            "Leg bij melding en oppakken van ondersteuningsvragen concreet vast wie wat, waar, wanneer en hoe doet in "
            "het participatietraject, van aanmelding tot en met de evaluatie van de voortgang.",
        ),
        (
            BOVEN_NORM,
            "Controleer of de Wmo-uitgangspunten te herkennen zijn in de procedures rond kennismaking, Het Gesprek en "
            "het vaststellen van het ondersteuningsplan, en vul de procedures aan waar dat niet zo is.",
        ),
    ],
    "activiteiten": [
        (
            ONDER_NORM,
            "Bepaal met het team welke (nieuwe) activiteiten, zoals interventies, methoden en werkwijzen, nodig zijn "
            "om de missie van de Wmo-praktijk (bijvoorbeeld het sociaal team) te operationaliseren.",
        ),
        (
            ONDER_NORM,
            "Plan hoe de nieuwe activiteiten worden ingevoerd: scholing, supervisie, uitwisselingsbijeenkomsten, "
            "teambijeenkomsten of workshops.",
        ),
        (
            BOVEN_NORM,
            "Verspreid de kennis en ervaring met de nieuwe werkwijze verder in de organisatie, via buddy's, het "
            "teamoverleg en workshops door de geschoolde professionals.",
        ),
    ],
    "verslaglegging": [
        (ONDER_NORM, "Zorg voor een adequaat volgsysteem voor de documentatie van procedures en activiteiten."),
        (
            ONDER_NORM,
            "Pas de verslagleggingsformulieren aan op de nieuwe interventie en spreek af wie ze wanneer invult.",
        ),
        (
            BOVEN_NORM,
            "Ga na of het volgsysteem en de verslagleggingsformulieren in de praktijk worden gebruikt, en stel ze bij "
            "waar ze niet aansluiten bij de werkwijze.",
        ),
    ],
    "netwerk": [
        (ONDER_NORM, "Stel een Sociale Kaart van het gebied of de wijk op, of maak de bestaande bekend in het team."),
        (
            ONDER_NORM,
            "Leg concrete verbindingen met voorzieningen en instellingen uit de Sociale Kaart die van praktisch nut "
            "zijn voor de participatie van burgers.",
        ),
        (
            BOVEN_NORM,
            "Bespreek met de voorzieningen uit het netwerk of zij (al) volgens de visie/missie van de Wmo werken, en "
            "maak afspraken over de samenwerking.",
        ),
    ],
    "organisatiecultuur": [
        (
            ONDER_NORM,
            "Bespreek in het team of de Wmo-uitgangspunten tot uiting komen in de cultuur van de organisatie en het "
            "team, en wat een participatiegerichte attitude van medewerkers vraagt.",
        ),
        (
            ONDER_NORM,
            "Zoek de innovators en early adopters onder het personeel en geef hun ruimte om met de innovatie aan de "
            "slag te gaan; de rest van het team volgt later.",
        ),
        (
            BOVEN_NORM,
            "Neem de Wmo-uitgangspunten op in de regels en procedures en in de opleidingseisen van het personeel.",
        ),
        (BOVEN_NORM, "Betrek burgers op alle niveaus als partners of ervaringsdeskundigen."),
    ],
}


def suggesties_laden(apps: Apps = global_apps) -> None:
    """Create the suggestions of the Paraplumodel instrument (version 1); a second call changes nothing, and an
    instrument that is missing (a database without the quickscan's data) is left alone."""
    Instrument = apps.get_model("quickscan", "Instrument")
    Element = apps.get_model("quickscan", "Element")
    Suggestie = apps.get_model("quickscan", "Suggestie")
    instrument = Instrument.objects.filter(naam=NAAM, versie=1).first()
    if instrument is None or Suggestie.objects.filter(element__instrument=instrument).exists():
        return
    elementen = {e.code: e for e in Element.objects.filter(instrument=instrument)}
    rijen = []
    for code, suggesties in SUGGESTIES.items():
        for volgorde, (niveau, tekst) in enumerate(suggesties, start=1):
            vanaf, tot = niveau if isinstance(niveau, tuple) else (None, None)
            rijen.append(
                Suggestie(
                    element=elementen[code],
                    niveau="scores" if isinstance(niveau, tuple) else "onder_norm",
                    score_vanaf=vanaf,
                    score_tot_en_met=tot,
                    tekst=tekst,
                    volgorde=volgorde,
                )
            )
    Suggestie.objects.bulk_create(rijen)


def suggesties_verwijderen(apps: Apps = global_apps) -> None:
    """Undo `suggesties_laden`: the loaded suggestions go, as long as nobody changed them in the app."""
    Instrument = apps.get_model("quickscan", "Instrument")
    Suggestie = apps.get_model("quickscan", "Suggestie")
    instrument = Instrument.objects.filter(naam=NAAM, versie=1).first()
    if instrument is None:
        return
    geladen = {tekst for suggesties in SUGGESTIES.values() for _niveau, tekst in suggesties}
    Suggestie.objects.filter(element__instrument=instrument, tekst__in=geladen, versie=1).delete()
