"""Small template helpers for the archive's pages."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


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


@register.simple_tag
def call_participants(call):
    """ "Ann Example (France) and Ben Example (Iran)", with links, from prefetched rows."""
    people = [
        format_html(
            '<a href="{}">{}</a> <span class="country">({})</span>',
            p.leader.get_absolute_url(),
            p.leader.name,
            p.leader.country.name,
        )
        for p in call.participations.all()
    ]
    if not people:
        return "Unknown participants"
    if len(people) == 1:
        return people[0]
    return format_html(
        "{} and {}", format_html_join(", ", "{}", ((p,) for p in people[:-1])), people[-1]
    )


@register.filter
def plural(count, word):
    """``{{ n|plural:"call" }}`` → "1 call", "3 calls" (with thousands separators)."""
    try:
        n = int(count)
    except (TypeError, ValueError):
        return f"{count} {word}s"
    return f"{n:,} {word}{'' if n == 1 else 's'}"
