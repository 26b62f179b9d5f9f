"""The end report as one plain data object, built from the records of a trajectory at a peildatum.

`gegevens(rapport)` returns a JSON-serialisable dict: the HTML preview, the PDF and the CSV/XLSX of the
figures all render that same dict. Freezing a report stores the dict (without the narrative, which is
rendered from the current texts and the stored figures), so a frozen PDF does not change with the data.
Every count comes from `scholing.selectors.traject_cijfers`; nothing is counted again here.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import pyphen
from django.conf import settings
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy, pgettext

from quickscan import charts as quickscan_charts
from quickscan import doelen as quickscan_doelen
from quickscan import selectors as quickscan_selectors
from quickscan.models import Ronde
from scholing.models import Bijeenkomst
from scholing.selectors import TrajectCijfers, traject_cijfers
from trajecten.models import Deelname, Methode, Traject
from werkplaats.landelijk import minimum_organisaties
from werkplaats.lib import grafieken_tegelijk
from werkplaats.lib.datums import datum_lang, maand_jaar, maanden_erbij, maanden_tussen, maandperiode
from werkplaats.models import Organisatie

from . import bijlagen, charts, markup
from .models import Achterpagina, Disseminatie, Eindrapport, Onderwijsmodule, Plaatsing

# The report's own language (`Eindrapport.taal`, Dutch unless chosen otherwise): its fixed texts, headings, chart
# labels and dates are in that language whatever the request's; the narrative the lectoraat writes stays as written.
TAAL = "nl"

# The sections with editable narrative, in the order of the report, with their default text.
SECTIES = [
    ("voorwoord", gettext_lazy("Voorwoord")),
    ("werkplaats", gettext_lazy("1.1 De werkplaats")),
    ("implementatie", gettext_lazy("1.2 Implementatie")),
    ("doel", gettext_lazy("1.3 Doel, activiteiten en beoogde resultaten (inleiding)")),
    ("beoogd_borging", gettext_lazy("1.3.3 en 4.1 6. Borging: beoogd")),
    ("beoogd_onderwijs", gettext_lazy("1.3.3 en 4.1 7. Initieel onderwijs: beoogd")),
    ("beoogd_beschrijving", gettext_lazy("1.3.3 en 4.1 8. Beschrijving: beoogd")),
    ("beoogd_disseminatie", gettext_lazy("1.3.3 en 4.1 9. Disseminatie: beoogd")),
    ("aanpak", gettext_lazy("2 De aanpak van het implementatietraject")),
    ("projectorganisatie", gettext_lazy("2.1 Projectorganisatie")),
    ("werkwijze_inleiding", gettext_lazy("2.2 Aanpak: motto en keuze van de methoden")),
    ("werkwijze", gettext_lazy("2.2 Aanpak: voorwaarde en werkwijze")),
    ("methoden_doel", gettext_lazy("2.3 Doel van de methoden")),
    ("proces", gettext_lazy("3 Het implementatieproces")),
    ("scholing", gettext_lazy("4.1 1. Scholing")),
    ("buddies", gettext_lazy("4.1 2. Buddy's")),
    ("implementatieleiders", gettext_lazy("4.1 3. Implementatieleiders")),
    ("implementatieleiders_ervaringen", gettext_lazy("4.1 3. Implementatieleiders: ervaringen")),
    ("vrijwilligers", gettext_lazy("4.1 4. Vrijwilligers")),
    ("ambtenaren", gettext_lazy("4.1 5. Ambtenaren/managers")),
    ("borging", gettext_lazy("4.1 6. Borging")),
    ("borging_vervolg", gettext_lazy("4.1 6. Borging: belemmeringen en vervolg")),
    ("onderwijs", gettext_lazy("4.1 7. Initieel onderwijs")),
    ("beschrijving", gettext_lazy("4.1 8. Beschrijving implementatietraject")),
    ("disseminatie", gettext_lazy("4.1 9. Disseminatie")),
    ("presentaties_slot", gettext_lazy("Bijlage 2: slot")),
    ("achterpagina", gettext_lazy("Achterpagina")),
]

STANDAARDTEKSTEN = {
    "voorwoord": gettext_lazy(
        "Voor u ligt het eindrapport van het project van de {{ werkplaats }}. Het eindrapport omvat de periode "
        "{{ periode_lang }}. Het bevat bijdragen van de betrokken medewerkers over de resultaten van het "
        "implementatietraject.\n\nDank gaat uit naar de participerende instellingen en gemeenten voor hun "
        "betrokkenheid en inzet:"
    ),
    "werkplaats": "{{ werkplaats_omschrijving }}",
    "implementatie": gettext_lazy(
        "Implementatie is het systematisch en planmatig invoeren van bestaande kennis met als doel deze een "
        "structurele plaats te geven in het beroepsmatig handelen en/of het functioneren van een organisatie."
    ),
    "doel": gettext_lazy(
        "Het projectplan beschrijft het doel, de activiteiten en de beoogde resultaten van het traject."
    ),
    "beoogd_borging": gettext_lazy(
        "De organisaties gaan daadwerkelijk aan de slag met de implementatie van de methoden in hun "
        "organisatorisch handelen; het implementatie- en borgingsproces hoeft aan het eind nog niet af te zijn."
    ),
    "beoogd_onderwijs": gettext_lazy(
        "Bijdragen aan het initiële onderwijs in de vorm van colleges, workshops en opleidingsmodulen, zodat het "
        "curriculum aansluit bij de vraag uit het werkveld."
    ),
    "beoogd_beschrijving": gettext_lazy(
        "Een beschrijving van de implementatietrajecten, met aandacht voor de methode van implementatie."
    ),
    "beoogd_disseminatie": gettext_lazy("Disseminatie van de uitkomsten via diverse kanalen."),
    "aanpak": gettext_lazy(
        "De implementatie is opgehangen aan een beperkt aantal methoden die een centrale plaats innemen in de "
        "beoogde nieuwe werkwijzen. De deelnemende professionals werkten rond de methode samen met twee "
        "collega's, buddy's, aan wie zij het geleerde doorgaven, zodat een inktvlekproces zou ontstaan."
    ),
    "projectorganisatie": gettext_lazy(
        "Rond de methoden zijn scholingsgroepen van professionals van de deelnemende instellingen en gemeenten "
        "gevormd. Daarnaast was er een groep implementatieleiders, die de voortgang bewaakte."
    ),
    "werkwijze_inleiding": gettext_lazy("Aan de geïnteresseerde organisaties zijn deze methoden voorgelegd:"),
    "werkwijze": "",
    "methoden_doel": "",
    "proces": gettext_lazy(
        "Het implementatieproces liep van {{ start_maand }} tot en met {{ einde_maand }}, in {{ fasen_aantal }} fasen."
    ),
    "scholing": gettext_lazy("In totaal zijn **{{ geschoold_totaal }}** in één of meer methoden geschoold."),
    "buddies": gettext_lazy(
        "De deelnemers aan de scholing hadden minimaal twee buddy's in hun organisatie. Sommige deelnemers "
        "namen hun gehele team als buddy mee. In totaal zijn **{{ buddies_totaal }}** collega's als buddy in "
        "wisselende omvang meegenomen in het scholingstraject."
    ),
    "implementatieleiders": gettext_lazy(
        "Deze groep telde oorspronkelijk {{ leiders_totaal }} deelnemers van {{ leiders_organisaties }} "
        "verschillende organisaties. Het aantal deelnemers is in de loop van het traject afgenomen, van "
        "{{ leiders_totaal }} tot {{ leiders_actief }} actieve deelnemers. Redenen:"
    ),
    "implementatieleiders_ervaringen": "",
    "vrijwilligers": gettext_lazy(
        "Bij de trainingsmodules zijn {{ vrijwilligers_tekst }} vrijwilligers betrokken geweest."
    ),
    "ambtenaren": gettext_lazy(
        "In totaal zijn er {{ ambtenaren_totaal }} ambtenaren geschoold in de betreffende onderwijsmodules."
    ),
    "borging": gettext_lazy("We zien wisselende resultaten."),
    "borging_vervolg": "",
    "onderwijs": gettext_lazy("De methoden hebben een plaats gekregen in het initieel onderwijs:"),
    "beschrijving": gettext_lazy("De drie implementatietrajecten zijn beschreven in:"),
    "disseminatie": gettext_lazy("De resultaten zijn via diverse kanalen verspreid:"),
    "presentaties_slot": "",
    "achterpagina": gettext_lazy("{{ werkplaats }}  \n{{ hogeschool }}, lectoraat {{ lectoraat }}"),
}

# Borging states whose organisations the report does not name unless asked (the seed keeps them anonymous).
ANONIEM = ("belemmerd", "gestopt")
GETALWOORDEN = {
    1: gettext_lazy("één"),
    2: gettext_lazy("twee"),
    3: gettext_lazy("drie"),
    4: gettext_lazy("vier"),
    5: gettext_lazy("vijf"),
    6: gettext_lazy("zes"),
}

# Figures that a report may print with other wording than the computed value (with a note), with their names as the
# override form and the report's page show them.
CIJFERNAMEN = {
    "professionals_totaal": gettext_lazy("Geschoolde professionals"),
    "geschoold_totaal": gettext_lazy("Geschoold in één of meer methoden (totaal)"),
    "buddies_totaal": gettext_lazy("Buddy's: collega's die zijn meegenomen"),
    "leiders_totaal": gettext_lazy("Implementatieleiders bij de start"),
    "leiders_organisaties": gettext_lazy("Organisaties van de implementatieleiders"),
    "leiders_actief": gettext_lazy("Implementatieleiders die actief bleven"),
    "vrijwilligers": gettext_lazy("Betrokken vrijwilligers"),
    "ambtenaren_totaal": gettext_lazy("Geschoolde ambtenaren en managers"),
    "organisaties_geschoold": gettext_lazy("Organisaties met geschoolde professionals"),
}
CORRIGEERBAAR = list(CIJFERNAMEN)


# Organisations per heatmap chart in the quickscan annex: the rows of one chart fit on an A4 page.
HEATMAP_RIJEN = 30


def _iso(dag: datetime.date | None) -> str | None:
    return dag.isoformat() if dag else None


def voorwoord_organisaties(deelnames: list[Deelname]) -> list[str]:
    """Municipalities first, then institutions, and the CJGs combined on one line, as in the voorwoord."""
    gemeenten = sorted((d.organisatie for d in deelnames if d.organisatie.soort == Organisatie.Soort.GEMEENTE), key=str)
    cjgs = sorted((d.organisatie for d in deelnames if d.organisatie.soort == Organisatie.Soort.CJG), key=str)
    overig = sorted(
        (
            d.organisatie
            for d in deelnames
            if d.organisatie.soort not in (Organisatie.Soort.GEMEENTE, Organisatie.Soort.CJG)
        ),
        key=lambda o: o.naam.lower().removeprefix("de ").removeprefix("het "),
    )
    regels = [o.naam for o in gemeenten + overig]
    if cjgs:
        regels.append("CJG's " + ", ".join(o.naam.removeprefix("CJG ") for o in cjgs))
    return regels


def projectorganisatie(deelnames: list[Deelname]) -> dict[str, list[str]]:
    """2.1: the municipalities, the institutions from the start, and who joined later (each sorted by name)."""

    def sortering(naam: str) -> str:
        return naam.lower().removeprefix("de ").removeprefix("het ")

    vanaf_start = [d for d in deelnames if not d.later_ingestapt]
    gemeenten = [d.organisatie.naam for d in vanaf_start if d.organisatie.soort == Organisatie.Soort.GEMEENTE]
    return {
        "gemeenten": sorted((naam.removeprefix("Gemeente ") for naam in gemeenten), key=sortering),
        "instellingen": sorted(
            (d.organisatie.naam for d in vanaf_start if d.organisatie.soort != Organisatie.Soort.GEMEENTE),
            key=sortering,
        ),
        "later": sorted((d.organisatie.naam for d in deelnames if d.later_ingestapt), key=sortering),
    }


def doelen_met_methoden(doelen: list[str], methoden: list[str]) -> list[dict[str, Any]]:
    """The goals as 1.3.1 prints them, each list of methods once, as a list under its goal.

    A goal that ends in a list ("... in drie methoden: Het Gesprek; T-shaped; Rehabilitatie") keeps the text up
    to the colon and gets its own names as the list; otherwise the first goal gets the trajectory's methods.
    """
    uit: list[dict[str, Any]] = []
    for doel in doelen:
        kop, dubbelepunt, staart = doel.rpartition(":")
        namen = [d.strip().rstrip(".") for d in staart.split(";") if d.strip()]
        if dubbelepunt and len(namen) > 1:
            uit.append({"tekst": kop + ":", "methoden": namen})
        else:
            uit.append({"tekst": doel, "methoden": []})
    if uit and not any(d["methoden"] for d in uit):
        uit[0]["methoden"] = list(methoden)
    return uit


def _methode_code(methode: Methode) -> str:
    return slugify(methode.korte_naam).replace("-", "_")


def _figuren(
    traject: Traject, cijfers: TrajectCijfers, peildatum: datetime.date, taal: str = TAAL
) -> dict[str, object]:
    """The report's figures: the values its {{ placeholders }} and overrides name (dates in the report's language)."""
    with translation.override(taal):
        return _figuren_in_taal(traject, cijfers, peildatum)


def leidersoverleg(dagen: list[datetime.date]) -> str:
    """How often the leaders met, in words: "eens in de drie maanden" (the median gap, in months)."""
    if len(dagen) < 2:
        return ""
    tussen = sorted(max(1, maanden_tussen(a, b)) for a, b in itertools.pairwise(dagen))
    maanden = tussen[len(tussen) // 2]
    if maanden == 1:
        return gettext("elke maand")
    return gettext("eens in de %(aantal)s maanden") % {"aantal": GETALWOORDEN.get(maanden, str(maanden))}


def _figuren_in_taal(traject: Traject, cijfers: TrajectCijfers, peildatum: datetime.date) -> dict[str, object]:
    leidersdagen = sorted(
        Bijeenkomst.objects.filter(
            traject=traject, soort=Bijeenkomst.Soort.IMPLEMENTATIELEIDERS, datum__lte=peildatum
        ).values_list("datum", flat=True)
    )
    periode_lang = " – ".join(datum_lang(d) for d in (traject.startdatum, traject.einddatum))
    figuren: dict[str, object] = {
        "werkplaats": traject.werkplaats.naam,
        "werkplaats_omschrijving": traject.werkplaats.omschrijving,
        "hogeschool": traject.werkplaats.hogeschool,
        "lectoraat": traject.werkplaats.lectoraat,
        "start": datum_lang(traject.startdatum),
        "einde": datum_lang(traject.einddatum),
        "start_maand": maand_jaar(traject.startdatum),
        "einde_maand": maand_jaar(traject.einddatum),
        "periode": f"{traject.startdatum.year}-{traject.einddatum.year}",
        "periode_lang": periode_lang,
        "fasen_aantal": traject.fasen.count(),
        "professionals_totaal": cijfers.professionals_totaal,
        "organisaties_geschoold": cijfers.organisaties_geschoold,
        "geschoold_totaal": cijfers.geschoold_totaal,
        "aanvullend_totaal": cijfers.aanvullend_totaal,
        "buddies_totaal": cijfers.buddies_totaal,
        "leiders_totaal": cijfers.leiders_totaal,
        "leiders_organisaties": cijfers.leiders_organisaties,
        "leiders_actief": cijfers.leiders_actief,
        "leiders_bijeenkomsten": len(leidersdagen),
        "leiders_overleg": leidersoverleg(leidersdagen),
        "vrijwilligers": cijfers.vrijwilligers,
        "vrijwilligers_tekst": str(cijfers.vrijwilligers) if cijfers.vrijwilligers else pgettext("aantal", "geen"),
        "ambtenaren_totaal": cijfers.ambtenaren_totaal,
        "streef_professionals": cijfers.streefwaarden.get("professionals"),
        "streef_buddies_per_deelnemer": cijfers.streefwaarden.get("buddies_per_deelnemer"),
        "streef_buddies_totaal": cijfers.buddies_streefwaarde_totaal,
        "streef_implementatieleiders": cijfers.streefwaarden.get("implementatieleiders"),
        "streef_vrijwilligers": cijfers.streefwaarden.get("vrijwilligers"),
        "streef_ambtenaren": cijfers.streefwaarden.get("ambtenaren"),
        "startbijeenkomst_aantal": cijfers.grootste_bijeenkomst.aantal_aanwezig
        if cijfers.grootste_bijeenkomst
        else None,
    }
    for m in cijfers.methoden:
        figuren[f"professionals_{_methode_code(m.methode)}"] = m.professionals
        figuren[f"organisaties_{_methode_code(m.methode)}"] = m.organisaties
    return figuren


def figuren(rapport: Eindrapport) -> tuple[dict[str, object], dict[str, object]]:
    """(computed, printed) figures of a report, without building its charts and annexes."""
    if rapport.bevroren_gegevens:
        berekend = dict(rapport.bevroren_gegevens["figuren"])
    else:
        cijfers = traject_cijfers(rapport.traject, rapport.peildatum)
        berekend = _figuren(rapport.traject, cijfers, rapport.peildatum, rapport.taal)
    gedrukt = dict(berekend)
    if rapport.pk is not None:
        gedrukt.update({c.sleutel: c.waarde for c in rapport.correcties.all()})
    return berekend, gedrukt


def berekenen(
    traject: Traject, peildatum: datetime.date, taal: str = TAAL, *, vergelijking: bool = False
) -> dict[str, Any]:
    """Everything of the report that comes from the records (the part a freeze stores), in the report's language.

    `vergelijking` (`Eindrapport.vergelijking_in_bijlage`): the quickscan annex sets each organisation against its
    peers (`_vergelijkingen`)."""
    with translation.override(taal):
        cijfers = traject_cijfers(traject, peildatum)
        deelnames = list(
            Deelname.objects.filter(traject=traject, vanaf__lte=peildatum).select_related("organisatie").order_by("pk")
        )
        figuren = _figuren(traject, cijfers, peildatum, taal)
        methoden = []
        for m in cijfers.methoden:
            methoden.append(
                {
                    "code": _methode_code(m.methode),
                    "naam": m.methode.alias("eindrapport 4.1", traject.werkplaats_id),
                    "naam_beschrijving": m.methode.alias("eindrapport 2.3", traject.werkplaats_id),
                    "naam_doel": m.methode.alias("eindrapport 1.3", traject.werkplaats_id),
                    "korte_naam": m.methode.korte_naam,
                    "omschrijving": m.methode.omschrijving,
                    "kenmerken": m.methode.kenmerken_lijst,
                    "professionals": m.professionals,
                    "organisaties": m.organisaties,
                    "gemeenten": m.gemeenten,
                    "groepen": m.groepen,
                    "ambtenaren": m.ambtenaren,
                    "streefwaarde": m.streefwaarde,
                    "streefwaarde_ambtenaren": m.streefwaarde_ambtenaren,
                    "aanvullend": m.aanvullend,
                    "aanvullend_organisaties": m.aanvullend_organisaties,
                }
            )
        fasen = [
            {
                "nummer": f.nummer,
                "naam": f.naam,
                "label": f.label or f.get_theorie_display(),
                "maanden": f.maanden_tekst or maandperiode(f.startmaand, f.eindmaand),
                "start": _iso(f.startmaand),
                "eind": _iso(f.eindmaand),
                "omschrijving": f.omschrijving,
            }
            for f in traject.fasen.all()
        ]
        borging: dict[str, dict[str, Any]] = {}
        for code, label in Deelname.Borging.choices:  # in the order of the choices: the good news first
            borging[code] = {"code": code, "status": str(label), "organisaties": []}
        for d in deelnames:
            if d.borging:
                borging[d.borging]["organisaties"].append({"naam": d.organisatie.naam, "url": d.bewijs_url})
        return {
            "traject": traject.naam,
            "peildatum": peildatum.isoformat(),
            "peildatum_tekst": datum_lang(peildatum),
            "figuren": figuren,
            "organisaties_voorwoord": voorwoord_organisaties(deelnames),
            "organisaties_later": [d.organisatie.naam for d in deelnames if d.later_ingestapt],
            "projectorganisatie": projectorganisatie(deelnames),
            "doelen": doelen_met_methoden(traject.doelen, [m["naam_doel"] for m in methoden]),
            "activiteiten": traject.activiteitenlijst,
            "methoden": methoden,
            "aangeboden": [
                m.alias("eindrapport 2.2", traject.werkplaats_id) for m in traject.methoden_aangeboden.all()
            ],
            "fasen": fasen,
            "fasen_svg": charts.fasen_svg(fasen),
            "organisaties_per_aantal_methoden": [
                [n, orgs] for n, orgs in cijfers.organisaties_per_aantal_methoden.items()
            ],
            "leiders_redenen": [[reden, n] for reden, n in cijfers.leiders_redenen],
            "leiders_functies": cijfers.leiders_functies,
            "borging": [b for b in borging.values() if b["organisaties"]],
            "doelen_tabel": [
                {
                    "label": d.label,
                    "streefwaarde": d.streefwaarde,
                    "gerealiseerd": d.gerealiseerd,
                    "formulering": d.formulering,
                }
                for d in cijfers.doelen
            ],
            "bijlagen": _bijlagen(traject),
            "quickscans": _quickscans(traject, peildatum, vergelijking=vergelijking),
        }


def _tekst(waarde: str) -> str:
    """A register field as printed inside a sentence: without the trailing full stop the sentence adds."""
    return waarde.strip().rstrip(".").strip()


def _redactie(waarde: str) -> str:
    """Editors without a typed "(red.)" (or "(ed.)", "(eds.)"): the reference adds it once, in the report's language."""
    return re.sub(r"\s*\((?:red|eds?)\.\)\s*$", "", waarde.strip())


