"""Small template helpers for the archive's pages."""

import html

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .. import pairs
from ..enums import ReviewStatus

register = template.Library()

# How many words of a call's summary its card shows.
SUMMARY_WORDS = 40


@register.filter
def get(mapping, key):
    """``mapping[key]`` or None: ``{{ snippets|get:call.pk }}``."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag(takes_context=True)
def hidden_params(context, exclude: str = ""):
    """Hidden inputs carrying every current parameter except ``exclude`` (comma-separated).

    A form that changes one parameter (the search box, the period) keeps the others.
    """
    request = context["request"]
    skip = {name.strip() for name in exclude.split(",")} | {"page"}
    pairs = [
        (name, value)
        for name, values in request.GET.lists()
        if name not in skip
        for value in values
    ]
    return format_html_join("", '<input type="hidden" name="{}" value="{}">', pairs)


def _escaped(value) -> str:
    """``value`` as HTML text: what ``{{ value }}`` prints (Django's ``conditional_escape``,
    without its lazy-string checks, which cost as much as the escaping in a loop)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


@register.simple_tag
def call_card(call, snippets=None, selection=None, gap="", inferred=False):
    """One call in a list of calls (``_call_rows.html``): kind, date, duration, participants,
    countries, a passage or the summary's opening, topics, and (given the page's
    ``selection``, :class:`archive.selection.SelectionState`) its button to add it to the
    visitor's selection or remove it; with ``gap``, first the time since the call before it
    in words (a pair's page), and with ``inferred``, "(inferred)" after a date worked out
    rather than stated.

    Built here rather than in a template: a list page shows 25 of them, and Django's template
    engine spent 5.8 ms on their 800 variables where this takes under 1 (bench/README.md).
    It reads only what ``Call.objects.with_related()`` fetched.
    """
    e = _escaped
    participations = call.participations.all()
    meta = f'<span class="kind kind-{e(call.kind)}">{e(call.get_kind_display())}</span>\n      '
    if call.date:
        meta += f'<time datetime="{call.date.isoformat()}">{e(call.date_display)}</time>'
        if inferred and call.date_inferred:
            meta += " (inferred)"
    else:
        meta += "<span>Date unknown</span>"
    if call.duration_minutes:
        meta += f" · {e(call.duration_display)}"
    if call.status == ReviewStatus.REVIEWED:
        meta += ' · <span class="badge-reviewed">Reviewed</span>'
    names = " – ".join(e(p.leader.name) for p in participations) or "Unknown participants"
    countries = " · ".join(e(p.leader.country.name) for p in participations)
    if call.initiator:
        countries += f" — initiated by {e(call.initiator.name)}"
    snippet = snippets.get(call.pk) if snippets else None
    if snippet:
        text = f'\n    <p class="snippet">{e(snippet)}</p>'
    elif call.summary:
        summary = Truncator(call.summary).words(SUMMARY_WORDS, truncate=" …")
        text = f'\n    <p class="summary">{e(summary)}</p>'
    else:
        text = ""
    tags = "".join(
        f'<li><a href="{e(topic.get_absolute_url())}">{e(topic.name)}</a></li>'
        for topic in call.topics.all()
    )
    if tags:
        tags = f'\n    <ul class="tags" aria-label="Topics">{tags}</ul>'
    button = ""
    if selection is not None:
        what = f"{names}, {e(call.date_display)}" if call.date else names
        button = "\n    " + selection_form(selection, call.pk, what, f"#call-{call.pk}")
    if gap:
        gap = f'<p class="call-gap">{e(gap[:1].upper() + gap[1:])}</p>\n    '
    return mark_safe(
        f'<li class="call-card" id="call-{call.pk}">\n    {gap}<p class="call-meta">{meta}</p>\n'
        f'    <h3 class="call-title"><a href="{e(call.get_absolute_url())}">{names}</a></h3>\n'
        f'    <p class="call-countries">{countries}</p>{text}{tags}{button}\n  </li>'
    )


