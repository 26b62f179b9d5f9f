"""Dropout reasons hold no health data: "burn-out" becomes "persoonlijke omstandigheden", and a free-text note under
"anders" that names a category is mapped to it.

A note that speaks of health (burn-out, ziek, overspannen, ...) is emptied; under "anders" its reason becomes
"persoonlijke omstandigheden", any other category stays. The history tables get the same treatment, so the health data leaves the database. The reverse step
changes nothing back: what was health data is not restored.
"""

import re

from django.db import migrations

GEZONDHEID = re.compile(r"burn[\s-]?out|ziek|overspannen|zwanger|depressi|gezondheid|medisch|herstel", re.IGNORECASE)
# A note under "anders" that says what a category says.
CATEGORIE_IN_TEKST = [
    (re.compile(r"te\s+druk|geen\s+tijd|werkdruk|te\s+veel\s+trainingen", re.IGNORECASE), "te_druk"),
    (re.compile(r"andere\s+functie|nieuwe\s+functie|van\s+functie", re.IGNORECASE), "andere_functie"),
    (re.compile(r"ontslag|bezuinig", re.IGNORECASE), "ontslag"),
    (re.compile(r"reorganisatie", re.IGNORECASE), "reorganisatie"),
    (re.compile(r"management|leidinggevende", re.IGNORECASE), "geen_medewerking"),
    (re.compile(r"faciliteit", re.IGNORECASE), "geen_faciliteiten"),
]


def _nieuw(reden, tekst):
    """The (reason, note) a row gets, or None when it stays as it is."""
    if not reden:
        return None
    gezondheid = bool(tekst and GEZONDHEID.search(tekst))
    if reden == "burnout" or (reden == "anders" and gezondheid):
        return "persoonlijk", "" if gezondheid else tekst
    if gezondheid:
        return reden, ""  # the category stays (and so the report's figures); the health note goes
    if reden == "anders" and tekst:
        for patroon, code in CATEGORIE_IN_TEKST:
            if patroon.search(tekst):
                return code, tekst
    return None


def redenen_omzetten(apps, schema_editor):
    for model_naam, reden_veld in [
        ("Inschrijving", "uitvalreden"),
        ("HistoricalInschrijving", "uitvalreden"),
        ("Implementatieleider", "reden_vertrek"),
        ("HistoricalImplementatieleider", "reden_vertrek"),
    ]:
        model = apps.get_model("scholing", model_naam)
        for pk, reden, tekst in model.objects.exclude(**{reden_veld: ""}).values_list("pk", reden_veld, "toelichting"):
            nieuw = _nieuw(reden, tekst)
            if nieuw is not None and nieuw != (reden, tekst):
                model.objects.filter(pk=pk).update(**{reden_veld: nieuw[0], "toelichting": nieuw[1]})


class Migration(migrations.Migration):
    dependencies = [
        ("scholing", "0003_privacy_pseudoniem_verwijdering_importvoorbeeld"),
    ]

    operations = [
        migrations.RunPython(redenen_omzetten, migrations.RunPython.noop),
    ]
