from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from werkplaats.admin import NoDeleteMixin

from .models import Disseminatie, Onderwijsmodule, Plaatsing, Programmaonderdeel


class ProgrammaonderdeelInline(admin.TabularInline):
    model = Programmaonderdeel
    extra = 0
    can_delete = False
    fields = ["soort", "nummer", "titel", "sprekers", "actief"]


@admin.register(Disseminatie)
class DisseminatieAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["titel", "soort", "traject", "datum", "jaar", "bijlage", "status", "actief"]
    list_filter = ["traject", "soort", "bijlage", "status", "actief"]
    search_fields = ["titel", "auteurs", "rubriek"]
    list_select_related = ["traject"]
    filter_horizontal = ["methoden"]
    inlines = [ProgrammaonderdeelInline]


@admin.register(Programmaonderdeel)
class ProgrammaonderdeelAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "soort", "disseminatie", "actief"]
    list_filter = ["soort", "actief"]
    list_select_related = ["disseminatie"]


class PlaatsingInline(admin.TabularInline):
    model = Plaatsing
    extra = 0
    can_delete = False
    fields = ["opleiding", "jaar", "vorm", "startjaar", "status", "toelichting", "actief"]


@admin.register(Onderwijsmodule)
class OnderwijsmoduleAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["naam", "traject", "methode", "doelgroep", "actief"]
    list_filter = ["traject", "doelgroep", "actief"]
    search_fields = ["naam"]
    list_select_related = ["traject", "methode"]
    inlines = [PlaatsingInline]


@admin.register(Plaatsing)
class PlaatsingAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "opleiding", "jaar", "vorm", "startjaar", "status", "actief"]
    list_filter = ["status", "vorm", "actief"]
    list_select_related = ["module"]
