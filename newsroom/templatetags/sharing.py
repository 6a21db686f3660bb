"""Template tags for what a page says about itself: OpenGraph and Twitter card
tags (``share_meta``, from ``articles.site.metadata.share``), the byline's credit
line (``meaningful_credit``), and ``capture`` to use a block's text twice (the
page title as ``<title>`` and as ``og:title``)."""

from urllib.parse import urlencode

from django import template
from django.utils.safestring import mark_safe

from articles.site.metadata import authors, share

register = template.Library()


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)  # so that blocks inside can be overridden

    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # The contents were rendered (and escaped) by the template engine.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """``{% capture as name %}…{% endcapture %}``: render the contents into
    the variable ``name`` instead of the page."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}.")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.inclusion_tag("includes/share_meta.html", takes_context=True)
def share_meta(context, title="", description="", article=None):
    """The page's OpenGraph and Twitter card ``<meta>`` tags: an article's
    (``article=``) or a page's (``title=``, ``description=``)."""
    origin = context.get("site_origin", "")
    if article is not None:
        tags = share.article_tags(origin=origin, article=article)
    else:
        tags = share.page_tags(
            origin=origin,
            # A list page's own address (``site.seo``): page 2 is not page 1.
            path=context["seo"].canonical
            if context.get("seo")
            else context["request"].path,
            title=title,
            description=description,
        )
    return {"tags": tags}


@register.filter
def meaningful_credit(credit):
    """The source's credit line when it names someone ("*/Ika"), else ""."""
    return authors.meaningful_credit(credit)


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context, article):
    """Links that pass ``article`` on (WhatsApp, X, Facebook) as plain links to
    each service's share address (no script, no embed, nothing loaded from
    them), and a copy-link button our own script enables."""
    url = context.get("site_origin", "") + article.get_absolute_url()
    text = f"{article.title} {url}"
    return {
        "url": url,
        "services": [
            ("WhatsApp", "https://wa.me/?" + urlencode({"text": text})),
            (
                "X",
                "https://x.com/intent/post?"
                + urlencode({"text": article.title, "url": url}),
            ),
            (
                "Facebook",
                "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
            ),
        ],
    }
