from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """Project wiring: site templates, static files and operator commands."""

    name = "newsroom"

    verbose_name = _("Newsroom")


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """The admin, with the newsroom's own site (the desk as its home page)."""

    default = False  # listed by its full path in INSTALLED_APPS
    default_site = "newsroom.admin_site.NewsroomAdminSite"
