from django.apps import AppConfig


class OnlineConfig(AppConfig):
    name = "shebao.web.online"
    label = "online"
    verbose_name = "网上办"
    default_auto_field = "django.db.models.BigAutoField"
