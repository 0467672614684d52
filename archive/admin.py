"""The editors' admin: curate leaders, calls, topics and sources; every edit is versioned."""

import contextvars
from collections.abc import Callable
from functools import partial

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest, QueryDict
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import changes, review
from .admin_views import compare_view, import_articles_view, review_queue_view
from .enums import ChangeKind, ReviewStatus
from .merging import MergeError, merge_leaders
from .models import (
    Announcement,
    Call,
    CallChange,
    CallRedirect,
    Country,
    Evidence,
    Leader,
    LeaderRedirect,
    Participation,
    PossibleDuplicate,
    Report,
    Source,
    Statement,
    Term,
    Topic,
)


class AutocompleteFilter(admin.RelatedFieldListFilter):
    """A filter by a related record that the editor finds by typing its name, with the
    admin's own autocomplete (select2, the related model admin's ``search_fields``), rather
    than picks from a list of every record (the calls' 1,664 leaders on one page).

    Only the chosen record is read to be named; the form keeps the list's other filters.
    """

    template = "admin/archive/autocomplete_filter.html"

    def field_choices(self, field, request, model_admin):
        if not self.lookup_val:
            return []
        chosen = [value for value in self.lookup_val if str(value).isdigit()]
        return field.get_choices(include_blank=False, limit_choices_to={"pk__in": chosen})

    def has_output(self):
        return True

    def choices(self, changelist):
        all_of_them = changelist.get_query_string(
            remove=[self.lookup_kwarg, self.lookup_kwarg_isnull]
        )
        self.kept = [
            (name, value)
            for name, values in QueryDict(all_of_them.lstrip("?")).lists()
            for value in values
        ]
        yield {"selected": not self.lookup_val, "query_string": all_of_them, "display": "All"}
        for pk, name in self.lookup_choices:  # the chosen record, named
            query = changelist.get_query_string({self.lookup_kwarg: pk}, [self.lookup_kwarg_isnull])
            yield {"selected": True, "query_string": query, "display": name}

    @property
    def form(self) -> forms.Form:
        """A form of one field: the chosen record, found by the admin's autocomplete."""
        remote = self.field.remote_field.model
        choose = forms.ModelChoiceField(
            queryset=remote._default_manager.all(),
            required=False,
            label=f"Find a {remote._meta.verbose_name}",
            widget=AutocompleteSelect(self.field, self.model_admin.admin_site),
        )
        form = forms.Form(
            data={self.lookup_kwarg: self.lookup_val[-1] if self.lookup_val else ""},
            auto_id=f"id_filter_{self.field_path}_%s",
        )
        form.fields[self.lookup_kwarg] = choose
        return form

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.model_admin = model_admin
        super().__init__(field, request, params, model, model_admin, field_path)


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
    # One save each, so that the history keeps every record's new state.
    updated = 0
    for call in queryset.exclude(status=ReviewStatus.REVIEWED):
        call.status = ReviewStatus.REVIEWED
        call.save(update_fields=["status", "updated_at"])
        updated += 1
    modeladmin.message_user(request, f"{updated} marked reviewed.", messages.SUCCESS)


@admin.action(description="Mark selected leaders as verified")
def mark_verified(modeladmin, request, queryset):
    updated = 0
    for leader in queryset.filter(verified=False):
        leader.verified = True
        leader.save(update_fields=["verified", "updated_at"])
        updated += 1
    modeladmin.message_user(request, f"{updated} marked verified.", messages.SUCCESS)


