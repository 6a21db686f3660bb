"""Red team round two (issue 32, Medium): topic edits no longer overwrite each
other silently, and a topic has a history to restore from. Each test failed
before its fix."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import editorial
from articles.models import Topic

pytestmark = pytest.mark.security


def topic_form(topic, **changes):
    return {
        "name": topic.name,
        "slug": topic.slug,
        "parent": topic.parent_id or "",
        "description": topic.description,
        "iptc_code": topic.iptc_code,
        "keywords": topic.keywords,
        "expected_version": topic.version,
        **changes,
    }


def test_a_stale_topic_save_is_refused_and_nothing_is_overwritten(
    client, editor, make_user, make_topic
):
    topic = make_topic("Baja")
    url = reverse("admin:articles_topic_change", args=[topic.pk])
    opened = topic_form(topic)
    client.force_login(make_user("Editor", "redaktur2"))
    assert client.post(url, {**opened, "keywords": "baja\nbesi"}).status_code == 302
    client.force_login(editor)
    late = client.post(url, {**opened, "keywords": "logam"})
    assert late.status_code == 200
    assert "redaktur2" in late.content.decode()
    topic.refresh_from_db()
    assert (topic.keywords, topic.version) == ("baja\nbesi", 2)


def test_a_topic_edit_can_be_undone_from_its_history(client, editor, make_topic):
    topic = make_topic("Kawasan industri", parent=None)
    client.force_login(editor)
    url = reverse("admin:articles_topic_change", args=[topic.pk])
    client.post(url, topic_form(topic, description="Versi pertama"))
    topic.refresh_from_db()
    client.post(url, topic_form(topic, description="Versi kedua"))
    topic.refresh_from_db()
    revisions = list(topic.history.order_by("history_date"))
    assert [r.description for r in revisions][-2:] == ["Versi pertama", "Versi kedua"]
    assert revisions[-1].history_user == editor
    history = client.get(reverse("admin:articles_topic_history", args=[topic.pk]))
    assert history.status_code == 200
    restore = reverse(
        "admin:articles_topic_simple_history",
        args=[topic.pk, revisions[-2].history_id],
    )
    assert client.get(restore).status_code == 200
    done = client.post(restore, topic_form(topic, description="Versi pertama"))
    assert done.status_code == 302
    topic.refresh_from_db()
    assert (topic.description, topic.version) == ("Versi pertama", 4)


def test_a_contributor_reads_a_topic_and_changes_nothing(
    client, contributor, make_topic
):
    topic = make_topic("Semen")
    client.force_login(contributor)
    url = reverse("admin:articles_topic_change", args=[topic.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, topic_form(topic, name="Diganti")).status_code == 403
    with pytest.raises(PermissionDenied):
        editorial.topic_update(topic=topic, by=contributor)
    assert Topic.objects.get(pk=topic.pk).name == "Semen"
