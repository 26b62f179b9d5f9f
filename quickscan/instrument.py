"""The Paraplumodel quickscan (Tabel 4.2 of 'Implementeren in het sociale domein', 2016) as data, and its loader.

The texts are verbatim (OCR errors of the source mended: "Z0 ja" -> "Zo ja", "geimplementeerd" ->
"geïmplementeerd"). A werkplaats can add a variant as a new instrument without code changes.

Migration 0002 calls `paraplumodel_laden` with the historical models; tests that flush the database call it
with the current ones.

`ENGELS` is an English version of the same texts, written for the English interface (and an English end report):
a faithful rendering, not a validated translation of the instrument; names stay as they are (Wmo, Het Gesprek,
Sociale Kaart). `paraplumodel_vertaling_laden` fills the `*_en` fields from it; an empty one shows the Dutch.
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


# The English of the instrument's texts, per element code: (name, group, chart label, [its questions in order]).
ENGELS: dict[str, tuple[str, str, str, list[str]]] = {
    "missie": (
        "Mission",
        "Vision",
        "Mission",
        [
            "Is the organisation's current vision/mission already Wmo-proof?",
            "If not, adapt the vision/mission. Check whether the mission includes, among other things:",
            "citizens",
            "participation",
            "self-reliance",
            "If so, does the new intervention fit the organisation's Wmo mission/vision?",
        ],
    ),
    "uitgangspunten": (
        "Principles",
        "Vision",
        "Principles",
        [
            "Are the following Wmo principles applied in the procedures and activities in use?",
            "Building on the citizen's own strengths",
            "Using the social network, informal carers",
            "Deploying volunteers",
            "As little professional help as possible",
            "The citizen involved as a partner in Het Gesprek (the conversation), the support plan and progress "
            "reviews",
            "The citizen's participation goals are central",
        ],
    ),
    "beleid": (
        "Policy",
        "Structure",
        "Policy",
        [
            "Are the aims and principles of the Wmo reflected in the policy of the organisation or the (social) team?",
            "Does the policy encourage and support the implementation of the new intervention?",
        ],
    ),
    "procedures": (
        "Procedures",
        "Structure",
        "Procedures",
        [
            "Have the procedures been adapted to the new intervention; have new procedures been introduced?",
            "When requests for support are reported and taken up:",
            "Is it laid down concretely who does what, where, when and how in the participation process, from "
            "registration up to and including the evaluation of progress?",
            "Can the principles above be recognised in the procedures for getting acquainted, Het Gesprek (the "
            "conversation) and agreeing the support plan?",
        ],
    ),
    "activiteiten": (
        "Activities",
        "Structure",
        "Activities",
        [
            "Which (new) activities (interventions, methods, ways of working) are needed to put the mission of the Wmo "
            "practice concerned (for example a social team) into practice?",
            "How are the new activities implemented? For example through training, supervision, exchange meetings, "
            "team meetings, workshops.",
        ],
    ),
    "verslaglegging": (
        "Record keeping",
        "Structure",
        "Record keeping",
        ["Are an adequate tracking system and reporting forms in use to document procedures and activities?"],
    ),
    "netwerk": (
        "Network of services",
        "Environments",
        "Network of organisations",
        [
            "Is there a Sociale Kaart (a map of the local services) of the area or neighbourhood?",
            "Are there concrete signs of links with other services or institutions of the Sociale Kaart that are of "
            "practical use for the participation of citizens?",
            "Do these services (already) work according to the vision/mission of the Wmo?",
        ],
    ),
    "organisatiecultuur": (
        "Organisational culture",
        "Environments",
        "Organisational culture",
        [
            "Are the principles named under point 2 also expressed in the culture of the organisation and the team?",
            "Do staff have an attitude aimed at participation?",
            "Are citizens involved at every level as partners or experts by experience?",
            "Are the Wmo principles recognisable in rules and procedures and in the training requirements for staff?",
        ],
    ),
}
ANKERS_ENGELS = ("the element has not been developed/implemented, or hardly at all", "the element is fully implemented")


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
    if any(veld.name == "naam_en" for veld in Element._meta.get_fields()):  # not yet in migration 0002's models
        paraplumodel_vertaling_laden(apps)


def paraplumodel_vertaling_laden(apps: Apps = global_apps) -> None:
    """Fill the instrument's English fields from `ENGELS` where they are empty (a second call changes nothing, and an
    English text changed since is kept). For the data migration that follows the fields' migration."""
    Instrument = apps.get_model("quickscan", "Instrument")
    Element = apps.get_model("quickscan", "Element")
    Vraag = apps.get_model("quickscan", "Vraag")
    instrument = Instrument.objects.filter(naam=NAAM, versie=1).first()
    if instrument is None:
        return
    if not instrument.anker_laag_en and not instrument.anker_hoog_en:
        instrument.anker_laag_en, instrument.anker_hoog_en = ANKERS_ENGELS
        instrument.save(update_fields=["anker_laag_en", "anker_hoog_en"])
    for element in Element.objects.filter(instrument=instrument, code__in=ENGELS):
        naam, groep, label, vragen = ENGELS[element.code]
        if not element.naam_en:
            element.naam_en, element.groep_en, element.grafieklabel_en = naam, groep, label
            element.save(update_fields=["naam_en", "groep_en", "grafieklabel_en"])
        for vraag in Vraag.objects.filter(element=element, tekst_en="", volgorde__lte=len(vragen)):
            vraag.tekst_en = vragen[vraag.volgorde - 1]
            vraag.save(update_fields=["tekst_en"])


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