def selection_form(selection, pk: int, what: str, anchor: str = "") -> str:
    """The form that adds call ``pk`` to the visitor's selection, or removes it when held:
    a POST that works without script, back to this page (``anchor``: the call's place on
    it). ``what`` (HTML) names the call for screen readers."""
    back = _escaped(selection.back + anchor)
    if pk in selection:
        action, label = selection.remove_url, "Remove from selection"
        state = '<span class="in-selection">In your selection</span> '
    else:
        action, label, state = selection.add_url, "Add to selection", ""
    return (
        f'<form class="select-form" method="post" action="{action}">{state}'
        f'<input type="hidden" name="id" value="{pk}">'
        f'<input type="hidden" name="next" value="{back}">'
        f'<button type="submit" class="select-button" aria-label="{label}: {what}">'
        f"{label}</button></form>"
    )


@register.simple_tag(takes_context=True)
def selection_button(context, call):
    """A call page's :func:`selection_form`."""
    selection = context.get("selection")
    if selection is None:
        return ""
    return mark_safe(selection_form(selection, call.pk, _escaped(call.title)))


@register.simple_tag
def facet_items(facet):
    """The ``<li>`` of each value of a facet (``_facets.html``): a link that toggles the
    value, with its count (marked as estimated where it is) and a label for screen readers.

    Built here for the reason :func:`call_card` is: a page lists about 60 values.
    """
    e = _escaped
    items = []
    for value in facet.values:
        # The name a screen reader gives the link starts with its visible text, label then
        # count (WCAG 2.5.3, "label in name"): the "≈" of an estimate and the "×" of a
        # selected value are drawn by the style sheet, and said here as words.
        label, count = e(value.label), value.count
        name = f"{label}, {plural(count, 'call')}"
        if value.selected:
            li, shown = ' class="selected"', "count"
            attributes = f' aria-current="true" aria-label="{name}, selected: remove this filter"'
        else:
            li, shown = "", "count approx" if facet.estimated else "count"
            estimated = ", estimated" if facet.estimated else ""
            attributes = f' aria-label="{name}{estimated}"'
        items.append(
            f'<li{li}><a href="{e(value.toggle_url)}" rel="nofollow"{attributes}>'
            f'<span class="facet-label">{label}</span> '
            f'<span class="{shown}">{thousands(count)}</span></a></li>'
        )
    return mark_safe("\n      ".join(items))


@register.filter
def plural(count, word):
    """``{{ n|plural:"call" }}`` → "1 call", "3 calls" (with thousands separators); a
    word in a consonant and y takes "ies" ("2 countries")."""
    try:
        n = int(count)
    except (TypeError, ValueError):
        return f"{count} {_plural_of(word)}"
    return f"{n:,} {word if n == 1 else _plural_of(word)}"


def _plural_of(word: str) -> str:
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


@register.filter
def thousands(count):
    """``{{ n|thousands }}`` → "1,234", as ``plural`` writes counts."""
    try:
        return f"{int(count):,}"
    except (TypeError, ValueError):
        return count


@register.filter
def pair_url(leader, other):
    """The page of two leaders side by side: ``{{ leader|pair_url:other }}``."""
    return pairs.pair_url(leader, other)


@register.filter
def linked(timeline, request):
    """A timeline (``archive.views.queries.Timeline``) whose bars link from ``request``'s
    page: ``{% with chart=timeline|linked:request %}``."""
    return timeline.linked(request)


@register.filter
def period_url(timeline, year):
    """The calls list of one year of a linked timeline."""
    return timeline.url(year)


@register.simple_tag(takes_context=True)
def json_twin(context) -> str:
    """The address of this page's JSON twin ("" when it has none): archive.views.api."""
    from ..views.api import json_twin as twin_of

    request = context.get("request")
    return twin_of(request) if request is not None else ""
