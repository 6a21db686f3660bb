"""Template tags for what a page says about itself: the byline's credit line
(``meaningful_credit``)."""

from django import template

from articles.metadata import authors

register = template.Library()


@register.filter
def meaningful_credit(credit):
    """The source's credit line when it names someone ("*/Ika"), else ""."""
    return authors.meaningful_credit(credit)
