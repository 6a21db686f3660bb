"""Indonesian first (issue 13): the committed catalogue is complete and compiled,
and no newsroom page shows English to an editor working in Indonesian."""

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from articles import editorial
from articles.models import Article, Source, Topic
from articles.suggestions import services as suggestion_services
from entities import services as entity_services
from entities.models import Entity, Region

LOCALE = Path(settings.BASE_DIR) / "newsroom" / "locale" / "id" / "LC_MESSAGES"


def read_po(path):
    """{(context, msgid): msgstr or [plural forms]} of the catalogue's live,
    non-fuzzy entries, and the msgids left untranslated or fuzzy."""
    entries, current, field, fuzzy = [], {}, None, False

    def finish():
        nonlocal current, fuzzy
        if "msgid" in current:
            current["fuzzy"] = fuzzy
            entries.append(current)
        current, fuzzy = {}, False

    def unquote(text):
        return (
            text[1:-1]
            .replace('\\"', '"')
            .replace("\\n", "\n")
            .replace("\\t", "\t")
            .replace("\\\\", "\\")
        )

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            finish()
        elif line.startswith("#~"):
            continue  # obsolete
        elif line.startswith("#,"):
            fuzzy = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[field] += unquote(line)
        else:
            keyword, _space, value = line.partition(" ")
            if keyword == "msgid" and "msgid" in current:
                finish()
            field = keyword
            current[field] = unquote(value)
    finish()
    catalogue, missing = {}, []
    for entry in entries:
        if entry["msgid"] == "":
            continue  # the header
        key = (entry.get("msgctxt"), entry["msgid"])
        if "msgid_plural" in entry:
            forms = [v for k, v in sorted(entry.items()) if k.startswith("msgstr[")]
            value = forms
            done = all(forms)
        else:
            value = entry["msgstr"]
            done = bool(value)
        if entry["fuzzy"] or not done:
            missing.append(entry["msgid"])
        else:
            catalogue[key] = value
    return catalogue, missing


def test_every_message_is_translated():
    _catalogue, missing = read_po(LOCALE / "django.po")
    assert missing == []


def test_the_committed_mo_is_the_compiled_po():
    catalogue, _missing = read_po(LOCALE / "django.po")
    with open(LOCALE / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for (context, msgid), value in catalogue.items():
        if isinstance(value, list):
            assert compiled.ngettext(msgid, msgid + "s", 1) == value[0], msgid
        elif context:
            assert compiled.pgettext(context, msgid) == value, msgid
        else:
            assert compiled.gettext(msgid) == value, msgid


class VisibleText(HTMLParser):
    """The text a reader sees or hears: no scripts or styles, and of the
    attributes only those shown or read aloud."""

    SHOWN_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skip += 1
        for name, value in attrs:
            if value and name in self.SHOWN_ATTRIBUTES:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible(html):
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


# English that has leaked to Indonesian pages before: whole phrases, and words
# that do not occur in Indonesian newsroom text.
LEAKS = [
    "A comma-separated list of tags",
    "Submit for review",
    "The desk",
    "Historical",
    "Changes",
    "Choose",
    "Save",
    "Delete",
    "Select",
    "Add ",
    "published",
    "draft",
]
ENGLISH_WORD = re.compile(
    r"\b(the|and|of|with|for|this|that|your|you|are|is|by|from|to|or|not|"
    r"Name|Body|Title|Kind|Remove|Change|History|Search)\b"
)
# Names and codes shown as data, not interface text.
ALLOWED = re.compile(
    r"Swiss State Secretariat for Economic Affairs|United Nations Industrial "
    r"Development Organization|Krakatau Steel|"
    # The JSON schema's field names on the import page.
    r"original_published_on"
)


def english_on(html):
    text = ALLOWED.sub("", visible(html))
    found = [leak for leak in LEAKS if leak in text]
    found += sorted({m.group(0) for m in ENGLISH_WORD.finditer(text)})
    return found


@pytest.fixture
def newsroom(seed_data, editor, contributor):
    article = Article.objects.filter(status=Article.Status.PUBLISHED).first()
    suggestion_services.article_suggest(article=article)
    article.title += " (diperbarui)"
    editorial.article_update(article=article, by=editor)
    entities = list(Entity.objects.order_by("pk")[:2])
    return {"article": article, "entities": entities}


def admin_pages(newsroom):
    article, (first, _second) = newsroom["article"], newsroom["entities"]
    pages = [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_changelist") + "?desk=review",
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_history", args=[article.pk]),
        reverse("admin:articles_article_suggestions", args=[article.pk]),
        reverse("admin:articles_article_delete", args=[article.pk]),
        reverse("admin:articles_import"),
        reverse("admin:entities_entity_changelist"),
        reverse("admin:entities_entity_change", args=[first.pk]),
        reverse("admin:entities_entity_add"),
        reverse("admin:entities_entity_history", args=[first.pk]),
        reverse("admin:entities_entity_split", args=[first.pk]),
        reverse("admin:entities_entitymerge_changelist"),
        reverse("admin:articles_topic_changelist"),
        reverse("admin:articles_topic_change", args=[Topic.objects.first().pk]),
        reverse("admin:articles_source_changelist"),
        reverse("admin:articles_source_change", args=[Source.objects.first().pk]),
        reverse("admin:entities_region_changelist"),
        reverse("admin:entities_region_change", args=[Region.objects.first().pk]),
        reverse("admin:articles_suggestion_changelist"),
        reverse("admin:articles_story_changelist"),
    ]
    return pages


@pytest.mark.django_db
def test_admin_pages_speak_indonesian(client, editor, newsroom):
    client.force_login(editor)
    leaks = {}
    for url in admin_pages(newsroom):
        response = client.get(url)
        assert response.status_code == 200, url
        found = english_on(response.content.decode())
        if found:
            leaks[url] = found
    assert leaks == {}


@pytest.mark.django_db
def test_action_pages_speak_indonesian(client, editor, newsroom):
    client.force_login(editor)
    first, second = newsroom["entities"]
    changelist = reverse("admin:entities_entity_changelist")
    leaks = {}
    selected = {"_selected_action": [first.pk, second.pk]}
    response = client.post(changelist, {"action": "merge_entities", **selected})
    assert response.status_code == 200
    if found := english_on(response.content.decode()):
        leaks["merge_entities"] = found
    (merge,) = entity_services.entity_merge(survivor=first, others=[second], by=editor)
    response = client.post(
        reverse("admin:entities_entitymerge_changelist"),
        {"action": "undo_merges", "_selected_action": [merge.pk]},
    )
    assert response.status_code == 200
    if found := english_on(response.content.decode()):
        leaks["undo_merges"] = found
    articles = reverse("admin:articles_article_changelist")
    for action in ("add_topic", "remove_topic", "delete_selected"):
        response = client.post(
            articles,
            {"action": action, "_selected_action": [newsroom["article"].pk]},
        )
        assert response.status_code == 200, action
        if found := english_on(response.content.decode()):
            leaks[action] = found
    assert leaks == {}


@pytest.mark.django_db
def test_the_same_pages_in_english_speak_english(client, editor, newsroom):
    client.force_login(editor)
    page = client.get("/en" + reverse("admin:index"))
    # An editor's desk shows both queues, in English.
    text = visible(page.content.decode())
    assert "Needs review" in text and "My drafts" in text
    assert "Perlu ditinjau" not in text
