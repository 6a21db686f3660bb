"""The newsroom's roles: the Contributor and Editor groups and exactly their
permissions, kept in step after every ``migrate``."""

from django.contrib.auth.models import Group, Permission

ROLES = {
    "Contributor": (
        "articles.add_articlenote",
        "articles.view_articlenote",
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.view_source",
        "articles.view_topic",
        "articles.view_suggestion",
        "articles.change_suggestion",
        "articles.view_fact",
        "articles.change_fact",
        "articles.view_quote",
        "articles.change_quote",
        "articles.view_story",
        "articles.view_standingpage",
        "articles.view_author",
        "articles.view_articlecorrection",
        "articles.add_mediaimage",
        "articles.view_mediaimage",
        "entities.view_entity",
        "entities.view_entityalias",
        "entities.view_region",
    ),
    "Editor": (
        "articles.add_articlenote",
        "articles.view_articlenote",
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.publish_article",
        "articles.add_source",
        "articles.change_source",
        "articles.delete_source",
        "articles.view_source",
        "articles.add_topic",
        "articles.change_topic",
        "articles.delete_topic",
        "articles.view_topic",
        "articles.view_suggestion",
        "articles.change_suggestion",
        "articles.view_fact",
        "articles.change_fact",
        "articles.view_quote",
        "articles.change_quote",
        "articles.view_story",
        "articles.change_story",
        "articles.add_standingpage",
        "articles.change_standingpage",
        "articles.view_standingpage",
        "articles.add_author",
        "articles.change_author",
        "articles.delete_author",
        "articles.view_author",
        "articles.add_articlecorrection",
        "articles.view_articlecorrection",
        "articles.add_mediaimage",
        "articles.change_mediaimage",
        "articles.delete_mediaimage",
        "articles.view_mediaimage",
        "entities.add_entity",
        "entities.change_entity",
        "entities.delete_entity",
        "entities.view_entity",
        "entities.merge_entity",
        "entities.add_entityalias",
        "entities.change_entityalias",
        "entities.delete_entityalias",
        "entities.view_entityalias",
        "entities.view_entitymerge",
        "entities.add_region",
        "entities.change_region",
        "entities.view_region",
    ),
}


def roles_sync() -> dict[str, int]:
    """Create the Contributor and Editor groups with exactly their permissions.

    Idempotent: run after every migration and by ``manage.py sync_roles``.
    Returns the number of permissions per group.
    """
    result = {}
    for name, codes in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = []
        for code in codes:
            app_label, codename = code.split(".")
            permissions.append(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.set(permissions)
        result[name] = len(permissions)
    return result
