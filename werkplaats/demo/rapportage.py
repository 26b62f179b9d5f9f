"""Demo data of the dissemination register and the curriculum placements of the trajectory 2014-2015.

Everything is taken from the end report (*Eindrapport Implementatie 2014-2015*): section 4.1 items 7-9 and
Bijlagen 1-4, and the report's narrative (`TEKSTEN`), which covers the printed report's points in our own words.
The authors and speakers are public (published, on the printed programme) and spelled as
printed. `load_demo` runs this last; when the register already has items, it changes nothing.
"""

from __future__ import annotations

import datetime
import io
import textwrap

from django.core.files.base import ContentFile
from django.db import transaction
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from rapportage import services
from rapportage.models import (
    Achterpagina,
    Correctie,
    Disseminatie,
    Eindrapport,
    Onderwijsmodule,
    Plaatsing,
    Programmaonderdeel,
)
from trajecten.models import Methode, Traject
from werkplaats.lib.grafieken import stijl

from . import trajecten as traject_demo

S = Disseminatie.Soort
B = Disseminatie.Bijlage
GESPREK, IRB, TSHAPED = traject_demo.GESPREK, traject_demo.IRB, traject_demo.TSHAPED
WERKEN_IN_DE_WIJK = {
    "boektitel": "Werken in de Wijk",
    "redactie": "Jean Pierre Wilken en Anne-Marie van Bergen",
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
            "omschrijving": "Met de decentralisatie van de AWBZ-begeleiding worden de vragen waarmee burgers bij de "
            "gemeente komen complexer. Gemeenten kijken steeds breder, over levensterreinen en het hele sociale domein "
            "heen, en dat vraagt veel van wie 'het Gesprek' met de burger voert. Deze train-de-trainer geeft in vier "
            "modules materiaal om dat gesprek met kwetsbare burgers goed te voeren. Jolanda Kroes en Suzanne Kuik "
            "van de Wmo-werkplaats Noord hebben aan de module meegewerkt.",
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
            "redactie": "Nada de Groot & Renske van der Zwet",
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
        "Het gesprek. Train-de-trainer",
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

# The narrative of the end report, per section of `rapportage.eindrapport.SECTIES`: the points of the printed
# report of February 2016, in our own words. Figures stay placeholders, so text and registration agree.
TEKSTEN = {
    "voorwoord": (
        "Dit is het eindrapport van het tweejarige implementatieproject van de {{ werkplaats }}, over de periode "
        "{{ periode_lang }}. De medewerkers die het traject uitvoerden, beschrijven hierin wat het heeft "
        "opgeleverd. Het traject werd gefinancierd door het Ministerie van VWS, aangevuld met eigen bijdragen van "
        "de deelnemende instellingen en gemeenten.\n\n"
        "Wij danken de instellingen en gemeenten die meededen voor hun betrokkenheid en inzet:"
    ),
    "werkplaats": (
        "De {{ werkplaats }} hoort bij het lectoraat {{ lectoraat }} van de {{ hogeschool }}. In de werkplaats "
        "werken het lectoraat, gemeenten en instellingen samen aan onderzoek, praktijkontwikkeling en opleiding in "
        "zorg en welzijn, met name zorg in en door de gemeenschap. Centraal staat praktijkkennis: werken dat op "
        "bewijs en op ervaring steunt. Samen met professionals, instellingen en gemeenten werkt de werkplaats "
        "systematisch aan de invoering en uitvoering van een aantal methoden, om de kennis en deskundigheid van "
        "zittende en aankomende professionals en vrijwilligers in de Wmo te vergroten.\n\n"
        "Die doelstelling sluit aan bij het amendement-Wolbert (TK 2008-2009, 31700 XVI, nr. 35), dat extra geld "
        "vrijmaakte voor vernieuwing in zorg en welzijn en voor scholing van beroepskrachten.\n\n"
        "De overdracht van taken, bevoegdheden en budgetten aan gemeenten vraagt ook een andere uitvoering: "
        "beroepskrachten en burgers moeten hun rol opnieuw bepalen nu de verantwoordelijkheden tussen overheid en "
        "samenleving anders verdeeld zijn. Die transformatie kost jaren; de Wmo-werkplaatsen dragen eraan bij met "
        "het ontwikkelen en invoeren van kennis.\n\n"
        "In september 2009 begonnen zes Wmo-werkplaatsen, met als doel een betere professionele praktijk in de Wmo "
        "en een betere aansluiting tussen onderwijs en werkveld; in september 2012 kwam er een zevende bij. In elke "
        "werkplaats ontwikkelen en implementeren hogeschool, gemeenten, instellingen en beroepsbeoefenaren samen "
        "vernieuwende praktijken voor goede maatschappelijke ondersteuning."
    ),
    "implementatie": (
        "Ontwikkelde kennis vindt niet vanzelf haar weg naar beroepskrachten en lokale praktijk, en het initiële "
        "onderwijs speelt nog te weinig in op wat de Wmo-praktijk vraagt.\n\n"
        "Met het oog op de nieuwe Wmo van 1 januari 2015 vroeg de staatssecretaris van VWS de Gezondheidsraad om "
        "advies over een samenhangend, zichzelf in stand houdend stelsel van kennisontwikkeling, -circulatie en "
        "-implementatie voor de Wmo. In afwachting daarvan investeerde VWS in de invoering van kennis die er al "
        "is: twee jaar lang subsidie voor zeven nieuwe werkplaatsen en een aanvulling voor de bestaande. De "
        "werkplaatsen moeten er ook voor zorgen dat hun hogescholen met hun onderwijs beter aansluiten bij de "
        "praktijk. Doel van de subsidie is een goede uitvoering van de Wmo door betere kennis, deskundigheid en "
        "handelingsvaardigheid van zittende en aankomende professionals en van vrijwilligers.\n\n"
        "Onder implementatie verstaan we het systematisch en planmatig invoeren van bestaande kennis, zodat die "
        "een vaste plaats krijgt in het beroepsmatig handelen en in het functioneren van een organisatie. Die "
        "kennis komt van het eigen lectoraat, van andere Wmo-werkplaatsen, van de landelijke kennisinstituten en "
        "uit de databank effectieve sociale interventies en vergelijkbare databanken.\n\n"
        "Implementeren omvat: het vraagstuk analyseren en de gewenste uitkomsten bepalen, passende interventies "
        "kiezen en toesnijden op doelgroep en context, draagvlak verwerven, betrokkenen toerusten met kennis en "
        "vaardigheden, organisatorische en financiële voorwaarden scheppen, de interventies uitvoeren, proces en "
        "resultaten evalueren en de nieuwe werkwijze borgen. Het zwaartepunt ligt bij het toerusten.\n\n"
        "Al ligt het accent op het toepassen van bestaande kennis, door die systematisch in de praktijk te "
        "gebruiken wordt ze ook verbeterd en verrijkt. Daarnaast leveren de werkplaatsen bijdragen aan het "
        "initiële hoger beroepsonderwijs en aan curricula die passen bij de vraag naar maatschappelijke "
        "ondersteuning."
    ),
    "doel": (
        "Het projectplan van het traject legt het doel, de activiteiten en de beoogde resultaten vast; die volgen "
        "hieronder."
    ),
    "beoogd_borging": (
        "De organisaties gaan daadwerkelijk met de methoden aan de slag in hun organisatorisch handelen. We "
        "verwachtten niet dat het implementatie- en borgingsproces aan het eind van het traject al helemaal rond "
        "zou zijn."
    ),
    "beoogd_onderwijs": (
        "Bijdragen aan het initiële onderwijs met colleges, workshops en opleidingsmodulen, zodat het curriculum "
        "beter aansluit bij de deskundigheid die het werkveld in de maatschappelijke ondersteuning vraagt. De "
        "modulen voor professionals in het werkveld komen in het kostendekkende aanbod van de {{ hogeschool }}; zo "
        "bereiken we enkele honderden professionals."
    ),
    "beoogd_beschrijving": (
        "Een beschrijving van de drie implementatietrajecten, met aandacht voor de methode van implementatie, als "
        "hoofdstuk in de landelijke publicatie over de implementatietrajecten."
    ),
    "beoogd_disseminatie": (
        "Verspreiding van de uitkomsten via diverse kanalen, met een afsluitende regionale conferentie."
    ),
    "aanpak": (
        "Omdat er krap twee jaar beschikbaar was, is de implementatie opgehangen aan een klein aantal methoden die "
        "centraal staan in de nieuwe werkwijze van de Wmo en Welzijn Nieuwe Stijl: het Gesprek, T-shaped "
        "samenwerking en de Individuele Rehabilitatie Benadering. De keuze is gemaakt met de deelnemende "
        "instellingen en gemeenten, op grond van de behoefte in het werkveld, de betekenis van de methoden voor de "
        "Wmo en de overgang van AWBZ-taken naar de Wmo, de vraag van VWS en de deskundigheid in de werkplaats.\n\n"
        "Implementeren heeft twee kanten. Professionals leren met de nieuwe werkwijze werken en passen haar toe; "
        "en de organisatie moet haar mogelijk maken en borgen, anders zakt het geleerde na een tijd weer weg. "
        "Daarom werkte een groep implementatieleiders aan het invoeren en borgen van de methoden in hun "
        "organisaties.\n\n"
        "Verder gold het principe van 'train de trainer': elke deelnemer werkte rond de methode samen met twee "
        "collega's, buddy's, aan wie hij of zij het geleerde doorgaf, zodat de methode zich als een olievlek kon "
        "verspreiden."
    ),
    "projectorganisatie": (
        "Per methode zijn scholingsgroepen gevormd met professionals van de deelnemende instellingen en "
        "gemeenten. Daarnaast was er een groep projectleiders implementatie, meestal managers en soms "
        "stafmedewerkers, die scholing kreeg in implementatieprocessen, de voortgang bewaakte en ervaringen "
        "uitwisselde."
    ),
    "werkwijze_inleiding": (
        "Ons motto: medewerkers scholen is één ding, het geleerde invoeren in de organisatie is iets anders.\n\n"
        "**1.** In twee informatiebijeenkomsten lichtten we de aanpak toe aan belangstellende organisaties en "
        "gemeenten. Zij konden kiezen uit vier methoden, of zelf een interventie voorstellen:"
    ),
    "werkwijze": (
        "De meeste instellingen kozen voor de eerste drie methoden. Meedoen betekende dat professionals van de "
        "organisatie de scholing in één of meer methoden volgden **én** dat een leidinggevende deelnam aan de "
        "training implementatie en borging; dat laatste was een voorwaarde voor deelname.\n\n"
        "**2.** Scholing in de drie methoden: trainingen en bijeenkomsten waarin de deelnemers hun ervaringen met "
        "de uitvoering uitwisselen. Professionals van de deelnemende gemeenten en instellingen volgen de groep van "
        "hun methode.\n\n"
        "**3.** Naast de scholing passen de professionals de methode toe in hun werk. Zij hebben buddy's: "
        "collega's met wie zij bij de uitvoering nauw samenwerken en die de methode van hen leren. Ook vragen we "
        "het teamoverleg om aandacht voor de nieuwe aanpak.\n\n"
        "**4.** Naast de scholingsgroepen werkt de groep implementatieleiders. Zij faciliteren het "
        "implementatieproces in hun organisatie en letten op de organisatie-elementen die moeten meebewegen: "
        "missie en beleid, procedures, verslaglegging en de verhouding tot de organisatiecultuur. Zij krijgen "
        "scholing in implementatie en borging: wat er nodig is om een werkwijze te borgen en hoe je dat doet. Een "
        "quickscan laat zien op welke elementen actie nodig is."
    ),
    "methoden_doel": (
        "Het traject is geslaagd als de instellingen die met deze methoden werken, ze ook echt invoeren in hun "
        "professionele handelen en hun organisatieprocessen, en de voorwaarden daarvoor scheppen."
    ),
    "proces": (
        "Het implementatieproces liep van {{ start_maand }} tot en met {{ einde_maand }}, in {{ fasen_aantal }} "
        "fasen. Aan de startbijeenkomst namen {{ startbijeenkomst_aantal }} personen deel."
    ),
    "scholing": "In totaal zijn **{{ geschoold_totaal }}** in één of meer methoden geschoold.",
    "buddies": (
        "Iedere deelnemer aan de scholing had ten minste twee buddy's in de eigen organisatie: collega's met wie "
        "hij of zij rond de methode nauw samenwerkte. Sommige deelnemers namen hun hele team als buddy mee, het "
        "hele traject lang, of organiseerden workshops voor collega's. In totaal zijn **{{ buddies_totaal }}** "
        "collega's als buddy in wisselende omvang meegenomen in het scholingstraject."
    ),
    "implementatieleiders": (
        "Deze groep telde oorspronkelijk {{ leiders_totaal }} deelnemers van {{ leiders_organisaties }} "
        "verschillende organisaties, vooral managers en een kleiner aantal stafmedewerkers. In de loop van het "
        "traject liep het aantal terug van {{ leiders_totaal }} tot {{ leiders_actief }} actieve deelnemers. "
        "Redenen:"
    ),
    "implementatieleiders_ervaringen": (
        "Bij sommige organisaties had de directie zich enthousiast aangemeld, maar stelden de managers in de "
        "bijeenkomsten vast dat implementatie bij hen nog niet aan de orde was, of dat zij voor een andere "
        "scholing hadden moeten kiezen.\n\n"
        "Stafmedewerkers merkten dat zij de implementatie moeilijk op gang kregen zonder steun van het "
        "management.\n\n"
        "De scholing en de uitwisselingsbijeenkomsten van de implementatieleiders waren erop gericht de "
        "organisatie-elementen mee te nemen en zo de implementatie te stimuleren. Een aantal organisaties ging daar "
        "krachtig mee aan de slag; tegelijk was duidelijk dat bezuinigingen het vernieuwen afremden."
    ),
    "vrijwilligers": (
        "Bij de trainingsmodules zijn {{ vrijwilligers_tekst }} vrijwilligers betrokken geweest. Dat heeft naar "
        "onze indruk te maken met de fase waarin het werken met sociale teams verkeerde: de organisaties waren nog "
        "vooral intern bezig met de nieuwe manier van samenwerken tussen professionals."
    ),
    "ambtenaren": "In totaal zijn er {{ ambtenaren_totaal }} ambtenaren geschoold in de betreffende onderwijsmodules.",
    "borging": (
        "De resultaten wisselen. Sommige organisaties gingen voortvarend aan de slag en laten bemoedigende "
        "resultaten zien: zij voeren de methoden in, breiden ze uit naar andere medewerkers en passen hun "
        "organisatorisch handelen aan volgens de implementatieaanpak van dit traject. Andere hebben de intentie dat "
        "te doen."
    ),
    "borging_vervolg": (
        "Een aantal organisaties werd belemmerd door de turbulentie van het moment: bezuinigingen van vaak zo'n "
        "25%, reorganisaties en ontslagen. Het aantal deelnemers aan de scholing en aan de groep "
        "implementatieleiders nam gaandeweg af; soms haakten deelnemers een tijd af en stapten ze later weer in.\n\n"
        "Veel deelnemende organisaties zien het werken met deze drie methoden en de verandering van werken als een "
        "belangrijk deel van de transformatie en willen doorgaan met de implementatie."
    ),
    "onderwijs": (
        "De Wmo in het algemeen en de drie methoden in het bijzonder zijn onderdeel geworden van de curricula van "
        "de Academie voor Sociale Studies. Alle curricula (voltijd, deeltijd, AD) worden de komende tijd "
        "'Wmo-proof' gemaakt. De modules en waar ze in het onderwijs een plaats kregen:"
    ),
    "beschrijving": (
        "De implementatie van de drie trajecten is uitgebreid beschreven, als hoofdstuk in de landelijke publicatie "
        "van de Wmo-werkplaatsen over de implementatietrajecten, uitgegeven door Movisie:"
    ),
    "disseminatie": "De uitkomsten zijn verspreid via:",
    "presentaties_slot": (
        "De meeste presentaties en workshops staan op de website van de werkplaats, "
        "[www.wmowerkplaatsnoord.nl](http://www.wmowerkplaatsnoord.nl)."
    ),
    "achterpagina": "**{{ werkplaats }}**  \n{{ hogeschool }}, lectoraat {{ lectoraat }}",
}

# Bijlage 3 and 4: the poster and the newsletter, summarised in our own words (the printed pages are images).
POSTER = """\
In de Wmo-werkplaats Noord werkt het lectoraat Rehabilitatie van de Hanzehogeschool Groningen samen met
gemeenten, zorg- en welzijnsinstellingen en kennisinstellingen aan innovatie en implementatie in de Wmo.

#### Achtergrond

Het Ministerie van VWS zette de Wmo-werkplaatsen in 2009 op om nieuwe werkvormen in zorg en welzijn te zoeken,
te ontwikkelen en te evalueren. De resultaten zijn beschikbaar voor gemeenten, organisaties in zorg en welzijn
en andere belangstellenden.

#### Innovatie

Van 2012 tot 2015 begeleidt de werkplaats vier nieuwe praktijken: de sociale teams van de gemeente Groningen,
het sociale team van Oldambt, de toegang tot de Wmo in Midden-Drenthe en het keyring-netwerk Buur & Co in
Opsterland. Ook doet de werkplaats mee aan landelijke thema's als eenzaamheid, samenwerking in sociale teams
en het Gesprek.

#### Implementatie

Sinds 2014 voert de werkplaats bestaande kennis systematisch en planmatig in, zodat die een vaste plaats krijgt
in het beroepsmatig handelen en in de organisatie. Het gaat om drie interventies:

1. Het Gesprek
2. Participatie door rehabilitatie in de wijk
3. Interdisciplinaire samenwerking in de wijk: de T-shaped professional

#### Doelen en activiteiten

- Wmo-praktijken ontwikkelen, volgen, evalueren en beschrijven
- Inzicht krijgen in de benodigde beroepscompetenties
- Modules ontwikkelen voor initieel en post-initieel onderwijs
- Studenten en professionals scholen in de Wmo en in Wmo-interventies
- Wmo-interventies invoeren in de eigen organisatie
- Communiceren via Wmo-ateliers, nieuwsbrieven en de website

#### Partners

Gemeenten, welzijns- en zorginstellingen in Groningen en Drenthe, waaronder de deelnemers aan dit traject.

Meer informatie: f.wester@pl.hanze.nl en e.l.korevaar@pl.hanze.nl
"""

NIEUWSBRIEF = """\
#### Wmo-werkplaatsen worden Werkplaatsen Sociaal Domein

De Wmo-werkplaatsen gaan de komende drie jaar door, verbreed tot kennisnetwerken voor het hele sociale domein:
ook jeugd en participatie. De Tweede Kamer stemde in augustus in met dit voornemen. VWS en VNG willen dat
gemeenten sterker betrokken zijn: twee of drie gemeenten trekken de werkplaats samen met de hogeschool. Alle
werkplaatsen bereiden de nieuwe opzet voor.

#### Werkplaats Noord

De werkplaats is in gesprek met een aantal gemeenten. Groningen treedt in 2016 waarschijnlijk toe; Borger-Odoorn,
de BMWE-gemeenten (Bedum, De Marne, Winsum en Eemsmond), Delfzijl en Oldambt doen in elk geval mee. Thema's zijn
de doorontwikkeling van de sociale teams en een integrale toegang. De werkplaats werkt samen met de lectoraten
Integraal Jeugdbeleid en Arbeidsparticipatie en het Centre of Expertise Healthy Ageing, en verkent samenwerking
met Academische Werkplaatsen en Tinten. De activiteiten:

- onderzoek en ontwikkeling rond vragen uit de praktijk van de partners
- ondersteuning van implementatie
- kennis delen en uitwisselen
- onderwijs, scholing en deskundigheidsbevordering, gericht op samen leren en vernieuwen

In het voorjaar volgt een startbijeenkomst; u ontvangt een uitnodiging.

#### De regionale kennisagenda

Uit de contacten met gemeenten, op de werkconferentie van 8 juni, in het ambtelijk overleg van de VDG en de VGG
en bilateraal, komt een aantal kennisthema's naar voren; de volledige nieuwsbrief staat op de website.
"""

BLAUW, ORANJE, GRIJS = "#0b3d6b", "#c25700", "#444444"


def _pagina(kop: str, onderkop: str, blokken: list[tuple[str, str]], voet: str) -> Figure:
    """An A4 page drawn as a figure: a coloured band with the title, text blocks, a footer line."""
    figuur = Figure(figsize=(8.27, 11.69))
    vlak = figuur.add_axes((0, 0, 1, 1))
    vlak.set_axis_off()
    vlak.set_xlim(0, 1)
    vlak.set_ylim(0, 1)
    vlak.add_patch(Rectangle((0, 0.84), 1, 0.16, color=BLAUW))
    vlak.text(0.06, 0.93, kop, color="white", fontsize=26, fontweight="bold", va="center")
    vlak.text(0.06, 0.87, onderkop, color="white", fontsize=14, va="center")
    y = 0.79
    for titel, tekst in blokken:
        vlak.add_patch(Rectangle((0.06, y - 0.004), 0.012, 0.022, color=ORANJE))
        vlak.text(0.085, y + 0.007, titel, color=BLAUW, fontsize=15, fontweight="bold", va="center")
        regels = [
            r
            for alinea in tekst.split("\n")
            for r in textwrap.wrap(alinea, 78, subsequent_indent="   " * alinea.startswith("•"))
        ]
        vlak.text(0.085, y - 0.025, "\n".join(regels), color="#1a1a1a", fontsize=10.5, va="top", linespacing=1.5)
        y -= 0.07 + 0.021 * len(regels)
    vlak.add_patch(Rectangle((0, 0), 1, 0.05, color=ORANJE))
    vlak.text(0.5, 0.025, voet, color="white", fontsize=11, ha="center", va="center")
    return figuur


def _blokken(tekst: str) -> list[tuple[str, str]]:
    """The #### sections of a Markdown text as (heading, plain text) blocks."""
    blokken = []
    for deel in tekst.split("#### ")[1:]:
        kop, _nl, rest = deel.partition("\n")
        alineas: list[str] = []
        for regel in (r.strip() for r in rest.split("\n")):
            if regel.startswith("- ") or regel[:2] in ("1.", "2.", "3."):
                alineas.append("•  " + regel.lstrip("- ").lstrip("123. "))
            elif regel and alineas and not alineas[-1].startswith("•"):
                alineas[-1] += " " + regel
            elif regel:
                alineas.append(regel)
        blokken.append((kop.strip(), "\n".join(alineas)))
    return blokken


def poster_png() -> bytes:
    """The demo's poster (Bijlage 3) as a PNG: drawn, not the printed original."""
    with stijl():  # the report's typeface
        figuur = _pagina(
            "Wmo-werkplaats Noord",
            "Implementatie van drie methoden, 2014-2015",
            _blokken(POSTER)[:4],
            "www.wmowerkplaatsnoord.nl",
        )
        uit = io.BytesIO()
        figuur.savefig(uit, format="png", dpi=100, metadata={"Software": None})
    return uit.getvalue()


def nieuwsbrief_pdf() -> bytes:
    """The demo's newsletter (Bijlage 4) as a two-page PDF: drawn, not the printed original."""
    blokken = _blokken(NIEUWSBRIEF)
    uit = io.BytesIO()
    with stijl(), PdfPages(uit, metadata={"Creator": None, "Producer": None, "CreationDate": None}) as document:
        document.savefig(_pagina("Nieuwsbrief", "Wmo-werkplaats Noord, januari 2016", blokken[:2], "Pagina 1"))
        document.savefig(_pagina("Nieuwsbrief", "Wmo-werkplaats Noord, januari 2016", blokken[2:], "Pagina 2"))
    return uit.getvalue()


def logo_png(naam: str, kleur: str) -> bytes:
    """A partner's logo for the demo's back page: its name in white on a coloured block (drawn, not the real one)."""
    with stijl():
        figuur = Figure(figsize=(3.2, 0.9))
        figuur.text(0.5, 0.5, naam, color="white", fontsize=13, fontweight="bold", ha="center", va="center")
        uit = io.BytesIO()
        figuur.savefig(uit, format="png", dpi=150, facecolor=kleur, metadata={"Software": None})
    return uit.getvalue()


def achterpagina_laden(traject) -> None:
    """The back page of the werkplaats: the funder, the contact lines and two partners' logos."""
    if Achterpagina.objects.filter(werkplaats=traject.werkplaats).exists():
        return
    services.achterpagina_opslaan(
        achterpagina=Achterpagina(
            werkplaats=traject.werkplaats,
            financier="Dit traject is mogelijk gemaakt door het Ministerie van Volksgezondheid, Welzijn en Sport.",
            contact=(
                "Postbus 30030, 9700 RM Groningen\nf.wester@pl.hanze.nl, e.l.korevaar@pl.hanze.nl\n"
                "www.wmowerkplaatsnoord.nl"
            ),
            logo_1=ContentFile(logo_png("Hanzehogeschool Groningen", BLAUW), name="hanzehogeschool.png"),
            logo_1_naam="Hanzehogeschool Groningen",
            logo_2=ContentFile(logo_png("Wmo-werkplaats Noord", ORANJE), name="wmo-werkplaats-noord.png"),
            logo_2_naam="Wmo-werkplaats Noord",
        )
    )


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
    achterpagina_laden(traject)
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
    # Their pages are attachments (drawn here): an image for the poster, a PDF of two pages for the newsletter.
    item(
        S.POSTER,
        "Wmo-werkplaats Noord",
        B.POSTER,
        {
            "url": "http://www.wmowerkplaatsnoord.nl",
            "omschrijving": POSTER,
            "bijlage_bestand": ContentFile(poster_png(), name="poster.png"),
        },
    )
    item(
        S.NIEUWSBRIEF,
        "Nieuwsbrief januari 2016",
        B.NIEUWSBRIEF,
        {
            "datum": datetime.date(2016, 1, 1),
            "url": "http://www.wmowerkplaatsnoord.nl",
            "omschrijving": NIEUWSBRIEF,
            "bijlage_bestand": ContentFile(nieuwsbrief_pdf(), name="nieuwsbrief.pdf"),
        },
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
    for sectie, tekst in TEKSTEN.items():
        services.tekst_opslaan(rapport=rapport, sectie=sectie, tekst=tekst)
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
