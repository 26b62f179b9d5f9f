from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from werkplaats.admin import NoDeleteMixin

from .models import Aanwezigheid, Bijeenkomst, Buddy, Implementatieleider, Inschrijving, Persoon, Scholingsgroep


@admin.register(Scholingsgroep)
class ScholingsgroepAdmin(admin.ModelAdmin):
    list_display = ["__str__", "traject", "methode", "nummer", "soort", "trainers", "geplande_omvang"]
    list_filter = ["traject", "methode", "soort"]
    list_select_related = ["traject", "methode"]


class AanwezigheidInline(admin.TabularInline):
    model = Aanwezigheid
    extra = 0
    can_delete = False
    raw_id_fields = ["inschrijving"]


@admin.register(Bijeenkomst)
class BijeenkomstAdmin(admin.ModelAdmin):
    list_display = ["datum", "soort", "titel", "groep", "traject", "aantal_aanwezig"]
    list_filter = ["traject", "soort"]
    date_hierarchy = "datum"
    list_select_related = ["traject", "groep__methode"]
    inlines = [AanwezigheidInline]


class InschrijvingInline(admin.TabularInline):
    model = Inschrijving
    extra = 0
    can_delete = False
    fields = ["groep", "startdatum", "status", "einddatum", "uitvalreden"]


@admin.register(Persoon)
class PersoonAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["naam", "organisatie", "functie", "soort", "gearchiveerd"]
    list_filter = ["soort", "gearchiveerd", "organisatie__werkplaats"]
    search_fields = ["naam", "organisatie__naam"]
    list_select_related = ["organisatie"]
    autocomplete_fields = ["organisatie"]
    inlines = [InschrijvingInline]


class BuddyInline(admin.TabularInline):
    model = Buddy
    extra = 0
    can_delete = False


@admin.register(Inschrijving)
class InschrijvingAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["persoon", "groep", "startdatum", "status", "einddatum", "uitvalreden"]
    list_filter = ["status", "uitvalreden", "groep__traject"]
    search_fields = ["persoon__naam"]
    list_select_related = ["persoon", "groep__methode"]
    raw_id_fields = ["persoon"]
    inlines = [BuddyInline]


@admin.register(Aanwezigheid)
class AanwezigheidAdmin(SimpleHistoryAdmin):
    list_display = ["bijeenkomst", "inschrijving", "aanwezig"]
    list_filter = ["aanwezig", "bijeenkomst__traject"]
    list_select_related = ["bijeenkomst__traject", "bijeenkomst__groep__methode", "inschrijving__persoon"]
    raw_id_fields = ["bijeenkomst", "inschrijving"]


@admin.register(Buddy)
class BuddyAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["naam", "inschrijving", "is_team", "aantal", "is_schatting", "vanaf"]
    list_filter = ["is_team", "is_schatting"]
    search_fields = ["naam", "inschrijving__persoon__naam"]
    list_select_related = ["inschrijving__persoon", "inschrijving__groep__methode"]
    raw_id_fields = ["inschrijving"]


@admin.register(Implementatieleider)
class ImplementatieleiderAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["persoon", "traject", "functie", "actief_vanaf", "actief_tot", "reden_vertrek"]
    list_filter = ["traject", "functie", "reden_vertrek"]
    search_fields = ["persoon__naam"]
    list_select_related = ["persoon__organisatie", "traject"]
    raw_id_fields = ["persoon"]