def _item(d: Disseminatie) -> dict[str, Any]:
    return {
        "soort": d.get_soort_display(),
        "code": d.soort,
        "bijlage": d.bijlage,
        "titel": _tekst(d.titel),
        "auteurs": d.auteurs.strip(),
        "rubriek": d.rubriek,
        "datum": datum_lang(d.datum) if d.datum else "",
        "datum_iso": _iso(d.datum) or "",
        "jaar": d.jaar or (d.datum.year if d.datum else None),
        "evenement": _tekst(d.evenement),
        "plaats": _tekst(d.plaats),
        "uitgever": _tekst(d.uitgever),
        "boektitel": _tekst(d.boektitel),
        "redactie": _redactie(d.redactie),
        "url": d.url,
        "status": d.get_status_display() if d.status != Disseminatie.Status.VERSCHENEN else "",
        "omschrijving": d.omschrijving,
        # The attachment's pages as data: images, so a frozen snapshot keeps them (rapportage.bijlagen).
        "afbeeldingen": bijlagen.afbeeldingen(d.bijlage_paginas, _tekst(d.titel)) if d.bijlage_paginas else [],
        "programma": [
            {
                "soort": p.get_soort_display(),
                "code": p.soort,
                "nummer": p.nummer,
                "titel": p.titel,
                "sprekers": p.sprekers,
                "omschrijving": p.omschrijving,
            }
            for p in d.programma.all()
            if p.actief
        ],
    }


