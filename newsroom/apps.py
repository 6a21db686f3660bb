from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """Project wiring: site templates, static files and operator commands."""

    name = "newsroom"
    verbose_name = _("Newsroom")
