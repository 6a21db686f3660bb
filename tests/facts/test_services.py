"""Facts stored and reviewed (issue 31): extracted at import, on "suggest
again" and on save; accepted, corrected or rejected one by one and in bulk;
only accepted facts of public articles are public; each decision a revision."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from articles import facts
from articles.models import Article, Fact
from tests.editorial.test_workflow import form_data

BODY = (
    "<p>PT Baja Raya akan berinvestasi Rp1,2 triliun untuk smelter berkapasitas "
    "900 ribu ton per tahun.</p><p>Proyek itu menyerap 2.000 tenaga kerja.</p>"
)


@pytest.fixture
def article(make_article):
    article = make_article(body=BODY)
    facts.article_extract_facts(article=article)
    return article


def kinds(article):
    return sorted(article.facts.values_list("kind", flat=True))


@pytest.mark.django_db
class TestExtraction:
    def test_facts_are_stored_pending(self, article):
        assert kinds(article) == ["capacity", "investment", "jobs"]
        assert set(article.facts.values_list("review", flat=True)) == {"pending"}
        investment = article.facts.get(kind="investment")
        assert investment.value == Decimal("1200000000000")
        assert investment.currency == "IDR"
        assert investment.company == "PT Baja Raya"
        assert investment.status == "planned"
        assert not Fact.objects.public().exists()

    def test_extracting_again_keeps_decisions_and_proposes_no_rejected_fact(
        self, article, editor
    ):
        jobs = article.facts.get(kind="jobs")
        facts.fact_decide(fact=jobs, accept=False, by=editor)
        assert facts.article_extract_facts(article=article) == []
        assert article.facts.get(kind="jobs").review == "rejected"

    def test_an_import_stores_the_facts_of_each_article(self, tmp_path):
        path = tmp_path / "berita.txt"
        path.write_text(
            "Investasi baru di Batang\n\nPT Baja Raya menanamkan investasi Rp 500 "
            "miliar di lahan 40 hektare.\n",
            encoding="utf-8",
        )
        call_command("import_articles", str(path))
        article = Article.objects.get()
        assert sorted(article.facts.values_list("kind", "value")) == [
            ("investment", Decimal("500000000000")),
            ("land", Decimal("40")),
        ]


@pytest.mark.django_db
class TestDecisions:
    def test_accepting_with_a_correction_makes_it_public_and_a_revision(
        self, article, editor
    ):
        revisions = article.history.count()
        investment = article.facts.get(kind="investment")
        facts.fact_decide(
            fact=investment,
            accept=True,
            by=editor,
            changes={"value": Decimal("1300000000000"), "status": "committed"},
        )
        public = Fact.objects.public().get()
        assert public.value == Decimal("1300000000000")
        assert public.status == "committed"
        assert public.decided_by == editor
        assert article.history.count() == revisions + 1
        assert article.history.first().history_change_reason.startswith(
            "Fakta diterima"
        )

    def test_an_accepted_fact_of_an_unpublished_article_is_not_public(
        self, make_article, editor
    ):
        draft = make_article(body=BODY, status=Article.Status.DRAFT)
        facts.article_extract_facts(article=draft)
        facts.facts_decide(facts=draft.facts.all(), accept=True, by=editor)
        assert draft.facts.accepted().count() == 3
        assert not Fact.objects.public().exists()

    def test_bulk_decisions_are_all_or_none_and_one_revision_per_article(
        self, article, editor
    ):
        revisions = article.history.count()
        assert facts.facts_decide(facts=Fact.objects.all(), accept=True, by=editor) == 3
        assert Fact.objects.public().count() == 3
        assert article.history.count() == revisions + 1

    def test_a_contributor_may_not_decide_on_someone_elses_article(
        self, article, contributor
    ):
        with pytest.raises(PermissionDenied):
            facts.facts_decide(facts=Fact.objects.all(), accept=True, by=contributor)
        assert not Fact.objects.accepted().exists()


@pytest.mark.django_db
class TestDesk:
    def test_the_article_form_accepts_corrects_and_rejects(
        self, client, editor, article
    ):
        client.force_login(editor)
        url = reverse("admin:articles_article_change", args=[article.pk])
        page = client.get(url)
        assert page.status_code == 200
        formset = page.context["inline_admin_formsets"][0].formset
        assert formset.model is Fact
        data = form_data(article)
        prefix = formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = 3
        ids = {}
        for i, form in enumerate(formset.forms):
            ids[form.instance.kind] = i
            data[form.add_prefix("id")] = form.instance.pk
            data[form.add_prefix("article")] = article.pk
            for name, value in form.initial.items():
                if value is not None:
                    data[form.add_prefix(name)] = value
        data[f"{prefix}-{ids['investment']}-decision"] = "accept"
        data[f"{prefix}-{ids['investment']}-company"] = "PT Baja Raya Tbk"
        data[f"{prefix}-{ids['jobs']}-decision"] = "reject"
        response = client.post(url, data)
        assert response.status_code == 302, response.context["errors"]
        assert dict(article.facts.values_list("kind", "review")) == {
            "investment": "accepted",
            "jobs": "rejected",
            "capacity": "pending",
        }
        assert article.facts.get(kind="investment").company == "PT Baja Raya Tbk"

    def test_the_bulk_action_on_the_fact_list(self, client, editor, article):
        client.force_login(editor)
        response = client.post(
            reverse("admin:articles_fact_changelist"),
            {
                "action": "accept_facts",
                "_selected_action": list(Fact.objects.values_list("pk", flat=True)),
            },
        )
        assert response.status_code == 302
        assert Fact.objects.accepted().count() == 3

    def test_suggest_again_extracts_facts(self, client, editor, make_article):
        bare = make_article(body=BODY, status=Article.Status.DRAFT)
        client.force_login(editor)
        url = reverse("admin:articles_article_suggestions", args=[bare.pk])
        assert client.post(url, {"suggest_again": "1"}).status_code == 302
        assert kinds(bare) == ["capacity", "investment", "jobs"]


@pytest.mark.django_db
class TestExport:
    def test_export_facts_writes_every_fact_but_rejected_as_json_lines(
        self, make_article, editor, capsys
    ):
        import json

        article = make_article(
            body=BODY,
            imported_from="berita-01.txt",
            original_url="https://contoh.id/berita-01",
        )
        facts.article_extract_facts(article=article)
        facts.fact_decide(fact=article.facts.get(kind="jobs"), accept=False, by=editor)
        call_command("export_facts", "--format", "jsonl")
        rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert {row["kind"]: row["value"] for row in rows} == {
            "investment": 1_200_000_000_000,
            "capacity": 900_000,
        }
        investment = next(row for row in rows if row["kind"] == "investment")
        assert investment["imported_from"] == "berita-01.txt"
        assert investment["original_url"] == "https://contoh.id/berita-01"
        assert investment["currency"] == "IDR"
        assert investment["company"] == "PT Baja Raya"
        assert investment["review"] == "pending"
        assert "Rp1,2 triliun" in investment["evidence"]

    def test_export_facts_as_csv(self, article, capsys):
        call_command("export_facts", "--format", "csv")
        lines = capsys.readouterr().out.splitlines()
        assert lines[0].startswith("article,imported_from,original_url,kind,value")
        assert len(lines) == 4
