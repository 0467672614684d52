"""The calls list's filters, built from the query string with django-filter.

Every parameter is optional and forgiving: a value that cannot be read (a bad
date, an unknown leader) is ignored and reported in ``notices``, never an error
page. Leaders, countries, topics and publishers may repeat (``?leader=a&leader=b``):
several leaders must all take part (the calls *between* them), while several countries,
topics or publishers each widen the choice (calls of *any* of them), as in Blacklight and
Datasette; different parameters all apply. The same parameters drive the HTML list, its
facets, and its CSV and JSON twins.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet
from pyroaring import BitMap

from . import facet_bitmaps, facet_totals, idlists, search
from .enums import CallKind
from .models import Call, Country, Leader, Participation, Report, Topic

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")
COUNTRY_CODE = re.compile(r"[a-zA-Z]{2}")
# More values than this for one parameter is not a question anyone asks.
MAX_VALUES = 10


class ListField(forms.MultipleChoiceField):
    """Repeated parameters, each checked against a pattern (existence is checked later)."""

    def __init__(self, *args, pattern: re.Pattern | None = None, max_length=200, **kwargs):
        self.pattern = pattern
        self.max_length = max_length
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        values = super().to_python(value)
        # Repeats of one value mean it once; keep the order they came in.
        return list(dict.fromkeys(v.strip() for v in values if v.strip()))

    def valid_value(self, value: str) -> bool:
        if len(value) > self.max_length:
            return False
        return self.pattern is None or bool(self.pattern.fullmatch(value))

    def validate(self, value):
        if len(value) > MAX_VALUES:
            raise ValidationError(f"At most {MAX_VALUES} values; the filter was ignored.")
        for item in value:
            if not self.valid_value(item):
                raise ValidationError(
                    f"“{item[:60]}” is not a valid value; the filter was ignored."
                )


class ListFilter(django_filters.Filter):
    field_class = ListField


class PeriodField(forms.Field):
    """A date, a month or a year: ``2023-06-10``, ``2023-06`` or ``2023``.

    Cleans to the first day of the period, or with ``end=True`` to its last day.
    """

    def __init__(self, *args, end: bool = False, **kwargs):
        self.end = end
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value)
        if not match:
            raise ValidationError(f"“{value[:40]}” is not a date (YYYY-MM-DD, YYYY-MM or YYYY).")
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            if month is None:
                return datetime.date(year, 12, 31) if self.end else datetime.date(year, 1, 1)
            if day is None:
                last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
                return datetime.date(year, month, last if self.end else 1)
            return datetime.date(year, month, day)
        except ValueError as exc:
            raise ValidationError(f"“{value}” is not a date in the calendar.") from exc


class PeriodFilter(django_filters.Filter):
    field_class = PeriodField


#: The value of ``year`` (or of ``month``, with a year) that selects the calls not dated to
#: one: those with no date, or known only to their year.
UNKNOWN = "unknown"


class PeriodPartField(forms.IntegerField):
    """A year or a month: a number in its range, or ``unknown``."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip().lower() == UNKNOWN:
            return UNKNOWN
        return super().to_python(value)

    def validate(self, value):
        if value != UNKNOWN:
            super().validate(value)

    def run_validators(self, value):
        if value != UNKNOWN:
            super().run_validators(value)


class PeriodPartFilter(django_filters.Filter):
    field_class = PeriodPartField


#: The most calls read from the newest to find a page of a search (see CallFilter.sorted): a
#: probe of the index costs about 10 µs.
MAX_PROBES = 2_000

SORTS = {
    "newest": ("Newest first", [F("date").desc(nulls_last=True), "-id"]),
    "oldest": ("Oldest first", [F("date").asc(nulls_last=True), "id"]),
    "longest": ("Longest first", [F("duration_minutes").desc(nulls_last=True), "-id"]),
    "archived": ("Recently archived", ["-created_at", "-id"]),
    # search_rank comes from QuerySet.extra (archive.search), which only a string can name.
    "relevance": ("Most relevant", ["-search_rank", "-date", "-id"]),
}


