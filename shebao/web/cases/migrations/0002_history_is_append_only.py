"""The database itself refuses to change or delete a case's history."""

from django.db import migrations

from shebao.web.core.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [append_only("cases_casehistory")]
