"""The review queue's figure on the admin's index (archive.review)."""

from django import template

from archive import review

register = template.Library()


@register.simple_tag
def review_total() -> int:
    """How many items wait for an editor: one count query a reason."""
    return review.total()
