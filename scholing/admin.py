"""The training records in Django's admin: no back door past the services.

Enrolments and attendance only show their records (`AlleenLezenMixin`): their rules (enrolling, dropping out,
returning, completing, who may be on a register) live in the services and the pages. The other admins write
through the record's service (`ServiceAdminMixin`, `save_model`), which shows a refusal on the form; their
inlines only show. Nothing is deleted.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from werkplaats.admin import AlleenLezenMixin, ServiceAdminMixin

from . import services
from .models import Aanwezigheid, Bijeenkomst, Buddy, Implementatieleider, Inschrijving, Persoon, Scholingsgroep


@admin.register(Scholingsgroep)
class ScholingsgroepAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "traject", "methode", "nummer", "soort", "trainers", "geplande_omvang"]
    list_filter = ["traject", "methode", "soort"]
    list_select_related = ["traject", "methode"]

    def save_model(self, request, obj, form, change):
        services.groep_opslaan(groep=obj)


class AanwezigheidInline(AlleenLezenMixin, admin.TabularInline):
    model = Aanwezigheid
    extra = 0
    fields = ["inschrijving", "aanwezig"]


@admin.register(Bijeenkomst)
class BijeenkomstAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["datum", "soort", "titel", "groep", "traject", "aantal_aanwezig"]
    list_filter = ["traject", "soort"]
    date_hierarchy = "datum"
    list_select_related = ["traject", "groep__methode"]
    inlines = [AanwezigheidInline]

    def save_model(self, request, obj, form, change):
        services.bijeenkomst_opslaan(bijeenkomst=obj)


class InschrijvingInline(AlleenLezenMixin, admin.TabularInline):
    model = Inschrijving
    extra = 0
    fields = ["groep", "startdatum", "status", "einddatum", "uitvalreden"]


@admin.register(Persoon)
class PersoonAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["naam", "organisatie", "functie", "soort", "gearchiveerd"]
    list_filter = ["soort", "gearchiveerd", "organisatie__werkplaats"]
    search_fields = ["naam", "organisatie__naam"]
    list_select_related = ["organisatie"]
    autocomplete_fields = ["organisatie"]
    inlines = [InschrijvingInline]

    def save_model(self, request, obj, form, change):
        services.persoon_opslaan(persoon=obj)


class BuddyInline(AlleenLezenMixin, admin.TabularInline):
    model = Buddy
    extra = 0


@admin.register(Inschrijving)
class InschrijvingAdmin(AlleenLezenMixin, SimpleHistoryAdmin):
    list_display = ["persoon", "groep", "startdatum", "status", "einddatum", "uitvalreden"]
    list_filter = ["status", "uitvalreden", "groep__traject"]
    search_fields = ["persoon__naam"]
    list_select_related = ["persoon", "groep__methode"]
    inlines = [BuddyInline]


@admin.register(Aanwezigheid)
class AanwezigheidAdmin(AlleenLezenMixin, SimpleHistoryAdmin):
    list_display = ["bijeenkomst", "inschrijving", "aanwezig"]
    list_filter = ["aanwezig", "bijeenkomst__traject"]
    list_select_related = ["bijeenkomst__traject", "bijeenkomst__groep__methode", "inschrijving__persoon"]


@admin.register(Buddy)
class BuddyAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["naam", "inschrijving", "is_team", "aantal", "is_schatting", "vanaf"]
    list_filter = ["is_team", "is_schatting"]
    search_fields = ["naam", "inschrijving__persoon__naam"]
    list_select_related = ["inschrijving__persoon", "inschrijving__groep__methode"]
    raw_id_fields = ["inschrijving"]

    def save_model(self, request, obj, form, change):
        services.buddy_opslaan(buddy=obj)


@admin.register(Implementatieleider)
class ImplementatieleiderAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["persoon", "traject", "functie", "actief_vanaf", "actief_tot", "reden_vertrek"]
    list_filter = ["traject", "functie", "reden_vertrek"]
    search_fields = ["persoon__naam"]
    list_select_related = ["persoon__organisatie", "traject"]
    raw_id_fields = ["persoon"]
    readonly_fields = ["actief_tot", "reden_vertrek"]  # stopping is the page's action (implementatieleider_stoppen)

    def save_model(self, request, obj, form, change):
        services.implementatieleider_opslaan(leider=obj)
