from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Diplomatic archive"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .caching import install_version_triggers
        from .facet_bitmaps import forget
        from .facet_totals import install_facet_triggers
        from .permissions import ensure_editors_group

        # After every migrate (permissions exist only then), so a new deployment has the group.
        post_migrate.connect(ensure_editors_group, sender=self)
        # After every migrate, too: a migration that rebuilt a table dropped its triggers.
        post_migrate.connect(install_version_triggers, sender=self)
        post_migrate.connect(install_facet_triggers, sender=self)
        # And after a flush (which sends it too): the archive's version starts again from
        # nought, so bitmaps held under a version may no longer be its calls'.
        post_migrate.connect(forget, sender=self)
