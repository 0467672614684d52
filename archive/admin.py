"""The editors' admin: curate leaders, calls, topics and sources; every edit is versioned."""

from collections.abc import Callable
from functools import partial

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from .admin_views import import_articles_view
from .enums import ReviewStatus
from .merging import MergeError, merge_calls, merge_leaders
from .models import (
    Call,
    CallRedirect,
    Country,
    Evidence,
    Leader,
    LeaderRedirect,
    Participation,
    Report,
    Source,
    Statement,
    Term,
    Topic,
)

admin.site.site_header = "Diplo editors"
admin.site.site_title = "Diplo editors"
admin.site.index_title = "Curate the archive"


def merge_action(merge: Callable, noun: str):
    """An admin action that merges two selected records after the editor picks the survivor."""

    @admin.action(description=f"Merge two selected {noun}s into one")
    def action(modeladmin, request: HttpRequest, queryset: QuerySet):
        records = list(queryset.order_by("pk"))
        if len(records) != 2:
            modeladmin.message_user(
                request, f"Select exactly two {noun}s to merge.", messages.WARNING
            )
            return None
        survivor_pk = request.POST.get("survivor")
        if survivor_pk:
            survivor = next((r for r in records if str(r.pk) == survivor_pk), None)
            if survivor is None:
                modeladmin.message_user(request, "Choose one of the two records.", messages.ERROR)
                return None
            duplicate = records[1] if survivor is records[0] else records[0]
            try:
                merged = merge(survivor, duplicate)
            except MergeError as error:
                modeladmin.message_user(request, str(error), messages.ERROR)
                return None
            modeladmin.message_user(
                request,
                f"Merged into “{merged}”; the old permalink now redirects to it.",
                messages.SUCCESS,
            )
            return None
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": f"Merge two {noun}s",
            "records": records,
            "noun": noun,
            "opts": modeladmin.model._meta,
            "action_name": request.POST.get("action"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/archive/merge_confirmation.html", context)

    action.__name__ = f"merge_{noun}s"
    return action


@admin.action(description="Mark selected as reviewed")
def mark_reviewed(modeladmin, request, queryset):
    updated = queryset.update(status=ReviewStatus.REVIEWED)
    modeladmin.message_user(request, f"{updated} marked reviewed.", messages.SUCCESS)


@admin.action(description="Mark selected leaders as verified")
def mark_verified(modeladmin, request, queryset):
    updated = queryset.update(verified=True)
    modeladmin.message_user(request, f"{updated} marked verified.", messages.SUCCESS)


@admin.register(Country)
class CountryAdmin(VersionAdmin):
    list_display = ["code", "name", "region", "capital"]
    list_filter = ["region"]
    search_fields = ["code", "name", "aliases", "demonyms"]
    prepopulated_fields = {"slug": ["name"]}


class TermInline(admin.TabularInline):
    model = Term
    extra = 0
    autocomplete_fields = ["country"]


@admin.register(Leader)
class LeaderAdmin(VersionAdmin):
    list_display = ["name", "country", "current_office", "verified", "call_count"]
    ordering = ["name"]
    list_filter = ["verified", "country__region", "country"]
    list_select_related = ["country"]
    search_fields = ["name", "slug", "aliases", "country__name"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TermInline]
    actions = [mark_verified, merge_action(merge_leaders, "leader")]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(num_calls=Count("participations", distinct=True))
            .prefetch_related("terms")
        )

    @admin.display(description="Calls", ordering="num_calls")
    def call_count(self, leader: Leader) -> int:
        return leader.num_calls

    @admin.display(description="Latest office")
    def current_office(self, leader: Leader) -> str:
        term = leader.office_on(None)
        return term.office if term else ""

    def save_model(self, request, obj, form, change):
        # A renamed slug keeps the old permalink working.
        if change and "slug" in form.changed_data:
            old_slug = form.initial.get("slug")
            if old_slug and old_slug != obj.slug:
                LeaderRedirect.objects.update_or_create(old_slug=old_slug, defaults={"leader": obj})
        super().save_model(request, obj, form, change)


@admin.register(Topic)
class TopicAdmin(VersionAdmin):
    list_display = ["name", "parent", "keyword_count", "call_count"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "slug", "keywords", "description"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("parent")
            .annotate(num_calls=Count("calls", distinct=True))
        )

    @admin.display(description="Keywords")
    def keyword_count(self, topic: Topic) -> int:
        return len(topic.keywords)

    @admin.display(description="Calls", ordering="num_calls")
    def call_count(self, topic: Topic) -> int:
        return topic.num_calls


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["leader"]


