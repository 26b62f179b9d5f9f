from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from werkplaats.admin import NoDeleteMixin

from .models import Actie, Element, Instrument, QuickscanInstelling, Ronde, Score, Vraag


class ElementInline(admin.TabularInline):
    model = Element
    extra = 0


class VraagInline(admin.TabularInline):
    model = Vraag
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["naam", "versie", "norm", "actief"]
    inlines = [ElementInline]


@admin.register(Element)
class ElementAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["naam", "instrument", "volgorde", "groep", "grafieklabel"]
    list_filter = ["instrument"]
    inlines = [VraagInline]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    can_delete = False
    fields = ["element", "score", "toelichting"]
    readonly_fields = ["element"]


@admin.register(Ronde)
class RondeAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["organisatie", "afdeling", "datum", "status", "illustratief", "gearchiveerd"]
    list_filter = ["status", "gearchiveerd", "organisatie__werkplaats"]
    search_fields = ["organisatie__naam", "ingevuld_door"]
    list_select_related = ["organisatie", "afdeling"]
    inlines = [ScoreInline]


@admin.register(Actie)
class ActieAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["omschrijving", "element", "ronde", "eigenaar", "deadline", "status"]
    list_filter = ["status"]
    list_select_related = ["element", "ronde__organisatie"]


@admin.register(QuickscanInstelling)
class QuickscanInstellingAdmin(admin.ModelAdmin):
    list_display = ["werkplaats", "interval_maanden", "te_laat_na_maanden"]