@dataclass(frozen=True)
class Selected:
    """One active filter value, as a chip shows it."""

    name: str  # the parameter
    value: str  # as it stands in the query string
    label: str  # what people read
    title: str  # what kind of filter, "Leader"


#: The ``readout`` filter's value: calls reported by one side only (``Call.one_sided``).
ONE_SIDED = facet_totals.ONE_SIDED


class CallFilter(django_filters.FilterSet):
    """The calls list: search, facets, a period, and the order of the results."""

    q = django_filters.CharFilter(label="Search", method="filter_search", max_length=500)
    leader = ListFilter(label="Leader", method="filter_leaders", pattern=SLUG)
    country = ListFilter(label="Country", method="filter_countries", pattern=COUNTRY_CODE)
    topic = ListFilter(label="Topic", method="filter_topics", pattern=SLUG)
    kind = django_filters.ChoiceFilter(label="Kind", choices=CallKind.choices)
    year = PeriodPartFilter(label="Year", method="filter_year", min_value=1, max_value=9999)
    month = PeriodPartFilter(label="Month", method="filter_month", min_value=1, max_value=12)
    publisher = ListFilter(label="Publisher", method="filter_publishers")
    # One side's account only (Call.one_sided): readouts to read as that side's word.
    readout = django_filters.ChoiceFilter(
        label="Readout", choices=[(ONE_SIDED, "One-sided")], method="filter_readout"
    )
    sort = django_filters.ChoiceFilter(
        label="Sort",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="filter_nothing",
        empty_label=None,
    )

    class Meta:
        model = Call
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.notices: list[str] = []
        self.selected: list[Selected] = []
        self.query = search.Query()

    # -- reading the parameters ------------------------------------------------

    @property
    def values(self) -> dict[str, Any]:
        """The cleaned value of every valid parameter (errors are in ``notices``)."""
        if not hasattr(self, "_values"):
            self._values = self._clean()
        return self._values

    def _clean(self) -> dict[str, Any]:
        self.form.is_valid()
        for name, errors in self.form.errors.items():
            label = self.filters[name].label if name in self.filters else name
            for error in errors:
                self.notices.append(f"{label}: {error} It was ignored.")
        values = dict(self.form.cleaned_data)
        if values.get("month") and values.get("year") in (None, UNKNOWN):
            self.notices.append("Month: a month needs a year; it was ignored.")
            values["month"] = None
        if values.get("q"):
            self.query = search.parse(values["q"])
            if self.query.truncated:
                self.notices.append(
                    f"Search: only the first {search.MAX_TERMS} terms"
                    f" ({search.MAX_QUERY_LENGTH} characters) were used."
                )
        self._resolve(values)
        start, end = values.get("from"), values.get("to")
        if start and end and start > end:
            self.notices.append("The period ends before it starts, so no call can fall in it.")
        return values

    def _resolve(self, values: dict[str, Any]) -> None:
        """Find the named leaders, countries and topics (one query each); drop unknown ones."""
        lookups = [
            ("leader", Leader.objects.only("name", "slug"), "slug", str),
            ("country", Country.objects.only("name"), "code", str.upper),
            ("topic", Topic.objects.only("name", "slug"), "slug", str),
        ]
        self.objects: dict[str, list] = {}
        for name, queryset, key, normalise in lookups:
            wanted = [normalise(v) for v in values.get(name) or []]
            if not wanted:
                continue
            found = {getattr(obj, key): obj for obj in queryset.filter(**{f"{key}__in": wanted})}
            for value in wanted:
                if value not in found:
                    title = self.filters[name].label
                    self.notices.append(f"{title}: nothing in the archive is called “{value}”.")
            self.objects[name] = [found[v] for v in wanted if v in found]
        for name, objects in self.objects.items():
            for obj in objects:
                value = obj.code.lower() if name == "country" else obj.slug
                self.selected.append(Selected(name, value, obj.name, self.filters[name].label))

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        values = self.values
        for name, value in values.items():
            if name in self.filters and value not in (None, "", []):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def qs(self) -> QuerySet:
        # Validation problems are notices, not errors: always filter with what is valid.
        if not hasattr(self, "_qs"):
            self._qs = self.filter_queryset(self.queryset.all())
            self._selection = None
            if self.is_filtered:
                # The filtered calls' ids, read once: their number is the count, and the
                # page and every facet start from them (archive.idlists).
                hits = self._search_only_hits()
                from_bitmaps = None if hits is not None else self._ids_from_bitmaps()
                if from_bitmaps is not None:
                    self._selection = idlists.Selection.of(self._qs, from_bitmaps)
                elif hits is None:
                    # With a search among the filters, PostgreSQL is kept to the full-text
                    # index: left to itself it read every document to test a common word
                    # in the calls of one year (680 ms rather than 50).
                    with search.kept_to_index(self.query):
                        self._selection = idlists.Selection.of(self._qs)
                else:
                    # A search alone: its hits are the selection, read from the index.
                    self._selection = idlists.Selection(self._qs, hits.every)
                self._qs = self._selection.queryset
        return self._qs

    @property
    def selection(self) -> idlists.Selection | None:
        """The filtered calls' ids (None when nothing is filtered)."""
        self.qs  # noqa: B018 - reads them
        return self._selection

    #: The filters whose calls are facet values' (archive.facet_bitmaps): with a search or
    #: these alone, the calls are found by intersecting bitmaps, not by the database.
    FACET_FILTERS = frozenset(
        {"q", "leader", "country", "topic", "publisher", "kind", "year", "month", "readout"}
    )

    def _ids_from_bitmaps(self) -> list[int] | None:
        """The filtered calls' ids from the facet values' bitmaps and a search's hits, when
        every filter in force is a facet's (or a search with words to find) and the
        bitmaps are at hand; else None (the database finds them).

        The calls of a busy leader in a year took 55 ms to find in the database at 200,000
        calls (every call of the leader visited to test its year) and take well under one
        here; whatever finds them, they are the same calls (tests/browse/
        test_exact_counts.py).
        """
        active = {selected.name for selected in self.active}
        if not active <= self.FACET_FILTERS or self.queryset.query.where:
            return None
        if "q" in active and not self.query.has_positive_terms:
            return None
        bitmaps = facet_bitmaps.for_counting(facet_totals.total_calls, wait=0)
        if bitmaps is None:
            return None
        values = self.values
        chosen: list[BitMap] = []  # each a filter's calls: all of them apply
        for leader in self.objects.get("leader", []):
            chosen.append(bitmaps.calls_with(facet_totals.LEADER, str(leader.pk)))
        any_of = [
            (facet_totals.COUNTRY, [country.pk for country in self.objects.get("country", [])]),
            (facet_totals.TOPIC, [str(topic.pk) for topic in self.objects.get("topic", [])]),
            (facet_totals.PUBLISHER, values.get("publisher") or []),
        ]
        for facet, wanted in any_of:
            if wanted:  # none known: not filtered, as in the database
                chosen.append(BitMap().union(*[bitmaps.calls_with(facet, v) for v in wanted]))
        if values.get("kind"):
            chosen.append(bitmaps.calls_with(facet_totals.KIND, values["kind"]))
        if values.get("readout"):
            chosen.append(bitmaps.calls_with(facet_totals.READOUT, facet_totals.ONE_SIDED))
        year, month = values.get("year"), values.get("month")
        if year:
            # The month facet's values are "year-month", "year-" and "-" (facet_totals).
            if year == UNKNOWN:
                prefix, months = "-", None
            elif month:
                prefix, months = f"{year}-", "" if month == UNKNOWN else str(month)
            else:
                prefix, months = f"{year}-", None
            chosen.append(bitmaps.calls_in_months(prefix, months))
        if "q" in active:
            chosen.append(BitMap(self.hits.every))
        if not chosen:
            return None
        return list(BitMap(chosen[0]).intersection(*chosen[1:]))

    def _search_only_hits(self) -> search.Hits | None:
        """A search alone selects its hits: no need to read them again through the calls."""
        only_search = [s.name for s in self.active] == ["q"] and self.query.has_positive_terms
        return self.hits if only_search else None

    # -- filters ---------------------------------------------------------------

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_readout(self, queryset, name, value):
        return queryset.filter(one_sided=True) if value == ONE_SIDED else queryset

    def filter_search(self, queryset, name, value):
        # With other filters the search's count and sample are not needed: only its ids,
        # when they are few enough to hand on (archive.search._matching reads those).
        return search.search_calls(queryset, self.query, self._search_only_hits())

    @property
    def hits(self) -> search.Hits:
        """The calls the search matches, read once from the index (`search.call_hits`)."""
        if not hasattr(self, "_hits"):
            self._hits = search.call_hits(self.query)
        return self._hits

    def filter_leaders(self, queryset, name, value):
        # All of them: the calls between these leaders.
        for leader in self.objects.get("leader", []):
            queryset = queryset.filter(
                pk__in=Participation.objects.filter(leader=leader).values("call_id")
            )
        return queryset

    def filter_countries(self, queryset, name, value):
        # Any of them: the calls of a leader of one of these countries.
        countries = self.objects.get("country", [])
        if not countries:
            return queryset
        of_them = Participation.objects.filter(leader__country__in=countries)
        return queryset.filter(pk__in=of_them.values("call_id"))

    def filter_topics(self, queryset, name, value):
        # Any of them; a broader topic's calls are those of its narrower topics too, as its
        # count says.
        topics = self.objects.get("topic", [])
        if not topics:
            return queryset
        narrower = facet_totals.with_narrower([topic.pk for topic in topics])
        tagged = Call.topics.through.objects.filter(topic__in=set().union(*narrower.values()))
        return queryset.filter(pk__in=tagged.values("call_id"))

    def filter_publishers(self, queryset, name, value):
        # Any of them: the calls one of these publishers reported.
        reported = Report.objects.filter(source__publisher__in=value)
        return queryset.filter(pk__in=reported.values("call_id"))

    def filter_year(self, queryset, name, value):
        if value == UNKNOWN:
            return queryset.filter(year__isnull=True)
        return queryset.filter(year=value)

    def filter_month(self, queryset, name, value):
        if self.values.get("year") in (None, UNKNOWN):
            return queryset
        if value == UNKNOWN:
            # Known only to the year: dated, but not to a month.
            return queryset.filter(month__isnull=True)
        return queryset.filter(month=value)

    # -- what the page shows -----------------------------------------------------

    @property
    def active(self) -> list[Selected]:
        """Every filter in force, in the order chips show them."""
        values = self.values
        chips: list[Selected] = []
        if self.query:
            chips.append(Selected("q", values["q"], str(self.query), "Search"))
        chips += self.selected
        if values.get("kind"):
            chips.append(Selected("kind", values["kind"], CallKind(values["kind"]).label, "Kind"))
        if values.get("year"):
            year = values["year"]
            label = "Date unknown" if year == UNKNOWN else str(year)
            chips.append(Selected("year", str(year), label, "Year"))
        if values.get("month"):
            month = values["month"]
            label = "Month unknown" if month == UNKNOWN else calendar.month_name[month]
            chips.append(Selected("month", str(month), label, "Month"))
        if values.get("readout"):
            chips.append(Selected("readout", ONE_SIDED, "One-sided", "Readout"))
        for publisher in values.get("publisher") or []:
            chips.append(Selected("publisher", publisher, publisher, "Publisher"))
        for name, title in (("from", "From"), ("to", "To")):
            if values.get(name):
                raw = self.data.get(name, "")
                chips.append(Selected(name, raw, values[name].strftime("%-d %B %Y"), title))
        return chips

    @property
    def is_filtered(self) -> bool:
        return bool(self.active)

    def followed_query(self) -> str:
        """The filters in force as a query string (``q=ceasefire&leader=...``): what a feed
        follows this list by. No order and no page; a value the list ignored (and a feed
        would refuse) is not in it, so the feed holds the calls the list shows."""
        pairs = []
        for selected in self.active:
            value = selected.value
            if selected.name == "q" and self.query.truncated:
                value = str(self.query)  # the terms searched for, which a feed accepts
            pairs.append((selected.name, value))
        return urlencode(pairs)

    def described(self) -> str:
        """What these filters select, in words: "calls matching “ceasefire” with leader
        <name>; year 2025" ("calls" when nothing is filtered)."""
        chips = self.active
        words = ["calls"]
        if self.query:
            words.append(f"matching “{self.query}”")
        others = [f"{chip.title.lower()} {chip.label}" for chip in chips if chip.name != "q"]
        if others:
            words.append("with " + "; ".join(others))
        return " ".join(words)

    def without(self, name: str) -> CallFilter:
        """These filters but ``name``'s, from what was read already (no query, no notice):
        the calls a facet that widens the choice counts its values over."""
        values = self.values
        other = type(self)(self.data, queryset=self.queryset)
        other._values = {**values, name: None}
        other.objects = {key: objs for key, objs in self.objects.items() if key != name}
        other.selected = [selected for selected in self.selected if selected.name != name]
        other.query = self.query
        if hasattr(self, "_hits"):
            other._hits = self._hits
        return other

    @property
    def sort_key(self) -> str:
        """The order in force: the requested one if it applies, else relevance or newest."""
        sort = self.values.get("sort")  # read first: it parses the query too
        if sort == "relevance" and not self.query.has_positive_terms:
            sort = None
        if not sort:
            sort = "relevance" if self.query.has_positive_terms and not self.unranked else "newest"
        return sort

    @property
    def unranked(self) -> bool:
        """Whether a search matches too many calls to be ranked unless asked
        (archive.search.MAX_RANKED): it is then listed newest first."""
        return self.query.has_positive_terms and self.count() > search.max_ranked()

    @property
    def sort_choices(self) -> list[tuple[str, str]]:
        self.values  # noqa: B018 - parses the query, which decides whether relevance applies
        return [
            (key, label)
            for key, (label, _) in SORTS.items()
            if key != "relevance" or self.query.has_positive_terms
        ]

    def sorted(self, best: int | None = None) -> QuerySet:
        """The filtered calls in the requested order (relevance annotates ``search_rank``).

        ``best``: only that many calls will be read from the start (a page and those before
        it); a search alone then ranks just its best matches, in the index.
        """
        queryset = self.qs
        if self.sort_key == "relevance":
            if best is not None and self._search_only_hits() is not None:
                # The search is the only filter, and the ranking applies it.
                queryset = search.rank_calls(self.queryset.all(), self.query, best)
            else:
                queryset = search.rank_calls(queryset, self.query)
        elif self._probe_newest(best):
            queryset = search.calls_containing(self.queryset.all(), self.query)
        return queryset.order_by(*SORTS[self.sort_key][1])

    def _probe_newest(self, best: int | None) -> bool:
        """Whether the first ``best`` calls of a search alone, newest first, are found sooner
        by reading the calls from the newest and probing the index for each
        (`search.calls_containing`) than by collecting every match first.

        Reading from the newest finds ``best`` matches after about ``best / share`` calls,
        where ``share`` is the part of the archive that matches; past `MAX_PROBES` calls,
        collecting the matches is the cheaper.
        """
        if best is None or self.sort_key != "newest" or self._search_only_hits() is None:
            return False
        return best * facet_totals.total_calls() <= MAX_PROBES * self.count()

    def count(self) -> int:
        """How many calls match: the filtered calls' ids were read (``selection``); the
        whole archive is counted by the database (archive.facet_totals)."""
        if not self.is_filtered:
            return facet_totals.total_calls()
        return self.selection.count


# "from" and "to" are Python keywords, so they cannot be class attributes above.
CallFilter.base_filters["from"] = PeriodFilter(label="From", field_name="date", lookup_expr="gte")
CallFilter.base_filters["to"] = PeriodFilter(
    label="To", field_name="date", lookup_expr="lte", end=True
)
