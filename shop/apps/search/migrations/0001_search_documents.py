import re

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

# SQLite: full-text indexes over the documents (Porter stemming) and the
# vocabulary (trigrams, for misspellings), kept in step by triggers.
SQLITE_FTS = """
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, text, content='search_searchdocument', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
    INSERT INTO search_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
    INSERT INTO search_fts(search_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
    INSERT INTO search_fts(search_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO search_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE VIRTUAL TABLE search_words_fts USING fts5(
    word, content='search_searchword', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER search_words_fts_insert AFTER INSERT ON search_searchword BEGIN
    INSERT INTO search_words_fts(rowid, word) VALUES (new.id, new.word);
END;
CREATE TRIGGER search_words_fts_delete AFTER DELETE ON search_searchword BEGIN
    INSERT INTO search_words_fts(search_words_fts, rowid, word)
    VALUES ('delete', old.id, old.word);
END;
"""
SQLITE_FTS_DROP = """
DROP TABLE IF EXISTS search_fts;
DROP TABLE IF EXISTS search_words_fts;
"""
POSTGRES_INDEXES = """
CREATE INDEX search_word_trigrams ON search_searchword USING gin (word gin_trgm_ops);
"""


def _statements(script: str) -> list[str]:
    """Each statement of script; a trigger's body keeps its own semicolons."""
    return [each.strip() for each in re.split(r";\n(?=CREATE|DROP|$)", script) if each.strip()]


def fts_tables(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in _statements(SQLITE_FTS):
            schema_editor.execute(statement)
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_INDEXES)


def drop_fts_tables(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in _statements(SQLITE_FTS_DROP):
            schema_editor.execute(statement)


def related_words(apps, schema_editor):
    RelatedWord = apps.get_model("search", "RelatedWord")
    pairs = [
        ("sleep", "bed"),
        ("sleep", "bedtime"),
        ("sleep", "rest"),
        ("food", "meal"),
        ("food", "groceries"),
        ("exercise", "workout"),
        ("fitness", "workout"),
        ("budget", "spending"),
        ("money", "budget"),
    ]
    RelatedWord.objects.bulk_create(
        [RelatedWord(word=word, also=also) for word, also in pairs],
        ignore_conflicts=True,
    )


def index_everything(apps, schema_editor):
    """The documents of what the shop already holds, read through this
    migration's models so that later fields do not matter."""
    from shop.apps.search.index import article_document, product_document, words_of

    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchWord = apps.get_model("search", "SearchWord")
    documents = [
        ("product", product.pk, *product_document(product))
        for product in apps.get_model("catalogue", "Product").objects.all()
    ] + [
        ("article", article.pk, *article_document(article))
        for article in apps.get_model("articles", "Article").objects.all()
    ]
    SearchDocument.objects.bulk_create(
        SearchDocument(kind=kind, object_id=pk, title=title, text=text)
        for kind, pk, title, text in documents
    )
    words = set().union(*(words_of(f"{t}\n{x}") for _, _, t, x in documents))
    SearchWord.objects.bulk_create(SearchWord(word=word) for word in sorted(words))


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("catalogue", "0034_sanitise_descriptions"),
        ("articles", "0002_article_pictures"),
        ("downloads", "0006_productfile_text"),
    ]

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("product", "Printable"), ("article", "Article")], max_length=10)),
                ("object_id", models.PositiveIntegerField()),
                ("title", models.TextField()),
                ("text", models.TextField(blank=True)),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("kind", "object_id"), name="search_document_once")],
            },
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=40, unique=True)),
            ],
        ),
        migrations.CreateModel(
            name="RelatedWord",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(help_text="What readers type, one word, e.g. “sleep”.", max_length=40)),
                ("also", models.CharField(help_text="A word the pages use for it, e.g. “bed”.", max_length=40)),
            ],
            options={
                "ordering": ["word", "also"],
                "constraints": [models.UniqueConstraint(fields=("word", "also"), name="related_word_once")],
            },
        ),
        migrations.RunPython(fts_tables, drop_fts_tables),
        migrations.RunPython(related_words, migrations.RunPython.noop),
        migrations.RunPython(index_everything, migrations.RunPython.noop),
    ]
