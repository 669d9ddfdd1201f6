"""The shared cache's table (settings.CACHES), made by migrating like every other table.

`shebao serve` and every command on stored data migrate the database when they open it; the
cache table comes with that, so no operator has to remember `createcachetable`. With Redis
configured (SHEBAO_REDIS_URL) there is no cache table and this does nothing.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("appointments", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
