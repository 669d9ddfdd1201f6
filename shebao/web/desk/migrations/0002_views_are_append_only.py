"""The database itself refuses to change or delete a record of who viewed a case."""

from django.db import migrations

from shebao.web.core.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("desk", "0001_initial")]

    operations = [append_only("desk_caseview")]
