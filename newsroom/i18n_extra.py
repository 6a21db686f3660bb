"""Words of other apps the newsroom translates (or words differently).

Never imported: ``makemessages`` reads these calls, so the project's catalogue
(which Django consults before the apps' own) carries Indonesian for strings
django-taggit and django-simple-history ship without it, and the newsroom's own
wording where Django's is ambiguous ("Hapus" is both deleting forever and
removing a tag: deleting is "Hapus permanen").
"""

from django.utils.translation import gettext_noop, pgettext_lazy

THIRD_PARTY = [
    # django-taggit's tag fields (the entity's name and slug come from them).
    pgettext_lazy("A tag name", "name"),
    pgettext_lazy("A tag slug", "slug"),
    gettext_noop("tag"),
    gettext_noop("tags"),
    gettext_noop("Tags"),
    gettext_noop("A comma-separated list of tags."),
    # django-simple-history's history pages.
    gettext_noop("Changes"),
    gettext_noop("Change History"),
    # Django's admin: deleting is forever, and says so.
    gettext_noop("Delete"),
    gettext_noop("Delete?"),
    gettext_noop("Delete selected %(verbose_name_plural)s"),
]