class ReportInline(admin.TabularInline):
    model = Report
    extra = 0
    autocomplete_fields = ["source"]
    show_change_link = True
    fields = ["source", "role", "evidence_count"]
    readonly_fields = ["evidence_count"]

    @admin.display(description="Evidence sentences")
    def evidence_count(self, report: Report) -> int:
        return report.evidence.count() if report.pk else 0


class StatementInline(admin.StackedInline):
    model = Statement
    extra = 0
    autocomplete_fields = ["side_leader", "side_country", "source"]
    fields = [("speaker", "side_leader", "side_country"), "text", ("source", "start", "end")]


@admin.register(Call)
class CallAdmin(VersionAdmin):
    list_display = ["__str__", "kind", "date", "date_precision", "duration_display", "status"]
    list_filter = [
        "status",
        "kind",
        "date_precision",
        ("participants", admin.RelatedOnlyFieldListFilter),
        ("participants__country", admin.RelatedOnlyFieldListFilter),
        ("topics", admin.RelatedOnlyFieldListFilter),
    ]
    date_hierarchy = "date"
    search_fields = ["summary", "participants__name", "participants__aliases", "topics__name"]
    autocomplete_fields = ["initiator", "topics"]
    readonly_fields = ["slug", "created_at", "updated_at", "permalink"]
    fieldsets = [
        (None, {"fields": ["status", "kind", ("date", "date_precision")]}),
        ("Details", {"fields": [("duration_minutes", "duration_qualifier"), "initiator"]}),
        ("Content", {"fields": ["topics", "summary"]}),
        ("Record", {"fields": ["permalink", "slug", "created_at", "updated_at"]}),
    ]
    inlines = [ParticipationInline, ReportInline, StatementInline]
    actions = [mark_reviewed, merge_action(merge_calls, "call")]

    def get_queryset(self, request):
        return super().get_queryset(request).with_related()

    @admin.display(description="Duration")
    def duration_display(self, call: Call) -> str:
        return call.duration_display

    @admin.display(description="Permalink")
    def permalink(self, call: Call) -> str:
        if not call.pk:
            return ""
        return format_html('<a href="{0}">{0}</a>', call.get_absolute_url())

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_slug()


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["fact", "detail", "start", "end", "text"]


@admin.register(Report)
class ReportAdmin(VersionAdmin):
    list_display = ["source", "call", "role"]
    list_filter = ["role"]
    list_select_related = ["source", "call"]
    search_fields = ["source__title", "source__origin", "source__publisher"]
    autocomplete_fields = ["call", "source"]
    inlines = [EvidenceInline]


class SourceReportInline(admin.TabularInline):
    model = Report
    extra = 0
    autocomplete_fields = ["call"]
    show_change_link = True


@admin.register(Source)
class SourceAdmin(VersionAdmin):
    # With an "Import articles" button to the upload page (archive/admin_views.py).
    change_list_template = "admin/archive/source/change_list.html"
    list_display = ["__str__", "publisher", "published", "origin", "imported_at", "call_count"]
    list_filter = ["publisher", "language", "reports__role"]
    date_hierarchy = "published"
    search_fields = ["title", "publisher", "origin", "url", "content_hash"]
    readonly_fields = ["content_hash", "imported_at"]
    inlines = [SourceReportInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_calls=Count("reports", distinct=True))

    @admin.display(description="Calls", ordering="num_calls")
    def call_count(self, source: Source) -> int:
        return source.num_calls

    def get_urls(self):
        upload = self.admin_site.admin_view(
            partial(import_articles_view, admin_site=self.admin_site)
        )
        return [path("import/", upload, name="archive_source_import"), *super().get_urls()]


@admin.register(Statement)
class StatementAdmin(VersionAdmin):
    list_display = ["speaker", "side_country", "side_leader", "call", "source"]
    list_filter = [("side_country", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["side_country", "side_leader", "call", "source"]
    search_fields = ["speaker", "text"]
    autocomplete_fields = ["call", "source", "side_leader", "side_country"]


@admin.register(CallRedirect)
class CallRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_id", "call", "merged_at"]
    search_fields = ["old_id"]
    autocomplete_fields = ["call"]


@admin.register(LeaderRedirect)
class LeaderRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "leader", "merged_at"]
    search_fields = ["old_slug", "leader__name"]
    autocomplete_fields = ["leader"]
