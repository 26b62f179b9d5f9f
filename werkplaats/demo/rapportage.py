"""Demo data of the dissemination register and the curriculum placements of the trajectory 2014-2015.

Everything is taken from the end report (*Eindrapport Implementatie 2014-2015*): section 4.1 items 7-9 and
Bijlagen 1-4. The authors and speakers are public (published, on the printed programme) and spelled as
printed. `load_demo` runs this last; when the register already has items, it changes nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from rapportage import services
from rapportage.models import Correctie, Disseminatie, Eindrapport, Onderwijsmodule, Plaatsing, Programmaonderdeel
from trajecten.models import Methode, Traject

from . import trajecten as traject_demo

S = Disseminatie.Soort
B = Disseminatie.Bijlage
GESPREK, IRB, TSHAPED = traject_demo.GESPREK, traject_demo.IRB, traject_demo.TSHAPED
WERKEN_IN_DE_WIJK = {
    "boektitel": "Werken in de Wijk",
    "redactie": "Jean Pierre Wilken en Anne-Marie van Bergen (red.)",
    "plaats": "Amsterdam",
    "uitgever": "SWP",
    "jaar": 2016,
    "status": Disseminatie.Status.VERSCHIJNT,
    "omschrijving": "Verschijnt eind april 2016.",
}

# Bijlage 1 Publicaties, in the order of the report: (soort, titel, methoden, other fields)
PUBLICATIES = [
    (
        S.PUBLICATIE,
        "Het Gesprek. Train-de-trainer",
        [GESPREK],
        {
            "rubriek": "Het Gesprek",
            "auteurs": "Kroes, J., Kuik, S. (Hanzehogeschool Groningen); Gademan, M., Witte, P. (Hogeschool Utrecht); "
            "Boss, E., Verschelling, M. (Movisie)",
            "uitgever": "Movisie",
            "plaats": "Utrecht",
            "jaar": 2014,
            "omschrijving": "Deze nieuwe Train-de-trainer biedt in vier modules materiaal voor de gespreksvoerder om "
            "op een goede manier 'het Gesprek' met kwetsbare burgers te kunnen voeren. Jolanda Kroes en Suzanne Kuik "
            "van de Wmo-werkplaats Noord hebben een bijdrage geleverd aan de totstandkoming van de module.",
        },
    ),
    (
        S.MAGAZINE,
        "Alles wat je aandacht geeft groeit",
        [],
        {
            "rubriek": "Timpaan Welzijn & Wmo-werkplaats Noord",
            "auteurs": "Timpaan Welzijn & Wmo-werkplaats Noord",
            "datum": datetime.date(2014, 10, 1),
            "url": "http://www.timpaanwelzijn.nl/magazine",
            "omschrijving": "Magazine, oktober 2014.",
        },
    ),
    (
        S.SCHOLINGSMODULE,
        "Het Gesprek in 2015",
        [GESPREK],
        {"rubriek": "Scholingsmodulen", "auteurs": "Samen met Hogeschool Utrecht en Movisie", "jaar": 2015},
    ),
    (
        S.SCHOLINGSMODULE,
        "Rehabilitatie in de wijk",
        [IRB],
        {"rubriek": "Scholingsmodulen", "auteurs": "Samen met St. Rehabilitatie '92 te Utrecht"},
    ),
    (S.SCHOLINGSMODULE, "T-shaped samenwerking", [TSHAPED], {"rubriek": "Scholingsmodulen"}),
    (S.POSTER, "Poster Wmo-werkplaats Noord", [], {"rubriek": "Poster", "omschrijving": "Zie bijlage 3."}),
    (
        S.NIEUWSBRIEF,
        "Nieuwsbrief januari 2016",
        [],
        {"rubriek": "Nieuwsbrief", "datum": datetime.date(2016, 1, 1), "url": "http://www.wmowerkplaatsnoord.nl"},
    ),
    (
        S.HOOFDSTUK,
        "Wmo-werkplaats Noord: implementatie van drie methoden",
        [GESPREK, IRB, TSHAPED],
        {
            "rubriek": "Hoofdstukken",
            "auteurs": "Lies Korevaar & Ferry Wester",
            "jaar": 2016,
            "boektitel": "Implementeren in het sociale domein. Hoe breng je vernieuwing met succes in de praktijk?",
            "redactie": "Nada de Groot & Renske van der Zwet (red.)",
            "plaats": "Utrecht",
            "uitgever": "Movisie",
        },
    ),
    (
        S.HOOFDSTUK,
        "Interdisciplinaire samenwerking in de wijk: de T-shaped professional",
        [TSHAPED],
        {"rubriek": "Hoofdstukken", "auteurs": "Lies Korevaar, Jolanda Kroes & Suzanne Kuik", **WERKEN_IN_DE_WIJK},
    ),
    (
        S.HOOFDSTUK,
        "Het gesprek. Train-de-trainer.",
        [GESPREK],
        {
            "rubriek": "Hoofdstukken",
            "auteurs": "Kroes, J., Kuik, S., Gademan, M., Witte, P., Boss, E., Verschelling, M.",
            "jaar": 2014,
            "plaats": "Utrecht",
            "uitgever": "Movisie",
        },
    ),
    (
        S.HOOFDSTUK,
        "Rehabilitatie in de wijk",
        [IRB],
        {"rubriek": "Hoofdstukken", "auteurs": "Zijlstra, Annemarie & Lies Korevaar", **WERKEN_IN_DE_WIJK},
    ),
    (S.WEBSITE, "www.wmowerkplaatsnoord.nl", [], {"rubriek": "Website", "url": "http://www.wmowerkplaatsnoord.nl"}),
]

AFSLUITENDE_CONFERENTIE = "De praktijk van de Wmo in de regio. Afsluitende conferentie"

# Bijlage 2 Conferenties: (soort, titel, fields, [(soort, nummer, titel, sprekers, omschrijving)])
P = Programmaonderdeel.Soort
CONFERENTIES = [
    (
        S.CONFERENTIE,
        "Startbijeenkomst Implementatie WMO Werkplaats Noord",
        {"rubriek": "Conferenties", "plaats": "Groningen", "datum": datetime.date(2014, 2, 4)},
        [],
    ),
    (
        S.CONFERENTIE,
        AFSLUITENDE_CONFERENTIE,
        {"rubriek": "Conferenties", "datum": datetime.date(2015, 12, 3)},
        [
            (P.DAGVOORZITTER, 1, "", "Michele Garnier, dean Sociale Studies", ""),
            (
                P.PLENAIR,
                1,
                "Terugblik en vooruitblik: van Wmo-werkplaats naar Werkplaats Sociaal Domein",
                "Lies Korevaar, lector Rehabilitatie",
                "kijkt terug op drie jaar Wmo-werkplaats en vooruit naar de Werkplaats Sociaal Domein",
            ),
            (
                P.PLENAIR,
                2,
                "Het sociaal domein: wat speelt er in een gemeente",
                "Wethouder Bart Boon van de gemeente Oldambt",
                "geeft zijn visie op het sociaal domein in de komende jaren, de aanpak van de gemeente Oldambt en de "
                "belangrijke kennisthema's die op de agenda staan",
            ),
            (
                P.PLENAIR,
                3,
                "De WIJ-aanpak in de gemeente Groningen",
                "Henriëtte van Essen, projectleider Scholing en Opleiding WIJ-Groningen",
                "vertelt over de WIJ-aanpak in de gemeente Groningen",
            ),
            (
                P.PLENAIR,
                4,
                "Kennisagenda: wat zijn belangrijke thema's in de komende jaren?",
                "Bart Boon, Henriëtte van Essen en Lies Korevaar",
                "Wat zal ons vooral bezig houden in het sociale domein? Bart Boon, Henriëtte van Essen en Lies "
                "Korevaar geven hun visie op wat zij de komende jaren belangrijke thema's vindend en reageren op "
                "vragen uit de zaal.",
            ),
            (
                P.WORKSHOP,
                1,
                "Samenredzaamheid: Buur&Co",
                "Arne van den Bos, onderzoeker Wmo-werkplaats Noord en Otto Veenstra, opbouwwerker Timpaan Welzijn en "
                "begeleider Buur&Co",
                "",
            ),
            (
                P.WORKSHOP,
                2,
                "Mensen met een beperking helpen participeren",
                "Annemarie Zijlstra, rehabilitatiespecialist bij Promens Care, lid van de Kenniskring Lectoraat "
                "Rehabilitatie",
                "",
            ),
            (
                P.WORKSHOP,
                3,
                "Het Gesprek",
                "Suzanne Kuik, onderzoeker Wmo-werkplaats Noord en Mirjam Gademan, onderzoeker Wmo-werkplaats Utrecht",
                "",
            ),
            (
                P.WORKSHOP,
                4,
                "Eenzaamheidsaanpak vanuit een sociaal team",
                "Jolanda Kroes, onderzoeker Wmo-werkplaats Noord en Thea van der Scheer, lid sociaal wijkteam "
                "Lewenborg en omgeving, Groningen",
                "",
            ),
            (
                P.WORKSHOP,
                5,
                "T-shaped samenwerken in een sociaal team",
                "Ronald Schurer, onderzoeker Wmo-werkplaats Noord",
                "",
            ),
            (
                P.WORKSHOP,
                6,
                "De collectieve aanpak in sociale teams",
                "Ria Barenkamp, onderzoeker Wmo-werkplaats Noord en Carina van de Witte, MJD, opbouwwerker in het "
                "sociaal team van De Hoogte/Indische Buurt",
                "",
            ),
            (
                P.WORKSHOP,
                7,
                "Sturing van sociale teams",
                "Ferry Wester, coördinator Wmo-werkplaats en onderzoek Wmo-werkplaats Noord en Gert Wildeboer, "
                "beleidsmedewerker gemeente Assen",
                "",
            ),
            (
                P.WORKSHOP,
                8,
                "Implementatie",
                "Lies Korevaar, lector Rehabilitatie, Clara de Graaff, beleidsmedewerker MEE Groningen en Marcel van "
                "Leeuwen, manager Het Oude Ambt",
                "",
            ),
        ],
    ),
    (
        S.WMO_ATELIER,
        "Wmo-atelier Doorbreek eenzaamheid (in samenwerking met Wmo-werkplaats Friesland)",
        {
            "rubriek": "Wmo-atelier",
            "plaats": "Leeuwarden",
            "datum": datetime.date(2015, 1, 20),
            "auteurs": "Annemarie Zijlstra, rehabilitatiespecialist bij Promens Care, lid van de Kenniskring "
            "Lectoraat Rehabilitatie.",
            "omschrijving": "Workshop Individuele Rehabilitatiebenadering (IRB) in de wijk",
        },
        [],
    ),
]

# Bijlage 2 Presentaties en workshops, per presenter: (presenter, titel, jaar, datum, evenement, plaats, auteurs)
PRESENTATIES = [
    ("Jolanda Kroes", "Het gesprek", 2015, datetime.date(2015, 3, 6), "Kennismarkt VG 2015", "Den Bosch", ""),
    (
        "Jolanda Kroes",
        "Het gesprek in transitie",
        2015,
        datetime.date(2015, 4, 14),
        "Hanzehogeschool, Werkveldconferentie Meer voor Minder",
        "",
        "Kroes J. & Kuik S.",
    ),
    ("Jolanda Kroes", "Het gesprek in 2015", 2014, datetime.date(2014, 10, 10), "WMO-werkplaatsen", "Utrecht", ""),
    (
        "Annemarie Zijlstra",
        "Herstelondersteuning in de wijk",
        2015,
        datetime.date(2015, 10, 16),
        "Conferentie Wmo-werkplaatsen 'Transformeren doe je met elkaar'",
        "Utrecht",
        "",
    ),
    (
        "Annemarie Zijlstra",
        "IRB en sociale contacten; interventie eenzaamheid en sociaal isolement",
        None,  # printed under 2015, dated 3 december 2014: the date wins, the year follows from it
        datetime.date(2014, 12, 3),
        "Afsluitende bijeenkomst Wmo Werkplaatsen Groningen",
        "Groningen",
        "",
    ),
    ("Annemarie Zijlstra", "Rehabilitatie in de wijk: de weg naar participatie.", 2015, None, "", "", ""),
    (
        "Lies Korevaar",
        "Succesvolle innovaties in het sociale domein met de Wmo-werkplaatsen: Interdisciplinaire samenwerking in "
        "het sociaal team, de T-shaped professional",
        2015,
        datetime.date(2015, 10, 16),
        "Conferentie Wmo-werkplaatsen 'Transformeren doe je met elkaar'",
        "",
        "",
    ),
    (
        "Lies Korevaar",
        "Maatschappelijk Participatie door Rehabilitatie",
        2015,
        datetime.date(2015, 3, 18),
        "GGz-Symposium",
        "Groningen",
        "",
    ),
    (
        "Lies Korevaar",
        "Interdisciplinaire samenwerking in wijk- of gebiedsteams: de T-shaped professional",
        2014,
        None,
        "",
        "",
        "",
    ),
    (
        "Lies Korevaar",
        "Interdisciplinaire samenwerking in wijk- of gebiedsteams: de T-shaped professional",
        2014,
        datetime.date(2014, 2, 19),
        "Centra voor Jeugd & Gezin",
        "Winsum",
        "",
    ),
    (
        "Lies Korevaar",
        "Samenhang in de Wmo",
        2014,
        datetime.date(2014, 10, 30),
        "Vakdag 2014 Timpaan Welzijn",
        "Sneek",
        "",
    ),
    ("Lies Korevaar", "Introductie Wmo", 2014, datetime.date(2014, 10, 28), "TV Noord", "", ""),
    (
        "Lies Korevaar",
        "Implementatie en borging",
        2014,
        datetime.date(2014, 6, 2),
        "Het Oude Ambt",
        "Oldambt",
        "",
    ),
    (
        "Lies Korevaar",
        "Interdisciplinaire samenwerking in de wijk: de T-shaped professional",
        2014,
        datetime.date(2014, 5, 15),
        "",
        "Groningen",
        "",
    ),
    (
        "Lies Korevaar",
        "Rehabilitatie(werker) in sociale wijkteams: een onmisbare schakel?",
        2014,
        datetime.date(2014, 4, 1),
        "",
        "Utrecht",
        "",
    ),
]

# Channels of 4.1 item 9 without an annex.
KANALEN = [
    (
        S.MAILING,
        "E-mails naar alle organisaties en personen in het databestand van het lectoraat Rehabilitatie",
        {},
    ),
    (
        S.OVERIG,
        "Deskundigheidsbevordering professionals en vrijwilligers door Professionals & Bedrijven",
        {},
    ),
]

ASS = "Academie voor Sociale Studies"
V = Plaatsing.Vorm
ST = Plaatsing.Status
# 4.1 item 7: (module, methode, ontwikkeld met, [(opleiding, jaar, vorm, startjaar, status, toelichting)])
ONDERWIJS = [
    ("Wmo-introductie", None, "", [(ASS, 1, V.HOORCOLLEGE, None, ST.INGEVOERD, "Wmo-introductie colleges")]),
    (
        "Het Gesprek",
        GESPREK,
        "Hogeschool Utrecht en Movisie",
        [
            (ASS, None, V.MINOR, None, ST.INGEVOERD, "Minor LVB"),
            (ASS, 1, V.VAK, None, ST.DEELS, "Deels geïmplementeerd in het nieuwe jaar 1"),
            (
                ASS,
                2,
                V.PROFIEL,
                2017,
                ST.GEPLAND,
                "Deels te implementeren in het profiel Integraal Sociaal Werk van het nieuwe jaar 2",
            ),
            (ASS, 1, V.VAK, None, ST.INGEVOERD, 'Een goed gesprek: hierin zijn elementen van "het gesprek" verwerkt'),
        ],
    ),
    (
        "T-shaped samenwerking",
        TSHAPED,
        "",
        [
            (
                ASS,
                1,
                V.PROJECTONDERWIJS,
                2016,
                ST.GEPLAND,
                "Vanaf het nieuwe studiejaar onderdeel van jaar 1 in de integrale leerlijn",
            ),
            (
                ASS,
                2,
                V.PROFIEL,
                None,
                ST.GEPLAND,
                "Interdisciplinair samenwerken zit bij de ontwikkeling van ISW (integraal sociaal werk)",
            ),
        ],
    ),
    (
        "Rehabilitatie in de wijk",
        IRB,
        "St. Rehabilitatie '92 te Utrecht",
        [
            (
                ASS,
                2,
                V.PROFIEL,
                None,
                ST.DEELS,
                "Rehabilitatie/herstelgerichte zorg wordt geïntegreerd in de manier van kijken en werken in profiel "
                "Zorg (nieuwe jaar 2); IRB is tevens één van de methodieken die in jaar 2 aan bod komt",
            ),
            (ASS, 1, V.THEMA, None, ST.INGEVOERD, "Gerelateerd aan het thema Herstel"),
            ("SPH", 2, V.HOORCOLLEGE, None, ST.INGEVOERD, "Rehabilitatie: hoor- en werkcolleges"),
            ("SPH", 2, V.WERKCOLLEGE, None, ST.INGEVOERD, "Rehabilitatie: hoor- en werkcolleges"),
            ("MWD", 2, V.HOORCOLLEGE, None, ST.INGEVOERD, "Rehabilitatie: hoorcolleges"),
            (ASS, 2, V.TRAINING, None, ST.INGEVOERD, "IRB training doelvaardigheid en doel stellen"),
            (
                f"{ASS} deeltijd",
                3,
                V.HOORCOLLEGE,
                None,
                ST.INGEVOERD,
                "Hoorcollege rehabilitatie en IRB doelvaardigheid",
            ),
            (
                "SPH/MWD voltijd en deeltijd",
                4,
                V.VAK,
                None,
                ST.INGEVOERD,
                "Herstelondersteunende zorg en photovoice",
            ),
            (
                ASS,
                4,
                V.KEUZEVAK,
                None,
                ST.INGEVOERD,
                "De overige IRB-modules zijn een keuzevak binnen de Generieke Professional",
            ),
            (
                "Ervaringsdeskundige in de Zorg (EdZ)",
                1,
                V.VAK,
                None,
                ST.INGEVOERD,
                "Herstel, herstelondersteunende zorg",
            ),
            (
                "Ervaringsdeskundige in de Zorg (EdZ)",
                2,
                V.VAK,
                None,
                ST.INGEVOERD,
                "Herstel, herstelondersteunende zorg",
            ),
            (
                "Ervaringsdeskundige in de Zorg (EdZ)",
                2,
                V.VAK,
                None,
                ST.INGEVOERD,
                "Rehabilitatie en sociale inclusie, waarin ook aandacht voor kwartiermaken (wijk) in combi met "
                "rehabilitatie evenals antistigma-projecten en milieurehabilitatie",
            ),
        ],
    ),
    (
        "Burgerkracht en interdisciplinair samenwerken",
        TSHAPED,
        "",
        [(ASS, 4, V.KEUZEVAK, None, ST.INGEVOERD, "Module in keuzeprogramma CIVIL en CARE")],
    ),
    (
        "Gedragsbeïnvloeding bij samenlevingsvraagstukken",
        None,
        "",
        [("Toegepaste Psychologie", 2, V.VAK, None, ST.INGEVOERD, "Integraal 2e jaars vak")],
    ),
]


@transaction.atomic
def laden() -> None:
    """Fill the register and the modules of the trajectory 2014-2015; if the register has items, change nothing."""
    traject = Traject.objects.filter(werkplaats__naam=traject_demo.WERKPLAATS, naam=traject_demo.TRAJECT).first()
    if traject is None:
        return
    eindrapport_laden(traject)
    if Disseminatie.objects.filter(traject=traject).exists():
        return
    methoden = {m.naam: m for m in Methode.objects.filter(naam__in=[GESPREK, IRB, TSHAPED])}

    def item(soort, titel, bijlage, velden, methode_namen=()) -> Disseminatie:
        return services.disseminatie_opslaan(
            disseminatie=Disseminatie(traject=traject, soort=soort, titel=titel, bijlage=bijlage, **velden),
            methoden=[methoden[naam] for naam in methode_namen if naam in methoden],
        )

    for soort, titel, methode_namen, velden in PUBLICATIES:
        item(soort, titel, B.PUBLICATIES, velden, methode_namen)
    for soort, titel, velden, programma in CONFERENTIES:
        conferentie = item(soort, titel, B.PRESENTATIES, velden)
        for p_soort, nummer, p_titel, sprekers, omschrijving in programma:
            services.programmaonderdeel_opslaan(
                programmaonderdeel=Programmaonderdeel(
                    disseminatie=conferentie,
                    soort=p_soort,
                    nummer=nummer,
                    titel=p_titel,
                    sprekers=sprekers,
                    omschrijving=omschrijving,
                )
            )
    for spreker, titel, jaar, datum, evenement, plaats, auteurs in PRESENTATIES:
        item(
            S.PRESENTATIE,
            titel,
            B.PRESENTATIES,
            {
                "rubriek": spreker,
                "auteurs": auteurs or spreker,
                "jaar": jaar,
                "datum": datum,
                "evenement": evenement,
                "plaats": plaats,
            },
        )
    for soort, titel, velden in KANALEN:
        item(soort, titel, B.GEEN, velden)
    # The poster and the newsletter also have an annex of their own.
    item(S.POSTER, "Wmo-werkplaats Noord", B.POSTER, {"url": "http://www.wmowerkplaatsnoord.nl"})
    item(
        S.NIEUWSBRIEF,
        "Wmo-werkplaatsen worden Werkplaatsen Sociaal Domein",
        B.NIEUWSBRIEF,
        {"datum": datetime.date(2016, 1, 1), "url": "http://www.wmowerkplaatsnoord.nl"},
    )

    for naam, methode, ontwikkeld_met, plaatsingen in ONDERWIJS:
        module = services.onderwijsmodule_opslaan(
            onderwijsmodule=Onderwijsmodule(
                traject=traject,
                naam=naam,
                methode=methoden.get(methode) if methode else None,
                doelgroep=Onderwijsmodule.Doelgroep.INITIEEL,
                ontwikkeld_met=ontwikkeld_met,
            )
        )
        for opleiding, jaar, vorm, startjaar, status, toelichting in plaatsingen:
            services.plaatsing_opslaan(
                plaatsing=Plaatsing(
                    module=module,
                    opleiding=opleiding,
                    jaar=jaar,
                    vorm=vorm,
                    startjaar=startjaar,
                    status=status,
                    toelichting=toelichting,
                )
            )


@transaction.atomic
def eindrapport_laden(traject) -> None:
    """The end report of February 2016, with the printed wording of its figures as overrides."""
    if traject.eindrapporten.exists():
        return
    rapport = services.rapport_opslaan(
        rapport=Eindrapport(
            traject=traject,
            titel="Eindrapport Implementatie",
            peildatum=datetime.date(2015, 12, 31),
            auteurs="Lies Korevaar, projectleider\nFerry Wester, projectcoördinator",
            plaats_datum="Groningen, februari 2016",
            layout="Karola Nap",
            uitgave="Wmo-werkplaats Noord",
            druk="Volharding coöperatieve drukkerij, Groningen",
            correspondentie="e.l.korevaar@pl.hanze.nl",
            copyright="2016 Hanzehogeschool Groningen/lectoraat Rehabilitatie",
        )
    )
    services.correctie_opslaan(
        correctie=Correctie(
            rapport=rapport,
            sleutel="buddies_totaal",
            waarde="meer dan 400",
            toelichting="Het rapport noemt een ondergrens; teams tellen als geschat aantal collega's.",
        )
    )
    services.correctie_opslaan(
        correctie=Correctie(
            rapport=rapport,
            sleutel="leiders_actief",
            waarde="ongeveer 12",
            toelichting="De deelname van implementatieleiders wisselde; het rapport noemt een benadering.",
        )
    )
