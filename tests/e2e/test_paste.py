"""Pasting into the body's editor (issue 25): Word's lists arrive as lists,
tables as tables, and text between < and > typed in the editor is kept."""

import pytest

from articles.models import Article
from tests.e2e.test_richtext import body, editor_session, publish

pytestmark = pytest.mark.e2e

WORD = (
    "<html xmlns:o='urn:schemas-microsoft-com:office:office'><body>"
    "<!--StartFragment--><p class=MsoNormal>Produk:<o:p></o:p></p>"
    "<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;"
    "mso-list:l0 level1 lfo1'><!--[if !supportLists]--><span style='font-family:"
    "Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt \"Times\"'>"
    "&nbsp;&nbsp; </span></span></span><!--[endif]-->Baja canai<o:p></o:p></p>"
    "<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'>"
    "<!--[if !supportLists]--><span style='mso-list:Ignore'>·<span>&nbsp; </span>"
    "</span><!--[endif]-->Kawat baja<o:p></o:p></p>"
    "<table border=1><tr><th>Produk</th><th>Ton</th></tr>"
    "<tr><td>Baja</td><td>1.200</td></tr></table>"
    "<!--EndFragment--></body></html>"
)

PASTE = """html => {
  const target = document.querySelector('.field-body [contenteditable=true]')
  target.focus()
  const data = new DataTransfer()
  data.setData('text/html', html)
  data.setData('text/plain', 'Produk:')
  target.dispatchEvent(new ClipboardEvent('paste', {
    clipboardData: data, bubbles: true, cancelable: true,
  }))
}"""


def test_word_lists_and_tables_pasted_into_the_editor(browser, site):
    violations = []
    context, page = editor_session(browser, site, violations)
    body(page).click()
    page.evaluate(PASTE, WORD)
    publish(page, "Produk pabrik baja")
    article = Article.objects.get(title="Produk pabrik baja")
    assert "<ul><li><p>Baja canai</p></li><li><p>Kawat baja</p></li></ul>" in (
        article.body
    )
    assert "·" not in article.body_text
    assert "<table>" in article.body and "<td><p>1.200</p></td>" in article.body
    page.goto(site + article.get_absolute_url())
    assert page.locator(".body .table-scroll table").count() == 1
    assert violations == []
    context.close()


def test_angle_text_typed_in_the_editor_is_kept(browser, site):
    violations = []
    context, page = editor_session(browser, site, violations)
    body(page).click()
    page.keyboard.type("Jika <p dan q> maka r.")
    publish(page, "Rumus")
    article = Article.objects.get(title="Rumus")
    assert article.body == "<p>Jika &lt;p dan q&gt; maka r.</p>"
    assert violations == []
    context.close()
