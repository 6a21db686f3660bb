"""The one vocabulary of kinds: what an entity is, and what a suggestion names.

Entities are people, organisations, places (or other); a suggestion names one of
those, a region (by its official code) or a topic. The extractor, the models,
the suggestion review and the evaluation all use these values.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntityKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")
    PLACE = "place", _("Place")
    OTHER = "other", _("Other")


class SuggestionKind(models.TextChoices):
    PERSON = EntityKind.PERSON.value, _("Person")
    ORGANISATION = EntityKind.ORGANISATION.value, _("Organisation")
    PLACE = EntityKind.PLACE.value, _("Place")
    REGION = "region", _("Region")
    TOPIC = "topic", _("Topic")


# What the extractor proposes (topics come from the topics' own keywords).
PERSON = SuggestionKind.PERSON.value
ORGANISATION = SuggestionKind.ORGANISATION.value
PLACE = SuggestionKind.PLACE.value
REGION = SuggestionKind.REGION.value
TOPIC = SuggestionKind.TOPIC.value
# The kinds a labelled evaluation set scores.
EVALUATED = (PERSON, ORGANISATION, REGION)