def _groepen(items: list[dict[str, Any]], sleutel: str) -> list[dict[str, Any]]:
    """Items grouped by `sleutel`, the groups in the order of their first item."""
    groepen: dict[Any, list[dict[str, Any]]] = {}
    for item in items:
        groepen.setdefault(item[sleutel], []).append(item)
    return [{"kop": kop, "items": lijst} for kop, lijst in groepen.items()]


def _presentaties(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Bijlage 2 as printed: the conferences (with their programme), the Wmo-ateliers, then per presenter per year."""
    eerst = {"Conferenties": 0, "Wmo-atelier": 1}
    bijeenkomsten = sorted(
        (p for p in items if p["code"] != Disseminatie.Soort.PRESENTATIE),
        key=lambda p: (eerst.get(p["rubriek"], 2), p["rubriek"], p["datum_iso"] or str(p["jaar"] or "")),
    )
    for p in bijeenkomsten:
        p["plenair"] = [o for o in p["programma"] if o["code"] != "workshop"]
        p["workshops"] = [o for o in p["programma"] if o["code"] == "workshop"]
    sprekers = []
    for groep in _groepen(
        sorted((p for p in items if p["code"] == Disseminatie.Soort.PRESENTATIE), key=lambda p: p["rubriek"]),
        "rubriek",
    ):
        per_jaar = sorted(groep["items"], key=lambda p: (-(p["jaar"] or 0), p["datum_iso"] or "9"))
        sprekers.append({"naam": groep["kop"], "jaren": _groepen(per_jaar, "jaar")})
    return {"bijeenkomsten": _groepen(bijeenkomsten, "rubriek"), "sprekers": sprekers}


def _kanalen(items: list[dict[str, Any]], modules: list[Onderwijsmodule], traject: Traject) -> list[dict[str, str]]:
    """4.1 item 9: every channel of the register once, with the annex it is shown in."""
    kanalen: list[dict[str, str]] = []
    gezien: set[str] = set()

    def kanaal(tekst: str, bijlage: str = "") -> None:
        if tekst not in gezien:
            gezien.add(tekst)
            kanalen.append({"tekst": tekst, "bijlage": bijlage})

    for item in items:
        if item["code"] == Disseminatie.Soort.WEBSITE:
            kanaal(gettext("Website %(titel)s") % {"titel": item["titel"]})
        elif item["code"] == Disseminatie.Soort.WMO_ATELIER:
            kanaal(gettext("Wmo-atelier: %(titel)s") % {"titel": item["titel"]}, item["bijlage"])
    if modules:
        namen = ", ".join(m.naam for m in modules if m.methode_id)
        kanaal(gettext("Ontwikkelde onderwijsmodulen (%(namen)s), opgenomen in de curricula") % {"namen": namen})
    for item in items:
        if not item["bijlage"] and item["code"] not in (Disseminatie.Soort.WEBSITE, Disseminatie.Soort.WMO_ATELIER):
            kanaal(item["titel"])
    namen = {
        Disseminatie.Bijlage.PUBLICATIES: gettext("Publicaties"),
        Disseminatie.Bijlage.PRESENTATIES: gettext("Presentaties"),
        Disseminatie.Bijlage.POSTER: gettext("Poster"),
        Disseminatie.Bijlage.NIEUWSBRIEF: gettext("Nieuwsbrief"),
    }
    for bijlage, naam in namen.items():
        if any(i["bijlage"] == bijlage for i in items):
            kanaal(naam, bijlage)
    conferenties = sorted(
        (i for i in items if i["code"] == Disseminatie.Soort.CONFERENTIE and i["datum_iso"]),
        key=lambda i: i["datum_iso"],
    )
    if conferenties and conferenties[-1]["datum_iso"] >= _iso(maanden_erbij(traject.einddatum, -3)):
        kanaal(
            gettext("Afsluitende conferentie op %(datum)s") % {"datum": conferenties[-1]["datum"]},
            conferenties[-1]["bijlage"],
        )
    return kanalen


def _bijlagen(traject: Traject) -> dict[str, Any]:
    items = [
        _item(d)
        for d in Disseminatie.objects.filter(traject=traject, actief=True)
        .prefetch_related("programma")
        .order_by("bijlage", "pk")
    ]
    per_bijlage: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        per_bijlage[item["bijlage"]].append(item)
    modules = list(
        Onderwijsmodule.objects.filter(traject=traject, actief=True).select_related("methode").order_by("naam")
    )
    plaatsingen = defaultdict(list)
    for p in Plaatsing.objects.filter(module__in=modules, actief=True).order_by("jaar", "pk"):
        plaatsingen[p.module_id].append(
            {
                "opleiding": p.opleiding,
                "jaar": p.jaar,
                "vorm": p.get_vorm_display(),
                "startjaar": p.startjaar,
                "status": p.get_status_display(),
                "toelichting": p.toelichting,
            }
        )
    websites = [i for i in items if i["code"] == Disseminatie.Soort.WEBSITE]
    return {
        "publicaties": _groepen(per_bijlage.get(Disseminatie.Bijlage.PUBLICATIES, []), "rubriek"),
        "presentaties": _presentaties(per_bijlage.get(Disseminatie.Bijlage.PRESENTATIES, [])),
        "poster": per_bijlage.get(Disseminatie.Bijlage.POSTER, []),
        "nieuwsbrief": per_bijlage.get(Disseminatie.Bijlage.NIEUWSBRIEF, []),
        "hoofdstukken": [i for i in items if i["code"] == Disseminatie.Soort.HOOFDSTUK],
        "kanalen": _kanalen(items, modules, traject),
        "website": websites[0]["url"] if websites else "",
        "onderwijs": [
            {
                "naam": m.naam,
                "methode": m.methode.korte_naam if m.methode else "",
                "plaatsingen": plaatsingen.get(m.pk, []),
            }
            for m in modules
        ],
    }


def _quickscans(traject: Traject, peildatum: datetime.date, *, vergelijking: bool = False) -> dict[str, Any]:
    """The quickscan annex: per organisation the progress chart of its last two rounds, and the heatmap; with
    `vergelijking`, under each organisation's last chart its position against its peers (`_vergelijkingen`)."""
    rondes = quickscan_selectors.rondes_met_scores(
        Ronde.objects.afgerond()
        .filter(organisatie__deelnames__traject=traject, datum__lte=peildatum)
        .order_by("organisatie__naam", "afdeling_id", "datum", "pk")
    )
    reeksen: dict[tuple[int, int | None], list[Ronde]] = defaultdict(list)
    for ronde in rondes:
        reeksen[(ronde.organisatie_id, ronde.afdeling_id)].append(ronde)
    grafieken = []
    namen: dict[int, dict[str, str]] = {}  # per instrument: element code -> full name, for the tables
    for reeks in reeksen.values():
        eerste, tweede = (reeks[-2], reeks[-1]) if len(reeks) > 1 else (reeks[-1], None)
        elementen = _grafiekelementen(eerste.instrument)
        nummers = {r.pk: i for i, r in enumerate(reeks, start=1)}
        scores_eerste = quickscan_selectors.scores_per_code(eerste)
        scores_tweede = quickscan_selectors.scores_per_code(tweede) if tweede else {}
        # The targets the later round set for the next one (issue 16): in the chart and as a column of its table.
        doelen = quickscan_doelen.doelen_per_code(tweede or eerste)
        if eerste.instrument_id not in namen:
            namen[eerste.instrument_id] = {e.code: e.naam_in_taal for e in eerste.instrument.elementen.all()}
        svg = quickscan_charts.voortgang_svg(
            elementen,
            quickscan_selectors.chart_ronde(eerste, nummers[eerste.pk]),
            quickscan_selectors.chart_ronde(tweede, nummers[tweede.pk]) if tweede else None,
            kop={
                "afdeling": eerste.plek,
                "naam": (tweede or eerste).ingevuld_door,
                "functie": (tweede or eerste).functie,
            },
            norm=eerste.instrument.norm,
            doelen=doelen or None,
        )
        grafieken.append(
            {
                "organisatie": eerste.organisatie.naam,
                "plek": eerste.plek,
                "illustratief": any(r.illustratief for r in reeks),
                "svg": svg,
                "scores": [
                    [
                        namen[eerste.instrument_id].get(e.code, e.label),
                        scores_eerste.get(e.code),
                        scores_tweede.get(e.code),
                        doelen.get(e.code),
                    ]
                    for e in elementen
                ],
                "met_doel": bool(doelen),
                "datums": [
                    datum_lang(eerste.datum),
                    datum_lang(tweede.datum) if tweede else "",
                ],
            }
        )
    organisaties = Organisatie.objects.filter(deelnames__traject=traject)
    kolommen, rijen = quickscan_selectors.overzicht(organisaties)
    rijen = [r for r in rijen if r.ronde.datum <= peildatum]
    heatmaps = []
    # The heatmap's numbers as a table too (every chart has one: PDF/UA, WCAG 1.1.1).
    heatmap_tabel = {
        "kolommen": [e.naam_in_taal for e in kolommen],
        "rijen": [[r.naam, [r.scores.get(e.code) for e in kolommen]] for r in rijen],
    }
    if rijen:
        labels = {e.code: _afgebroken(e.naam_in_taal) for e in kolommen}
        elementen = [quickscan_charts.Element(code=e.code, label=labels[e.code]) for e in kolommen]
        norm = kolommen[0].instrument.norm if kolommen else 3
        # One chart per HEATMAP_RIJEN organisations, so that each fits on a page (350 organisations: 12 charts).
        heatmaps = [
            quickscan_charts.heatmap_svg(elementen, [(r.naam, r.scores) for r in deel], norm=norm)
            for deel in (rijen[i : i + HEATMAP_RIJEN] for i in range(0, len(rijen), HEATMAP_RIJEN))
        ]
    if vergelijking:
        _vergelijkingen(rondes, list(reeksen), grafieken, peildatum)
    return {
        "grafieken": grafieken,
        "heatmaps": heatmaps,
        "heatmap_tabel": heatmap_tabel,
        "met_doel": any(g["met_doel"] for g in grafieken),
        "vergelijking": vergelijking,
        "minimum": minimum_organisaties(),
    }


def _vergelijkingen(
    rondes: list[Ronde],
    reeksen: list[tuple[int, int | None]],
    grafieken: list[dict[str, Any]],
    peildatum: datetime.date,
) -> None:
    """Put under each organisation's last chart its latest scores against its peers on the peildatum
    (`quickscan.selectors.vergelijkingen`: same method, same kind when there are enough of them, across werkplaatsen;
    no other organisation named, no spread of fewer than the threshold). Two queries, whatever the number of
    organisations."""
    laatste: dict[int, Ronde] = {}  # per organisation its latest submitted round with a score, any series
    for ronde in rondes:
        if any(score.score is not None for score in ronde.scores.all()):
            huidig = laatste.get(ronde.organisatie_id)
            if huidig is None or (ronde.datum, ronde.pk) > (huidig.datum, huidig.pk):
                laatste[ronde.organisatie_id] = ronde
    uitkomst = quickscan_selectors.vergelijkingen([(r.organisatie, r) for r in laatste.values()], peildatum)
    laatste_grafiek = {organisatie_id: index for index, (organisatie_id, _afdeling) in enumerate(reeksen)}
    for organisatie_id, index in laatste_grafiek.items():
        v = uitkomst.get(organisatie_id)
        if v is None:
            grafieken[index]["vergelijking"] = None
            continue
        rijen = [
            [
                rij.element.naam_in_taal,
                rij.score,
                rij.verdeling.q1 if rij.verdeling else None,
                rij.verdeling.mediaan if rij.verdeling else None,
                rij.verdeling.q3 if rij.verdeling else None,
                rij.positie,
            ]
            for rij in v.rijen
            if rij.score is not None  # an element it did not score has no position
        ]
        grafieken[index]["vergelijking"] = {
            "datum": datum_lang(v.datum),
            "methoden": v.methoden,
            "vergelijkbaar": v.vergelijkbaar,
            "soort": v.soort,
            "op_soort": v.op_soort,
            "getoond": any(rij[2] is not None for rij in rijen),
            "rijen": rijen,
        }


# Hyphenation dictionaries per report language (the chart labels of element names).
_PYPHEN = {"nl": pyphen.Pyphen(lang="nl_NL"), "en": pyphen.Pyphen(lang="en_GB")}


def _afgebroken(naam: str, breedte: int = 12) -> str:
    """An element name for a chart label: words longer than a label line hyphenated at a syllable (of the active
    language: Dutch, or English in an English report).

    "Organisatiecultuur" -> "Organisatie-cultuur", which the chart wraps after the hyphen; the name itself is
    printed whole in the tables.
    """
    woorden = []
    for woord in naam.split():
        if len(woord) > breedte:
            # The longest left part that fits, with a right part of at least five letters: that tends to be
            # the boundary of a compound ("Uitgangs-punten", not "Uitgangspun-ten").
            woordenboek = _PYPHEN.get(translation.get_language() or TAAL, _PYPHEN[TAAL])
            splitsingen = [(len(a), a, b) for a, b in woordenboek.iterate(woord) if len(a) < breedte]
            goed = [s for s in splitsingen if len(s[2]) >= 5] or splitsingen
            if goed:
                _lengte, links, rechts = max(goed)
                woord = f"{links}-{rechts}"
        woorden.append(woord)
    return " ".join(woorden)


def _grafiekelementen(instrument: Any) -> list[quickscan_charts.Element]:
    return [
        quickscan_charts.Element(code=e.code, label=_afgebroken(e.naam_in_taal)) for e in instrument.elementen.all()
    ]


def berekenen_getekend(rapport: Eindrapport) -> dict[str, Any]:
    """`berekenen` for the report, its missing charts drawn side by side (a large report's one per organisation:
    werkplaats/lib/grafieken_tegelijk.py)."""
    return grafieken_tegelijk.tegelijk_getekend(lambda: _berekenen(rapport), werkers=settings.PDF_WERKERS)


def _berekenen(rapport: Eindrapport) -> dict[str, Any]:
    """`berekenen` with the report's own date, language and options."""
    return berekenen(rapport.traject, rapport.peildatum, rapport.taal, vergelijking=rapport.vergelijking_in_bijlage)


def gegevens(rapport: Eindrapport) -> dict[str, Any]:
    """The whole report object: the stored (frozen) or freshly computed data, overrides and narrative, in the report's
    language (`meta.taal`, which the preview and the PDF render it in)."""
    with translation.override(rapport.taal):
        return _gegevens(rapport)


def gegevens_naast_getekend(rapport: Eindrapport) -> tuple[dict[str, Any], grafieken_tegelijk.Naast]:
    """`gegevens` for a PDF: every chart not yet cached is a stand-in, drawn beside this process while the PDF is
    laid out (`grafieken_tegelijk.naast_getekend`; rapportage/pdf.py `rapport_pdf`)."""
    with translation.override(rapport.taal):
        return grafieken_tegelijk.naast_getekend(
            lambda: _gegevens(rapport, getekend=False), werkers=settings.PDF_WERKERS
        )


def _gegevens(rapport: Eindrapport, *, getekend: bool = True) -> dict[str, Any]:
    data = rapport.bevroren_gegevens or (berekenen_getekend(rapport) if getekend else _berekenen(rapport))
    berekend = dict(data["figuren"])
    figuren = dict(berekend)
    correcties = []
    opgeslagen = rapport.pk is not None  # an unsaved report (the command at another date) has no texts
    for correctie in rapport.correcties.all() if opgeslagen else []:
        figuren[correctie.sleutel] = correctie.waarde
        correcties.append(
            {
                "sleutel": correctie.sleutel,
                "naam": str(CIJFERNAMEN.get(correctie.sleutel, correctie.sleutel)),
                "berekend": berekend.get(correctie.sleutel),
                "waarde": correctie.waarde,
                "toelichting": correctie.toelichting,
            }
        )
    teksten = {t.sectie: t.tekst for t in rapport.teksten.all()} if opgeslagen else {}
    secties = {
        sleutel: markup.render(teksten.get(sleutel, str(STANDAARDTEKSTEN[sleutel])), figuren)
        for sleutel, _titel in SECTIES
    }
    anoniem = getattr(rapport, "gestopte_organisaties_anoniem", True)
    borging = [
        {**b, "aantal": len(b["organisaties"]), "anoniem": anoniem and b["code"] in ANONIEM}
        for b in data.get("borging", [])
        if isinstance(b, dict)
    ]
    for b in borging:
        if b["anoniem"]:
            b["organisaties"] = []
    return {
        **data,
        "achterpagina": achterpagina(rapport.traject.werkplaats_id),
        "borging": borging,
        "figuren": figuren,
        "berekend": berekend,
        "correcties": correcties,
        "secties": secties,
        "meta": {
            "titel": rapport.titel,
            "werkplaats": rapport.traject.werkplaats.naam,
            "hogeschool": rapport.traject.werkplaats.hogeschool,
            "lectoraat": rapport.traject.werkplaats.lectoraat,
            "periode": berekend.get("periode", ""),
            "auteurs": rapport.auteurs_lijst,
            "auteurs_namen": _namen(rapport.auteurs_lijst),
            "colofon": rapport.colofon,
            "plaats_datum": rapport.plaats_datum,
            "bevroren_op": rapport.bevroren_op.isoformat() if rapport.bevroren_op else None,
            "taal": rapport.taal,
        },
    }


def achterpagina(werkplaats_id: int) -> dict[str, Any]:
    """The werkplaats's back page as the report prints it: funder, contact lines, logos as `data:` images."""
    pagina = Achterpagina.objects.filter(werkplaats_id=werkplaats_id).first()
    if pagina is None:
        return {"financier": "", "contact": [], "logos": []}
    logos = [{"src": bijlagen.data_url(naam), "alt": alt} for naam, alt in pagina.logos()]
    return {
        "financier": pagina.financier.strip(),
        "contact": pagina.contactregels,
        "logos": [logo for logo in logos if logo["src"]],
    }


def _namen(auteurs: list[str]) -> str:
    """'Lies Korevaar en Ferry Wester' from 'Lies Korevaar, projectleider' lines."""
    namen = [regel.split(",")[0].strip() for regel in auteurs]
    return opsomming(namen)


def opsomming(namen: list[str]) -> str:
    """["A", "B", "C"] -> "A, B en C" ("A, B and C" in English), as a sentence lists names."""
    if len(namen) < 2:
        return "".join(namen)
    return gettext("%(eerdere)s en %(laatste)s") % {"eerdere": ", ".join(namen[:-1]), "laatste": namen[-1]}


def _zinnen(delen: list[SafeString]) -> str:
    """Parts joined as sentences: one full stop between them and at the end, never two ("M. (2014)", "M.")."""
    tekst = ""
    for deel in delen:
        if tekst:
            tekst += " " if tekst.endswith((".", "?", "!")) else ". "
        tekst += deel
    return tekst if tekst.endswith((".", "?", "!")) else tekst + "."


def vermelding(d: Mapping[str, Any], kop: str = "") -> SafeString:
    """A register item as printed in the annexes, each field once and every sentence closed once.

    "Korevaar, L. & Wester, F. (2016). *Titel*. In: N. de Groot (red.), *Boek*. Utrecht, Movisie." for a
    publication; "*Titel*. Evenement, Plaats, 6 maart 2015." for a talk. Under a heading that already names the
    presenter (`kop`), the name and year are left out.
    """
    zinnen: list[SafeString] = []
    if d.get("auteurs") and d["auteurs"] != kop:
        zinnen.append(format_html("{} ({})", d["auteurs"], d["jaar"]) if d.get("jaar") else escape(d["auteurs"]))
    zinnen.append(format_html("<em>{}</em>", d["titel"]))
    if d.get("boektitel"):
        redactie = (
            format_html("{} {}, ", d["redactie"], pgettext("redacteur van een bundel", "(red.)"))
            if d.get("redactie")
            else ""
        )
        zinnen.append(format_html("In: {}<em>{}</em>", redactie, d["boektitel"]))
    waar = [d[veld] for veld in ("evenement", "plaats", "uitgever") if d.get(veld)]
    if d.get("datum"):
        waar.append(d["datum"])
    elif d.get("jaar") and (not d.get("auteurs") or d["auteurs"] == kop) and not kop:
        waar.append(str(d["jaar"]))
    if waar:
        zinnen.append(escape(", ".join(waar)))
    status = str(d.get("status") or "")
    if status and not str(d.get("omschrijving") or "").lower().startswith(status.lower()):  # "Verschijnt eind april"
        zinnen.append(escape(status.capitalize()))
    tekst = mark_safe(_zinnen(zinnen))  # every part is escaped above
    url = str(d.get("url") or "")
    if url and url.removeprefix("http://").removeprefix("https://").rstrip("/") != d["titel"]:
        tekst = format_html(
            '{} <a href="{}">{}</a>', tekst, d["url"], d["url"].removeprefix("http://").removeprefix("https://")
        )
    return tekst
