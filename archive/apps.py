from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Diplomatic archive"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .permissions import ensure_editors_group

        # After every migrate (permissions exist only then), so a new deployment has the group.
        post_migrate.connect(ensure_editors_group, sender=self)
