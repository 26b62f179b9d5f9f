"""The Paraplumodel quickscan (Tabel 4.2 of 'Implementeren in het sociale domein', 2016) as data, and its loader.

The texts are verbatim (OCR errors of the source mended: "Z0 ja" -> "Zo ja", "geimplementeerd" ->
"geïmplementeerd"). A werkplaats can add a variant as a new instrument without code changes.

Migration 0002 calls `paraplumodel_laden` with the historical models; tests that flush the database call it
with the current ones.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.apps.registry import Apps

NAAM = "Paraplumodel – Wmo 2014"

V, C = "vraag", "checkpunt"

ELEMENTEN = [
    (
        "missie",
        "Missie",
        "Visie",
        "Missie",
        [
            (V, "Is de huidige visie/missie van de organisatie al Wmo-proof?"),
            (V, "Zo nee, pas de visie/missie dan aan. Check of in de missie onder andere zijn opgenomen:"),
            (C, "burgers"),
            (C, "participatie"),
            (C, "zelfredzaamheid"),
            (V, "Zo ja, past de nieuwe interventie in de Wmo-missie/visie van de organisatie?"),
        ],
    ),
    (
        "uitgangspunten",
        "Uitgangspunten",
        "Visie",
        "Uitgangs-punten",
        [
            (V, "Worden de volgende Wmo-uitgangspunten gehanteerd bij de gehanteerde procedures en activiteiten?"),
            (C, "Uitgaan van eigen kracht van de burger"),
            (C, "Benutten van het sociaal netwerk, mantelzorgers"),
            (C, "Inzetten vrijwilligers"),
            (C, "Zo min mogelijk professionele hulp"),
            (C, "Burger als partner betrokken bij Het Gesprek, ondersteuningsplan en voortgangsbesprekingen"),
            (C, "Participatiedoelen van de burger staan centraal"),
        ],
    ),
    (
        "beleid",
        "Beleid",
        "Structuur",
        "Beleid",
        [
            (
                V,
                "Komen de doelstellingen en uitgangspunten van de Wmo terug in het beleid van de organisatie of "
                "het (sociaal) team?",
            ),
            (V, "Stimuleert en ondersteunt het beleid de implementatie van de nieuwe interventie?"),
        ],
    ),
    (
        "procedures",
        "Procedures",
        "Structuur",
        "Procedures",
        [
            (V, "Zijn de procedures aangepast op de nieuwe interventie, zijn er nieuwe procedures ingevoerd?"),
            (V, "In geval van melding en oppakken van ondersteuningsvragen:"),
            (
                C,
                "Is concreet vastgelegd wie wat, waar, wanneer en hoe doet in het participatietraject van "
                "aanmelding tot en met de evaluatie van de voortgang?",
            ),
            (
                C,
                "Zijn in de procedures rond kennismaking, Het Gesprek, vaststellen van ondersteuningsplan, de "
                "bovengenoemde uitgangspunten te herkennen?",
            ),
        ],
    ),
    (
        "activiteiten",
        "Activiteiten",
        "Structuur",
        "Activiteiten",
        [
            (
                V,
                "Welke (nieuwe) activiteiten (interventies, methoden, werkwijzen) zijn nodig om de missie van de "
                "betreffende Wmo-praktijk (bijvoorbeeld een sociaal team) ook te operationaliseren?",
            ),
            (
                V,
                "Hoe worden de nieuwe activiteiten geïmplementeerd? Bijvoorbeeld door scholing, supervisie, "
                "uitwisselingsbijeenkomsten, via teambijeenkomsten, workshops.",
            ),
        ],
    ),
    (
        "verslaglegging",
        "Verslaglegging",
        "Structuur",
        "Verslag-legging",
        [
            (
                V,
                "Zijn voor de documentatie van procedures en activiteiten een adequaat volgsysteem en "
                "verslagleggingformulieren in gebruik?",
            ),
        ],
    ),
    (
        "netwerk",
        "Netwerk van voorzieningen",
        "Omgevingen",
        "Netwerk van organisaties",
        [
            (V, "Bestaat er een Sociale Kaart van het gebied of de wijk?"),
            (
                V,
                "Zijn er concrete aanwijzingen dat er verbindingen zijn met andere voorzieningen of instellingen "
                "uit de Sociale Kaart die van praktisch nut zijn voor de participatie van burgers?",
            ),
            (V, "Werken deze voorzieningen (al) volgens de visie/missie van de Wmo?"),
        ],
    ),
    (
        "organisatiecultuur",
        "Organisatiecultuur",
        "Omgevingen",
        "Organ.-cultuur",
        [
            (
                V,
                "Komen de bij punt 2 genoemde uitgangspunten ook tot uiting in de cultuur van de organisatie en "
                "het team?",
            ),
            (V, "Hebben medewerkers een participatiegerichte attitude?"),
            (V, "Zijn burgers op alle niveaus als partners of ervaringsdeskundigen betrokken?"),
            (V, "Zijn de Wmo-uitgangspunten herkenbaar in regels en procedures en in opleidingseisen van personeel?"),
        ],
    ),
]


def paraplumodel_laden(apps: Apps = global_apps) -> None:
    """Create the instrument with its elements and questions; a second call changes nothing."""
    Instrument = apps.get_model("quickscan", "Instrument")
    Element = apps.get_model("quickscan", "Element")
    Vraag = apps.get_model("quickscan", "Vraag")
    instrument, created = Instrument.objects.get_or_create(
        naam=NAAM,
        versie=1,
        defaults={
            "omschrijving": (
                "De quickscan van het Paraplumodel (Drées, 2012), zoals gebruikt door de Wmo-werkplaats Noord in "
                "2014-2015: met het team bespreken welke van de acht elementen al geheel of gedeeltelijk zijn "
                "uitgewerkt. Iedere drie tot vier maanden opnieuw, om te zien of de acties resultaat hebben."
            ),
            "norm": 3,
            "anker_laag": "het element is niet of nauwelijks ontwikkeld/geïmplementeerd",
            "anker_hoog": "het element is volledig geïmplementeerd",
        },
    )
    if not created:
        return
    for volgorde, (code, naam, groep, label, vragen) in enumerate(ELEMENTEN, start=1):
        element = Element.objects.create(
            instrument=instrument, volgorde=volgorde, code=code, naam=naam, groep=groep, grafieklabel=label
        )
        Vraag.objects.bulk_create(
            Vraag(element=element, volgorde=i, soort=soort, tekst=tekst)
            for i, (soort, tekst) in enumerate(vragen, start=1)
        )


def paraplumodel_verwijderen(apps: Apps = global_apps) -> None:
    """Remove the instrument again, unless rounds used it (they protect it)."""
    Instrument = apps.get_model("quickscan", "Instrument")
    Vraag = apps.get_model("quickscan", "Vraag")
    Element = apps.get_model("quickscan", "Element")
    instrument = Instrument.objects.filter(naam=NAAM, versie=1).first()
    if instrument is None:
        return
    # Rounds that used the instrument protect it (on_delete=PROTECT): nothing entered is lost.
    Vraag.objects.filter(element__instrument=instrument).delete()
    Element.objects.filter(instrument=instrument).delete()
    instrument.delete()
