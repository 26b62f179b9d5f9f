"""Demo data of the trajectories: the implementation trajectory 2014-2015 of Wmo-werkplaats Noord.

Texts are verbatim from the end report (*Eindrapport Implementatie 2014-2015*, February 2016): the goals
and activities of 1.3.1/1.3.2, the method descriptions of 2.3, the ten phases of chapter 3 and the targets
of 1.3.3. Only targets are stored; totals such as "90 professionals" and "270" are derived (selectors).
`load_demo` runs this after `kern` and before `scholing`; running it twice changes nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from trajecten import services
from trajecten.models import Deelname, Fase, Methode, MethodeAlias, Streefwaarde, Traject
from werkplaats.models import Organisatie, Werkplaats

WERKPLAATS = "Wmo-werkplaats Noord"
TRAJECT = "Implementatietraject 2014-2015"
START, EINDE = datetime.date(2014, 1, 1), datetime.date(2015, 12, 31)
CJG_VANAF = datetime.date(2015, 1, 15)

GESPREK = "Het Gesprek"
IRB = "Participatie door rehabilitatie in de wijk (IRB)"
TSHAPED = "Interdisciplinaire samenwerking: de T-shaped professional"
ERVARINGSDESKUNDIGEN = "Inzet ervaringsdeskundigen in sociale wijkteams"

DOEL = [  # 1.3.1; the three methods of the first goal are sub-bullets in the report.
    "bevorderen van kennis en vaardigheid van professionals én hun organisaties in een drietal methoden die tot "
    "de kern van de Wmo-benadering kunnen worden gerekend: Het Gesprek; Interdisciplinaire samenwerking volgens "
    "het T-shaped model; Rehabilitatie in de wijk",
    "bevorderen dat de betrokken organisaties ook daadwerkelijk de implementatie van die methoden in hun "
    "organisatie stimuleren en faciliteren.",
]
ACTIVITEITEN = [  # 1.3.2
    "Voorbereiding samen met betrokken gemeenten en instellingen om het traject een precieze inhoud te geven.",
    "Startbijeenkomst waarin samen met de participerende organisaties en gemeenten de aftrap wordt gegeven van de "
    "drie implementatietrajecten.",
    "Geven van trainingen over de betreffende thema's aan professionals en ambtenaren die met de betreffende "
    "interventie werken, alsmede hun managers, dit laatste gericht op implementatie in de organisatie.",
    "Inhoudelijke advisering en begeleiding bij de uitvoering en bij de borging van de aanpak in de organisatie.",
    "Beschrijven van het implementatietraject, de ervaringen en de resultaten.",
    "Vertalen in een onderwijsmodule, dat enerzijds gericht is op professionals in de praktijk, anderzijds gericht "
    "op het initieel onderwijs.",
    "De onderwijsmodules krijgen een plaats in het curriculum.",
    "Dissemineren van kennis via: conferenties, website, publicatie in vakbladen.",
]

# naam: (korte naam, omschrijving (2.3), kenmerken, gekozen, {context: alias})
METHODEN = {
    GESPREK: (
        "Het Gesprek",
        "Samen met de Hogeschool Utrecht en Movisie hebben we trainingsmodulen ontwikkeld voor Het Gesprek, waarin "
        "de focus ligt op de eigen kracht van de burger en op nieuwe doelgroepen. Deze modules zijn gedeeltelijk "
        "gebaseerd op de trainingen die eerder in de gemeente Midden Drenthe (zie par. 2.2 De Toegang en het Gesprek "
        "Midden Drenthe) zijn uitgevoerd. Deze trainingsmodules worden toegepast in de scholing van professionals in "
        "het Gesprek.",
        [
            "Belangrijkste kenmerk van het Gesprek - in vergelijking tot andere intakemethoden - is dat expliciet "
            "aansluiting wordt gezocht bij de eigen potentie van de hulpvrager en niet bij zijn tekorten."
        ],
        True,
        {"eindrapport 2.2": "het Gesprek", "scholingsmodule": "Het Gesprek in 2015"},
    ),
    IRB: (
        "IRB in de wijk",
        "Toepassing van de Individuele Rehabilitatiebenadering in de wijk, gericht op individuen maar desgewenst ook "
        "op groepen. Ondersteunen van de participatiewensen en –doelen, met als neven doel het voorkomen en aanpakken "
        "van sociale isolatie en eenzaamheid zijn hier belangrijke doelen. De IRB is een evidence based practice en "
        "daardoor opgenomen in de databanken effectieve interventies van Movisie en van het Trimbos-instituut "
        "(langdurige GGz).\n\n"
        "De methode is erop gericht dat mensen met een beperking maatschappelijke rollen kunnen vervullen ondanks "
        "hun beperking en dit doen met zo min mogelijk professionele hulp. De methode sluit daarmee naadloos aan bij "
        "belangrijke Wmo doelen als versterken participatie en uitgaan van eigen kracht.",
        [
            "de methode sluit direct aan bij toekomstwensen van het individu.",
            "gaat uit van de mogelijkheden en eigen kracht van het individu (en niet van de beperkingen).",
            "is gericht op vergroting van de autonomie van het individu, d.w.z. bevorderen van eigen regie en "
            "zelfredzaamheid",
            "er is een attitude van gelijkwaardigheid en samen zoeken.",
            "de gesprekstechniek is gedetailleerd uitgewerkt, goed overdraagbaar en leent zich voor werkbegeleiding "
            "en feedback.",
        ],
        True,
        {
            "eindrapport 1.3": "Rehabilitatie in de wijk",
            "eindrapport 2.2": "IRFB in de wijk",
            "eindrapport 2.3": "IRB in de buurt",
            "eindrapport 4.1": "Participatie door rehabilitatie (IRB) in de wijk",
            "scholingsmodule": "Rehabilitatie in de wijk",
        },
    ),
    TSHAPED: (
        "T-shaped samenwerking",
        "Met een aantal sociale teams werken aan interdisciplinaire samenwerking volgens het T-shaped model. "
        "Samenwerking in sociale teams is een actueel thema. Of het nu gaat om generalisten of specialisten: ze "
        "moeten interdisciplinair met elkaar samenwerken en dat is hierbij aan de orde. Dit zelfde geldt voor het "
        "werken in de 0e, 1e of 2e lijn. Onafhankelijk van in welke lijn je werkt, interdisciplinaire samenwerking "
        "is binnen dezelfde lijn en tussen de verschillende lijnen gewenst.",
        [
            "Belangrijk kenmerk van T-shaped werken is dat professionals zich in elkaars referentiekader verplaatsen "
            "en hun expertise, niet alleen inzetten voor de ondersteuning van de burger, maar ook voor het oplossen "
            "van problemen die een collega van een andere discipline ervaart."
        ],
        True,
        {
            "eindrapport 1.3": "T-shaped samenwerken",
            "eindrapport 1.3 ambtenaren": "interdisciplinaire samenwerking",
            "eindrapport 2.2": "T-shaped samenwerking",
            "eindrapport 4.1": "T-shaped samenwerking",
            "poster": "Interdisciplinaire samenwerking in de wijk: de T-shaped professional",
        },
    ),
    ERVARINGSDESKUNDIGEN: (
        "Ervaringsdeskundigen",
        "Voorgelegd in de informatiebijeenkomsten als vierde methode waaruit organisaties konden kiezen "
        "(eindrapport 2.2); niet gekozen voor het traject.",
        [],
        False,
        {"eindrapport 2.2": "inzet ervaringsdeskundigen in sociale wijkteams"},
    ),
}

M = datetime.date  # the first day of a month
# (nummer, naam, label in the heading, theorie, startmaand, eindmaand, maanden_tekst, omschrijving) - chapter 3.
FASEN = [
    (
        1,
        "Startfase met startbijeenkomst",
        "",
        "",
        M(2014, 1, 1),
        M(2014, 2, 1),
        "",
        "Het implementatietraject is samen met de betrokken instellingen ten uitvoer gebracht en de aftrap daartoe is "
        "gegeven tijdens een gezamenlijke startbijeenkomst op 4 februari 2014. Aan deze bijeenkomst namen 102 personen "
        "deel.",
    ),
    (
        2,
        "Scholing in het thema, c.q. de beoogde werkwijze",
        "kennisdeling",
        Fase.Theorie.VERSPREIDING,
        M(2014, 3, 1),
        M(2014, 3, 1),
        "",
        "In maart 2014 werd voor professionals een tweedaagse basistraining verzorgd in de onderhavige methodiek. "
        "Tevens werd voor managers – de projectleiders implementatie – een twee dagdelen omvattende workshop over "
        "implementatie en borging verzorgd.",
    ),
    (
        3,
        "Uitvoeren van de methode in de eigen werkpraktijk",
        "adoptie",
        Fase.Theorie.ADOPTIE,
        M(2014, 3, 1),
        M(2014, 9, 1),
        "",
        "De betrokken instellingen zijn in deze periode met de uitvoerig van de methode aan de slag gegaan. Gedurende "
        "deze periode zijn uitwisselingsbijeenkomsten voor de professionals gehouden, gericht op feedback, van elkaar "
        "leren en opsporen van knelpunten in de uitvoering.",
    ),
    (
        4,
        "Verdiepingsbijeenkomsten",
        "kennis delen, adoptie",
        Fase.Theorie.ADOPTIE,
        M(2014, 9, 1),
        M(2014, 10, 1),
        "",
        "Na een half jaar uitvoering werd per methode een 'verdiepings- of verbredingsbijeenkomst' gehouden.",
    ),
    (
        5,
        "Voortgang uitvoering in de eigen praktijk",
        "",
        Fase.Theorie.INVOERING,
        M(2014, 10, 1),
        M(2015, 1, 1),
        "",
        "De uitwisselingsbijeenkomsten tussen professionals en tussen projectleiders/managers werden gecontinueerd. "
        "De projectleiders/managers zorgden voor inpassing en inbedding van de methode in de organisatie.",
    ),
    (
        6,
        "Verdiepingsbijeenkomsten",
        "kennis delen, adoptie",
        Fase.Theorie.ADOPTIE,
        M(2015, 2, 1),
        M(2015, 6, 1),
        "februari en juni 2015",
        "Halverwege het traject, na een jaar uitvoering, werd een tweede 'verdiepings- of verbredingsbijeenkomst' "
        "gehouden. Aan de hand van de opgedane praktijkervaring werden ook knelpunten besproken.",
    ),
    (
        7,
        "Voortgang uitvoering in de eigen praktijk",
        "",
        Fase.Theorie.INVOERING,
        M(2015, 2, 1),
        M(2015, 6, 1),
        "",
        "De uitwisselingsbijeenkomsten tussen professionals en tussen projectleiders/managers werden gecontinueerd. "
        "De projectleiders/managers zorgden voor inpassing en inbedding van de methode in de organisatie",
    ),
    (
        8,
        "Borging",
        "",
        Fase.Theorie.BORGING,
        M(2015, 8, 1),
        M(2015, 11, 1),
        "",
        "In deze fase werd een procesevaluatie uitgevoerd van het gehele implementatietraject, met oog voor de "
        "behaalde resultaten. Tijdens het implementatietraject werd de voortgang van het proces en de ervaringen al "
        "gemonitord.",
    ),
    (
        9,
        "Ontwikkeling opleidingsmodulen",
        "",
        "",
        M(2015, 10, 1),
        M(2015, 12, 1),
        "",
        "In deze periode zijn de opleidingsmodulen geschreven, die enerzijds zijn gericht op professionals in de "
        "praktijk, anderzijds op het initieel onderwijs.",
    ),
    (
        10,
        "Disseminatie",
        "",
        Fase.Theorie.VERSPREIDING,
        M(2015, 5, 1),
        M(2015, 12, 1),
        "",
        "De opgedane ervaring en kennis zijn overgedragen aan niet- participerende gemeenten, cliënt- en "
        "vrijwilligersorganisaties, instellingen en opleidingen.",
    ),
]

# Methods per organisation: the design of the demo (the report gives only the pattern, domain.md 4.2).
# Noordermaat and Tinten take part in the implementation leaders' group only.
DEELNAMES = {
    "Gemeente Oldambt": [GESPREK],
    "Gemeente Tynaarlo": [GESPREK, IRB, TSHAPED],
    "Kopland": [GESPREK, IRB],
    "Lentis": [GESPREK, IRB, TSHAPED],
    "MEE Groningen": [GESPREK, IRB, TSHAPED],
    "De Noorderbrug": [IRB, TSHAPED],
    "Noordermaat": [],
    "NOVO": [GESPREK, IRB, TSHAPED],
    "Het Oude Ambt": [GESPREK, IRB, TSHAPED],
    "Promens Care": [GESPREK, IRB, TSHAPED],
    "Timpaan Welzijn": [GESPREK, IRB, TSHAPED],
    "Tinten": [],
    "Torion": [GESPREK, IRB, TSHAPED],
    "Trias": [GESPREK, TSHAPED],
    "Werkpro": [IRB, TSHAPED],
    "De Zijlen": [IRB],
}
CJGS = ["CJG de Marne", "CJG Bedum", "CJG Winsum", "CJG Eemsmond"]

VOORTVAREND = (
    "Bezig de methoden in te voeren, en dit naar andere medewerkers te verbreden, én aanpassingen te maken in het "
    "organisatorisch handelen (eindrapport 4.1, Borging)."
)
BELEMMERD = "Belemmerd door de turbulentie van het moment: bezuinigingen (vaak zo'n 25%), reorganisaties en ontslagen."
# organisation: (borging, toelichting, bewijs_url)
BORGING = {
    "MEE Groningen": (Deelname.Borging.VOORTVAREND, VOORTVAREND, ""),
    "Gemeente Tynaarlo": (Deelname.Borging.VOORTVAREND, "Sociale teams in Tynaarlo. " + VOORTVAREND, ""),
    "Het Oude Ambt": (Deelname.Borging.VOORTVAREND, "Gemeente Oldambt. " + VOORTVAREND, ""),
    "Torion": (Deelname.Borging.INTENTIE, "Torion Haren heeft de intentie de methoden in te voeren.", ""),
    "Timpaan Welzijn": (
        Deelname.Borging.INTENTIE,
        "Heeft de intentie de methoden in te voeren; magazine over Het Gesprek, de IRB en T-shaped samenwerking.",
        "http://timpaanwelzijn.nl/magazine/",
    ),
    "NOVO": (
        Deelname.Borging.BELEMMERD,
        BELEMMERD + " NOVO zit midden in personeelsreductie, reorganisatie en een fusie met Promens Care.",
        "",
    ),
    "Promens Care": (Deelname.Borging.BELEMMERD, BELEMMERD, ""),
    "Lentis": (Deelname.Borging.BELEMMERD, BELEMMERD, ""),
    "De Zijlen": (Deelname.Borging.BELEMMERD, BELEMMERD, ""),
}
GESTOPT = {
    "Noordermaat": (
        datetime.date(2014, 9, 1),
        "De implementatieleider constateerde dat het implementatieproces bij de organisatie nog niet aan de orde was.",
    )
}

# (indicator, methode or None for the whole trajectory, waarde, formulering, toelichting) - 1.3.3.
STREEFWAARDEN = [
    (Streefwaarde.Indicator.PROFESSIONALS, GESPREK, 30, "", ""),
    (Streefwaarde.Indicator.PROFESSIONALS, IRB, 30, "", ""),
    (Streefwaarde.Indicator.PROFESSIONALS, TSHAPED, 30, "", ""),
    (
        Streefwaarde.Indicator.BUDDIES_PER_DEELNEMER,
        None,
        2,
        Streefwaarde.Formulering.MINIMAAL,
        "Deze 90 professionals hebben in de eigen organisatie een ieder twee collega's aan wie zij het geleerde "
        "overbrengen. Dit brengt het totaal aan geschoolde professionals op 270.",
    ),
    (Streefwaarde.Indicator.IMPLEMENTATIELEIDERS, None, 12, "", ""),
    (
        Streefwaarde.Indicator.VRIJWILLIGERS,
        None,
        30,
        Streefwaarde.Formulering.MINIMAAL,
        "Waar mogelijk hebben vrijwilligers deelgenomen aan de scholing en de uitvoering in de praktijk bij alle drie "
        "implementatietrajecten.",
    ),
    (Streefwaarde.Indicator.AMBTENAREN, GESPREK, 12, "", ""),
    (Streefwaarde.Indicator.AMBTENAREN, TSHAPED, 6, "", ""),
]


@transaction.atomic
def laden() -> None:
    """Create the trajectory 2014-2015; if it already exists, change nothing."""
    werkplaats = Werkplaats.objects.get(naam=WERKPLAATS)
    if Traject.objects.filter(werkplaats=werkplaats, naam=TRAJECT).exists():
        return
    methoden = {naam: _methode(naam, *gegevens) for naam, gegevens in METHODEN.items()}
    traject = services.traject_opslaan(
        traject=Traject(
            werkplaats=werkplaats,
            naam=TRAJECT,
            startdatum=START,
            einddatum=EINDE,
            doel="\n".join(DOEL),
            activiteiten="\n".join(ACTIVITEITEN),
        ),
        methoden_aangeboden=methoden.values(),
        methoden=[m for naam, m in methoden.items() if METHODEN[naam][3]],
    )
    for nummer, naam, label, theorie, startmaand, eindmaand, maanden_tekst, omschrijving in FASEN:
        services.fase_opslaan(
            fase=Fase(
                traject=traject,
                nummer=nummer,
                naam=naam,
                label=label,
                theorie=theorie,
                startmaand=startmaand,
                eindmaand=eindmaand,
                maanden_tekst=maanden_tekst,
                omschrijving=omschrijving,
            )
        )

    organisaties = {o.naam: o for o in Organisatie.objects.filter(werkplaats=werkplaats)}
    deelnames = [(naam, START, False, keuze) for naam, keuze in DEELNAMES.items()]
    deelnames += [(naam, CJG_VANAF, True, [TSHAPED]) for naam in CJGS]
    for naam, vanaf, later, keuze in deelnames:
        borging, toelichting, bewijs_url = BORGING.get(naam, ("", "", ""))
        gestopt_op, reden_stoppen = GESTOPT.get(naam, (None, ""))
        if gestopt_op:
            borging = Deelname.Borging.GESTOPT
        services.deelname_opslaan(
            deelname=Deelname(
                traject=traject,
                organisatie=organisaties[naam],
                vanaf=vanaf,
                later_ingestapt=later,
                gestopt_op=gestopt_op,
                reden_stoppen=reden_stoppen,
                borging=borging,
                borging_toelichting=toelichting,
                bewijs_url=bewijs_url,
            ),
            methoden=[methoden[m] for m in keuze],
        )

    for indicator, methode, waarde, formulering, toelichting in STREEFWAARDEN:
        services.streefwaarde_opslaan(
            streefwaarde=Streefwaarde(
                traject=traject,
                indicator=indicator,
                methode=methoden[methode] if methode else None,
                waarde=waarde,
                formulering=formulering,
                toelichting=toelichting,
            )
        )


def _methode(naam, korte_naam, omschrijving, kenmerken, _gekozen, aliassen) -> Methode:
    """Methods are shared by all werkplaatsen: reuse one that exists, and add only missing aliases."""
    methode = Methode.objects.filter(naam=naam).first() or Methode(
        naam=naam, korte_naam=korte_naam, omschrijving=omschrijving, kenmerken="\n".join(kenmerken)
    )
    bestaand = set(methode.aliassen.values_list("context", flat=True)) if methode.pk else set()
    nieuw = [
        MethodeAlias(naam=alias, context=context) for context, alias in aliassen.items() if context not in bestaand
    ]
    if methode.pk and not nieuw:
        return methode
    return services.methode_opslaan(methode=methode, aliassen=nieuw)
