"""The quickscan in the admin: not a second way in.

Rounds, their scores and their readiness answers change only through `services.ronde_invullen` (with its
version check and its lock on submitted rounds), so the admin only shows them; the instrument is data loaded
by `quickscan.instrument`, shown only as well. Actions and the planning are written through their services.
Nothing is deleted.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from werkplaats.admin import AlleenLezenMixin, ServiceAdminMixin

from . import services
from .models import Actie, Element, Instrument, QuickscanInstelling, Ronde, Score, Vraag


class ElementInline(AlleenLezenMixin, admin.TabularInline):
    model = Element
    extra = 0


class VraagInline(AlleenLezenMixin, admin.TabularInline):
    model = Vraag
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ["naam", "versie", "norm", "actief"]
    inlines = [ElementInline]


@admin.register(Element)
class ElementAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ["naam", "instrument", "volgorde", "groep", "grafieklabel"]
    list_filter = ["instrument"]
    inlines = [VraagInline]


class ScoreInline(AlleenLezenMixin, admin.TabularInline):
    model = Score
    extra = 0
    fields = ["element", "score", "toelichting"]


@admin.register(Ronde)
class RondeAdmin(AlleenLezenMixin, SimpleHistoryAdmin):
    list_display = ["organisatie", "afdeling", "datum", "status", "illustratief", "gearchiveerd"]
    list_filter = ["status", "gearchiveerd", "organisatie__werkplaats"]
    search_fields = ["organisatie__naam", "ingevuld_door"]
    list_select_related = ["organisatie", "afdeling"]
    inlines = [ScoreInline]


@admin.register(Actie)
class ActieAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["omschrijving", "element", "ronde", "eigenaar", "deadline", "status"]
    list_filter = ["status"]
    list_select_related = ["element", "ronde__organisatie"]

    def save_model(self, request, obj, form, change):
        services.actie_opslaan(actie=obj)


@admin.register(QuickscanInstelling)
class QuickscanInstellingAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["werkplaats", "interval_maanden", "te_laat_na_maanden"]

    def save_model(self, request, obj, form, change):
        services.instelling_opslaan(instelling=obj)
