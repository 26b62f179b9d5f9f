"""The admin of the trajectories: every change goes through `trajecten.services`, nothing is deleted."""

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from werkplaats.admin import AlleenLezenMixin, ServiceAdminMixin

from . import services
from .models import Deelname, Fase, Methode, MethodeAlias, Streefwaarde, Traject


class MethodeAliasInline(admin.TabularInline):
    """The catalogue's names, saved together with the method by `methode_opslaan`."""

    model = MethodeAlias
    extra = 0
    can_delete = False
    exclude = ["werkplaats"]  # the catalogue's names; a werkplaats's own are changed on its method page

    def get_queryset(self, request):
        return super().get_queryset(request).filter(werkplaats__isnull=True)


@admin.register(Methode)
class MethodeAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["korte_naam", "naam", "databank_url"]
    search_fields = ["naam", "korte_naam"]
    inlines = [MethodeAliasInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        """The method is saved with its aliases, in one call of the service (`save_related`)."""

    def save_related(self, request, form, formsets, change):
        aliassen = [alias for formset in formsets for alias in formset.save(commit=False)]
        services.methode_opslaan(methode=form.instance, aliassen=aliassen)


class FaseInline(AlleenLezenMixin, admin.TabularInline):
    model = Fase
    extra = 0
    fields = ["nummer", "naam", "theorie", "label", "startmaand", "eindmaand", "maanden_tekst"]
    show_change_link = True


class StreefwaardeInline(AlleenLezenMixin, admin.TabularInline):
    model = Streefwaarde
    extra = 0
    fields = ["indicator", "methode", "formulering", "waarde", "toelichting"]
    show_change_link = True


class DeelnameInline(AlleenLezenMixin, admin.TabularInline):
    model = Deelname
    extra = 0
    fields = ["organisatie", "vanaf", "later_ingestapt", "gestopt_op", "borging"]
    show_change_link = True


@admin.register(Traject)
class TrajectAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    """Also the place to move a trajectory to another werkplaats (the app's form does not)."""

    list_display = ["naam", "werkplaats", "startdatum", "einddatum"]
    list_filter = ["werkplaats"]
    search_fields = ["naam"]
    list_select_related = ["werkplaats"]
    filter_horizontal = ["methoden_aangeboden", "methoden"]
    inlines = [FaseInline, DeelnameInline, StreefwaardeInline]

    def save_model(self, request, obj, form, change):
        services.traject_opslaan(
            traject=obj,
            methoden_aangeboden=form.cleaned_data["methoden_aangeboden"],
            methoden=form.cleaned_data["methoden"],
        )


@admin.register(Fase)
class FaseAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "traject", "theorie", "startmaand", "eindmaand"]
    list_filter = ["traject", "theorie"]
    list_select_related = ["traject"]

    def save_model(self, request, obj, form, change):
        services.fase_opslaan(fase=obj)


@admin.register(Deelname)
class DeelnameAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["organisatie", "traject", "vanaf", "later_ingestapt", "gestopt_op", "borging"]
    list_filter = ["traject", "borging", "later_ingestapt"]
    search_fields = ["organisatie__naam", "traject__naam"]
    list_select_related = ["organisatie", "traject"]
    autocomplete_fields = ["organisatie"]
    filter_horizontal = ["methoden"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        services.deelname_opslaan(deelname=obj, methoden=form.cleaned_data["methoden"])


@admin.register(Streefwaarde)
class StreefwaardeAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["traject", "indicator", "methode", "formulering", "waarde"]
    list_filter = ["traject", "indicator"]
    list_select_related = ["traject", "methode"]

    def save_model(self, request, obj, form, change):
        services.streefwaarde_opslaan(streefwaarde=obj)