class HistoryAdmin(VersionAdmin):
    """A versioned admin whose history starts with a record's state before its first edit.

    Imports and the gazetteer loader create records without a version (a version of
    everything an import writes would cost as much as the import). So before an editor
    first changes, acts on or deletes such a record, its state as it stands is saved in a
    revision of its own: the history can always go back to what was imported, and a
    deleted record can be recovered.
    """

    def _keep_first_state(self, request: HttpRequest, objects) -> None:
        unversioned = [obj for obj in objects if not Version.objects.get_for_object(obj).exists()]
        if not unversioned:
            return

        def keep() -> None:
            # The request is inside a revision already (RevisionMiddleware, VersionAdmin);
            # django-reversion keeps its stack of open revisions in a context variable, so a
            # copy of the context with an empty stack holds a revision of its own.
            from reversion import revisions

            revisions._stack.set([])
            with reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment("As it was before the first edit")
                for obj in unversioned:
                    reversion.add_to_revision(obj)

        contextvars.copy_context().run(keep)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.has_change_permission(request, obj):
                self._keep_first_state(request, [obj])
        return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        acting = request.method == "POST" and request.POST.get("action") and selected
        if acting and self.has_change_permission(request):
            self._keep_first_state(request, self.get_queryset(request).filter(pk__in=selected))
        return super().changelist_view(request, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.has_delete_permission(request, obj):
                self._keep_first_state(request, [obj])
        return super().delete_view(request, object_id, extra_context)


@admin.register(Country)
class CountryAdmin(HistoryAdmin):
    list_display = ["code", "name", "region", "capital", "leader_title"]
    list_filter = ["region"]
    search_fields = ["code", "name", "aliases", "demonyms"]
    prepopulated_fields = {"slug": ["name"]}


class TermInline(admin.TabularInline):
    model = Term
    extra = 0
    autocomplete_fields = ["country"]


@admin.register(Leader)
class LeaderAdmin(HistoryAdmin):
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
class TopicAdmin(HistoryAdmin):
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
class CallAdmin(HistoryAdmin):
    list_display = ["__str__", "kind", "date", "date_precision", "duration_display", "status"]
    list_filter = [
        "status",
        "kind",
        "date_precision",
        ("participants", AutocompleteFilter),
        ("participants__country", admin.RelatedOnlyFieldListFilter),
        ("topics", admin.RelatedOnlyFieldListFilter),
    ]
    date_hierarchy = "date"
    search_fields = ["summary", "participants__name", "participants__aliases", "topics__name"]
    autocomplete_fields = ["initiator", "topics"]
    readonly_fields = ["slug", "created_at", "updated_at", "permalink", "one_sided"]
    fieldsets = [
        (None, {"fields": ["status", "kind", ("date", "date_precision"), "date_inferred"]}),
        ("Sources", {"fields": ["one_sided"]}),
        ("Details", {"fields": [("duration_minutes", "duration_qualifier"), "initiator"]}),
        ("Content", {"fields": ["topics", "summary"]}),
        ("Record", {"fields": ["permalink", "slug", "created_at", "updated_at"]}),
    ]
    inlines = [ParticipationInline, ReportInline, StatementInline]
    actions = [mark_reviewed, merge_action(review.merge, "call")]

    def get_queryset(self, request):
        return super().get_queryset(request).with_related()

    def get_urls(self):
        queue = self.admin_site.admin_view(partial(review_queue_view, admin_site=self.admin_site))
        return [path("review/", queue, name="archive_review"), *super().get_urls()]

    @property
    def media(self):
        # The participants filter's autocomplete (select2), and the script that applies it.
        participants = AutocompleteSelect(Call._meta.get_field("participants"), self.admin_site)
        applies = forms.Media(
            js=["js/autocomplete_filter.js"], css={"all": ["css/autocomplete_filter.css"]}
        )
        return super().media + participants.media + applies

    @admin.display(description="Duration")
    def duration_display(self, call: Call) -> str:
        return call.duration_display

    @admin.display(description="Permalink")
    def permalink(self, call: Call) -> str:
        if not call.pk:
            return ""
        return format_html('<a href="{0}">{0}</a>', call.get_absolute_url())

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The call's public facts before the edit, for the change log (save_related).
        if request.method == "POST" and object_id is not None:
            call = self.get_object(request, unquote(object_id))
            if call is not None:
                request.diplo_facts_before = changes.all_facts(call)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        call = form.instance
        call.refresh_slug()
        # The public change log says what the edit changed (its participants and topics
        # included, which the inlines and the form's many-to-many saved just now).
        before = getattr(request, "diplo_facts_before", None)
        if not change:
            CallChange.objects.create(
                call_id=call.pk, kind=ChangeKind.ADDED, description="added by an editor"
            )
        elif before is not None:
            CallChange.objects.bulk_create(
                changes.changes_between(call.pk, before, changes.all_facts(call))
            )

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        CallChange.objects.bulk_create(changes.deleted([pk]))

    def delete_queryset(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        CallChange.objects.bulk_create(changes.deleted(ids))


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["fact", "detail", "start", "end", "text"]


@admin.register(Report)
class ReportAdmin(HistoryAdmin):
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
class SourceAdmin(HistoryAdmin):
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
class StatementAdmin(HistoryAdmin):
    list_display = ["speaker", "side_country", "side_leader", "call", "source"]
    list_filter = [("side_country", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["side_country", "side_leader", "call", "source"]
    search_fields = ["speaker", "text"]
    autocomplete_fields = ["call", "source", "side_leader", "side_country"]


@admin.register(PossibleDuplicate)
class PossibleDuplicateAdmin(admin.ModelAdmin):
    """Calls an import kept apart from others they may be, with why: for an editor to merge
    (the calls' "Merge" action) or to mark as not the same."""

    list_display = ["call", "other", "reason", "status", "created_at", "compare"]
    list_filter = ["status"]
    list_select_related = ["call", "other"]
    search_fields = ["reason", "call__summary", "other__summary"]
    autocomplete_fields = ["call", "other"]
    actions = ["mark_not_same"]

    @admin.action(description="Mark the selected pairs as not the same call")
    def mark_not_same(self, request, queryset):
        # Remembered by the calls' sources: an import of the same articles does not ask again.
        changed = review.not_the_same(queryset)
        self.message_user(request, f"{changed} pair(s) marked as not the same call.")

    @admin.display(description="Side by side")
    def compare(self, pair: PossibleDuplicate) -> str:
        url = reverse("admin:archive_possibleduplicate_compare", args=[pair.pk])
        return format_html('<a href="{}">Compare</a>', url)

    def get_urls(self):
        compare = self.admin_site.admin_view(partial(compare_view, admin_site=self.admin_site))
        return [
            path("<int:pk>/compare/", compare, name="archive_possibleduplicate_compare"),
            *super().get_urls(),
        ]


class AnnouncementStateFilter(admin.SimpleListFilter):
    """Where an announcement stands today: held, pending, past its date with no call (read,
    not stored), or marked not held by an editor."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("held", "Held (tied to its call)"),
            ("pending", "Pending"),
            ("past", "Past its date with no call"),
            ("not_held", "Marked not held"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "held":
            return queryset.filter(call__isnull=False)
        if value == "pending":
            return queryset.pending()
        if value == "past":
            return queryset.past_their_date()
        if value == "not_held":
            return queryset.filter(status=Announcement.Status.NOT_HELD)
        return queryset


class AnnouncementForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = [
            "source",
            "participants",
            "kind",
            "wording",
            "requested_by",
            "expected",
            "expected_precision",
            "expected_basis",
            "sentence",
            "start",
            "end",
            "status",
            "call",
        ]

    def clean(self):
        # Tied to a call is held; untied, a held announcement is pending again.
        cleaned = super().clean()
        if cleaned.get("call") is not None:
            cleaned["status"] = Announcement.Status.HELD
        elif cleaned.get("status") == Announcement.Status.HELD:
            cleaned["status"] = Announcement.Status.PENDING
        return cleaned


@admin.action(description="Mark the selected announcements not held")
def mark_not_held(modeladmin, request, queryset):
    done = review.mark_not_held(queryset)
    modeladmin.message_user(request, f"{done} marked not held.", messages.SUCCESS)


@admin.register(Announcement)
class AnnouncementAdmin(HistoryAdmin):
    """Contacts a source announced, requested or proposed: never calls. The import ties
    each to its call once reported (archive.announcing); an editor may tie or untie one."""

    form = AnnouncementForm
    list_display = [
        "contact",
        "wording",
        "kind",
        "expected",
        "expected_precision",
        "state",
        "source",
        "call",
    ]
    list_filter = [
        AnnouncementStateFilter,
        "wording",
        "kind",
        "expected_precision",
        ("participants__country", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["source", "call"]
    date_hierarchy = "expected"
    search_fields = ["sentence", "participants__name", "source__title", "source__publisher"]
    autocomplete_fields = ["source", "participants", "requested_by", "call"]
    readonly_fields = ["participant_key", "created_at", "updated_at"]
    actions = [mark_not_held]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("participants", queryset=Leader.objects.only("name")))
        )

    @admin.display(description="Contact")
    def contact(self, announcement: Announcement) -> str:
        return " and ".join(leader.name for leader in announcement.participants.all())

    @admin.display(description="State")
    def state(self, announcement: Announcement) -> str:
        return announcement.state

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        announcement = form.instance
        ids = sorted(announcement.participants.values_list("pk", flat=True))
        key = ",".join(map(str, ids))
        if key != announcement.participant_key:
            Announcement.objects.filter(pk=announcement.pk).update(participant_key=key)


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
