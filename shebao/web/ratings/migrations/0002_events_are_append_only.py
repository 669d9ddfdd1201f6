"""The database itself refuses to change or delete a rating's events, set-asides included."""

from django.db import migrations

from shebao.web.core.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("ratings", "0001_initial")]

    operations = [append_only("ratings_ratingevent")]
