"""The dissemination register and the curriculum placements in the admin, written through their services; the
coordinators' overrides of an organisation's implementation phase, shown only.

Programme items and placements edited inline are saved one by one through their own service; nothing is
deleted, not even in bulk.
"""

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from werkplaats.admin import AlleenLezenMixin, ServiceAdminMixin

from . import services
from .models import Disseminatie, Fasecorrectie, Onderwijsmodule, Plaatsing, Programmaonderdeel


class ProgrammaonderdeelInline(admin.TabularInline):
    model = Programmaonderdeel
    extra = 0
    can_delete = False
    fields = ["soort", "nummer", "titel", "sprekers", "actief"]


@admin.register(Disseminatie)
class DisseminatieAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["titel", "soort", "traject", "datum", "jaar", "bijlage", "status", "actief"]
    list_filter = ["traject", "soort", "bijlage", "status", "actief"]
    search_fields = ["titel", "auteurs", "rubriek"]
    list_select_related = ["traject"]
    filter_horizontal = ["methoden"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # as the register's own form
    inlines = [ProgrammaonderdeelInline]

    def save_model(self, request, obj, form, change):
        services.disseminatie_opslaan(disseminatie=obj, methoden=form.cleaned_data["methoden"])

    def save_formset(self, request, form, formset, change):
        for onderdeel in formset.save(commit=False):
            services.programmaonderdeel_opslaan(programmaonderdeel=onderdeel)


@admin.register(Programmaonderdeel)
class ProgrammaonderdeelAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "soort", "disseminatie", "actief"]
    list_filter = ["soort", "actief"]
    list_select_related = ["disseminatie"]

    def save_model(self, request, obj, form, change):
        services.programmaonderdeel_opslaan(programmaonderdeel=obj)


class PlaatsingInline(admin.TabularInline):
    model = Plaatsing
    extra = 0
    can_delete = False
    fields = ["opleiding", "jaar", "vorm", "startjaar", "status", "toelichting", "actief"]


@admin.register(Onderwijsmodule)
class OnderwijsmoduleAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["naam", "traject", "methode", "doelgroep", "actief"]
    list_filter = ["traject", "doelgroep", "actief"]
    search_fields = ["naam"]
    list_select_related = ["traject", "methode"]
    inlines = [PlaatsingInline]

    def save_model(self, request, obj, form, change):
        services.onderwijsmodule_opslaan(onderwijsmodule=obj)

    def save_formset(self, request, form, formset, change):
        for plaatsing in formset.save(commit=False):
            services.plaatsing_opslaan(plaatsing=plaatsing)


@admin.register(Plaatsing)
class PlaatsingAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "opleiding", "jaar", "vorm", "startjaar", "status", "actief"]
    list_filter = ["status", "vorm", "actief"]
    list_select_related = ["module"]

    def save_model(self, request, obj, form, change):
        services.plaatsing_opslaan(plaatsing=obj)


@admin.register(Fasecorrectie)
class FasecorrectieAdmin(AlleenLezenMixin, SimpleHistoryAdmin):
    """Shown only: a coordinator sets and undoes an override on the organisation's phase page (services)."""

    list_display = ["organisatie", "fase", "gezet_door", "gezet_op", "actief"]
    list_filter = ["fase", "actief"]
    list_select_related = ["organisatie", "gezet_door"]
    search_fields = ["organisatie__naam"]
