# Written by hand on 2026-12-07: the readout facet is counted from here on.
"""The one-sided calls become a facet value kept with the others (see archive.facet_totals).

Nothing changes in the tables: the facet triggers, which archive.facet_totals re-installs
after every migrate, count the readout facet once this migration is applied. Both ways, the
triggers are dropped here, so that the next install finds them missing and recounts every
call's values; unapplying drops them before migration 0013 can drop the ``one_sided`` column
they name.
"""

from django.db import migrations

from . import _facet_triggers


def drop_facet_triggers(apps, schema_editor):
    _facet_triggers.drop_facet_triggers(schema_editor, functions=True)


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0016_announcements'),
    ]

    operations = [
        migrations.RunPython(drop_facet_triggers, drop_facet_triggers),
    ]
