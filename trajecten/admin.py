from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from werkplaats.admin import NoDeleteMixin

from .models import Deelname, Fase, Methode, MethodeAlias, Streefwaarde, Traject


class MethodeAliasInline(admin.TabularInline):
    model = MethodeAlias
    extra = 0


@admin.register(Methode)
class MethodeAdmin(admin.ModelAdmin):
    list_display = ["korte_naam", "naam", "databank_url"]
    search_fields = ["naam", "korte_naam"]
    inlines = [MethodeAliasInline]


class FaseInline(admin.TabularInline):
    model = Fase
    extra = 0
    fields = ["nummer", "naam", "theorie", "label", "startmaand", "eindmaand", "maanden_tekst"]


class StreefwaardeInline(admin.TabularInline):
    model = Streefwaarde
    extra = 0
    fields = ["indicator", "methode", "formulering", "waarde", "toelichting"]


class DeelnameInline(admin.TabularInline):
    model = Deelname
    extra = 0
    can_delete = False
    fields = ["organisatie", "vanaf", "later_ingestapt", "gestopt_op", "borging"]
    autocomplete_fields = ["organisatie"]


@admin.register(Traject)
class TrajectAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["naam", "werkplaats", "startdatum", "einddatum"]
    list_filter = ["werkplaats"]
    search_fields = ["naam"]
    list_select_related = ["werkplaats"]
    filter_horizontal = ["methoden_aangeboden", "methoden"]
    inlines = [FaseInline, DeelnameInline, StreefwaardeInline]


@admin.register(Fase)
class FaseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "traject", "theorie", "startmaand", "eindmaand"]
    list_filter = ["traject", "theorie"]
    list_select_related = ["traject"]


@admin.register(Deelname)
class DeelnameAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["organisatie", "traject", "vanaf", "later_ingestapt", "gestopt_op", "borging"]
    list_filter = ["traject", "borging", "later_ingestapt"]
    search_fields = ["organisatie__naam", "traject__naam"]
    list_select_related = ["organisatie", "traject"]
    autocomplete_fields = ["organisatie"]
    filter_horizontal = ["methoden"]


@admin.register(Streefwaarde)
class StreefwaardeAdmin(admin.ModelAdmin):
    list_display = ["traject", "indicator", "methode", "formulering", "waarde"]
    list_filter = ["traject", "indicator"]
    list_select_related = ["traject", "methode"]
