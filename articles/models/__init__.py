"""Every model of the articles app, by what it is about: the content
(``content``), what public means (``query``, ``workflow``), tags (``tags``), the
desk's own vocabulary (``taxonomy``), stories, suggestions, the content stamp
and the public counts. Nothing here imports a capability package above it."""

from articles.models.authors import Author
from articles.models.content import (
    Article,
    ArticleNote,
    ArticleRedirect,
    content_fingerprint,
)
from articles.models.corrections import ArticleCorrection
from articles.models.counts import PostingChange, PublicCount, StaleCount
from articles.models.drafts import ArticleDraft
from articles.models.editing import AutosaveCopy, EditingPresence
from articles.models.facts import Fact
from articles.models.images import FeaturedImage
from articles.models.inbox import Notification
from articles.models.jobs import Job
from articles.models.media import MediaImage
from articles.models.pages import STANDING_PAGES, StandingPage
from articles.models.query import ArticleManager, ArticleQuerySet, shown_instead
from articles.models.quotes import Quote
from articles.models.stamp import ContentVersion
from articles.models.stories import Band, Signature, Story, StoryMember
from articles.models.suggestions import Suggestion
from articles.models.tags import ArticleTagBase, TaggedEntity, TaggedKeyword
from articles.models.taxonomy import SlugNaturalKeyManager, Source, Topic
from articles.models.tracker import TrackedFact, TrackerState, TrackerTotal

__all__ = [
    "Author",
    "Article",
    "ArticleCorrection",
    "ArticleDraft",
    "ArticleManager",
    "ArticleNote",
    "ArticleQuerySet",
    "ArticleRedirect",
    "ArticleTagBase",
    "AutosaveCopy",
    "Band",
    "ContentVersion",
    "EditingPresence",
    "Fact",
    "FeaturedImage",
    "Notification",
    "Job",
    "MediaImage",
    "PostingChange",
    "PublicCount",
    "Quote",
    "Signature",
    "STANDING_PAGES",
    "SlugNaturalKeyManager",
    "Source",
    "StaleCount",
    "StandingPage",
    "Story",
    "StoryMember",
    "Suggestion",
    "TaggedEntity",
    "TaggedKeyword",
    "Topic",
    "TrackedFact",
    "TrackerState",
    "TrackerTotal",
    "content_fingerprint",
    "shown_instead",
]
