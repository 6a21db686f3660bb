"""The "Untuk saya" inbox: what colleagues did that concerns the person looking
(mentions, assignments, stories returned to her), on the desk and on its own
page, where she marks them read. The notifications are written by
``editorial.notifications``; this module only reads them and marks them read
through it."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView

from articles.editorial import notifications
from articles.models import Article, Notification, workflow

DESK_LISTED = 5


def notifications_for(user):
    """``user``'s notifications, newest first, with what a row shows; only
    about articles she may still see (an assignment taken back, a draft
    deleted: its title is no longer hers to read)."""
    rows = Notification.objects.for_user(user).select_related("article", "actor")
    condition = workflow.visible_q(user)
    if condition is not None:
        rows = rows.filter(article__in=Article.objects.filter(condition).values("pk"))
    return rows


@dataclass
class Inbox:
    unread: int
    latest: list = field(default_factory=list)


def inbox_for(user) -> Inbox:
    """The desk's "Untuk saya": the unread count and the newest unread ones
    (two queries)."""
    unread = notifications_for(user).unread()
    count = unread.count()
    return Inbox(count, list(unread[:DESK_LISTED]) if count else [])


class InboxView(ListView):
    """The whole inbox, 50 a page; POST marks read (one, or every unread)."""

    template_name = "admin/inbox.html"
    paginate_by = 50
    admin_site = None

    def get_queryset(self):
        return notifications_for(self.request.user)

    def get_context_data(self, **kwargs):
        return {
            **self.admin_site.each_context(self.request),
            **super().get_context_data(**kwargs),
            "title": _("For me"),
            "unread": notifications_for(self.request.user).unread().count(),
        }

    def post(self, request, *args, **kwargs):
        ids = None
        if "all" not in request.POST:
            ids = [int(v) for v in request.POST.getlist("id") if v.isdigit()]
        marked = notifications.notifications_mark_read(ids=ids, by=request.user)
        if marked:
            messages.success(request, _("Marked as read."))
        return redirect(reverse("admin:articles_inbox"))
