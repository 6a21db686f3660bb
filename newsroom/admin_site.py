"""The newsroom's admin: its home page is the desk (what needs doing), its
header names the site and switches language, and it lists only what editors
work with."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.desk.inbox import inbox_for
from articles.desk.queues import desk_for

# Apps in the order editors use them; anything else (users, groups, login
# throttling) comes after, for whoever may see it.
APP_ORDER = ["articles", "entities"]


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Warta Industri"
    site_title = "Warta Industri"
    index_title = _("The desk")
    index_template = "admin/desk.html"
    # The desk is the navigation; the sidebar took a quarter of every list.
    enable_nav_sidebar = False

    def index(self, request, extra_context=None):
        context = {
            "desk": desk_for(request.user),
            "inbox": inbox_for(request.user),
            **(extra_context or {}),
        }
        return super().index(request, context)

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        rank = {label: n for n, label in enumerate(APP_ORDER)}
        return sorted(apps, key=lambda app: rank.get(app["app_label"], len(rank)))
