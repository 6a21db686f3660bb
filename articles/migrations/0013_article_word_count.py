import re

from django.db import migrations, models

WORD = re.compile(r"\w+")  # articles.richtext.WORD when this was written


def count_words(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    batch = []
    for article in Article.objects.only("pk", "body_text").iterator(chunk_size=2000):
        article.word_count = len(WORD.findall(article.body_text))
        batch.append(article)
        if len(batch) == 2000:
            Article.objects.bulk_update(batch, ["word_count"])
            batch = []
    Article.objects.bulk_update(batch, ["word_count"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_address_redirects"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="word_count",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="words"
            ),
        ),
        migrations.RunPython(count_words, migrations.RunPython.noop, elidable=True),
    ]
