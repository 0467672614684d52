"""Who may do what: the "Editors" group curates the archive but does not manage users."""

from django.contrib.auth.models import Group, Permission

EDITORS_GROUP = "Editors"

# Every model an editor curates, with the actions allowed on it.
CURATED_MODELS = {
    "country": ("view", "add", "change"),
    "leader": ("view", "add", "change", "delete"),
    "term": ("view", "add", "change", "delete"),
    "topic": ("view", "add", "change", "delete"),
    "source": ("view", "add", "change", "delete"),
    "call": ("view", "add", "change", "delete"),
    "participation": ("view", "add", "change", "delete"),
    "report": ("view", "add", "change", "delete"),
    "evidence": ("view", "add", "change", "delete"),
    "statement": ("view", "add", "change", "delete"),
    "possibleduplicate": ("view", "change", "delete"),
    "announcement": ("view", "add", "change", "delete"),
    "callredirect": ("view",),
    "leaderredirect": ("view",),
}


def ensure_editors_group(**_kwargs) -> Group:
    """Create or complete the Editors group; safe to run any number of times."""
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    codenames = [
        f"{action}_{model}" for model, actions in CURATED_MODELS.items() for action in actions
    ]
    permissions = Permission.objects.filter(
        content_type__app_label="archive", codename__in=codenames
    )
    group.permissions.add(*permissions)
    # The edit history lives in django-reversion's models: editors read and revert it.
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="reversion", codename__startswith="view_"
        )
    )
    return group
