"""Loads the Paraplumodel quickscan (Tabel 4.2 of 'Implementeren in het sociale domein', 2016) as data.

The texts are verbatim (OCR errors of the source mended: "Z0 ja" -> "Zo ja", "geimplementeerd" ->
"geïmplementeerd"). A werkplaats can add a variant as a new instrument without code changes.
"""

from django.db import migrations

from quickscan.instrument import paraplumodel_laden, paraplumodel_verwijderen


def load(apps, schema_editor):
    paraplumodel_laden(apps)


def unload(apps, schema_editor):
    paraplumodel_verwijderen(apps)


class Migration(migrations.Migration):
    dependencies = [("quickscan", "0001_quickscan")]

    operations = [migrations.RunPython(load, unload)]
