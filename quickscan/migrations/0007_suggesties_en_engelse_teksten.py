"""Loads the action-plan suggestions of the Paraplumodel (from Tabel 4.2's guiding questions and checklist) and the
instrument's English texts into the fields of 0006 (a text changed since in the app is kept)."""

from django.db import migrations

from quickscan.instrument import paraplumodel_vertaling_laden
from quickscan.suggesties import suggesties_laden, suggesties_verwijderen


def load(apps, schema_editor):
    suggesties_laden(apps)
    paraplumodel_vertaling_laden(apps)


def unload(apps, schema_editor):
    suggesties_verwijderen(apps)  # the English fields go with 0006's reversal


class Migration(migrations.Migration):
    dependencies = [("quickscan", "0006_doelen_suggesties_teamscores_engels")]

    operations = [migrations.RunPython(load, unload)]
