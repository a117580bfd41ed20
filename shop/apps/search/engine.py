"""Finding products and articles by the words a reader types.

The database does the matching: PostgreSQL's full-text search (English
stemming) and pg_trgm for misspellings; SQLite's FTS5 with the Porter stemmer
and, for misspellings, its trigram tokenizer over the vocabulary. Both read
the same tables (`models.py`) and answer in a fixed number of queries.

Any text is a valid query: it is cut into words, and only words reach the
database, so no query syntax can be typed into it.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import Q

from shop.apps.search.models import RelatedWord, SearchDocument, SearchWord

MAX_WORDS = 8
TOKEN = re.compile(r"[^\W_]{1,40}")
# pg_trgm's default: two words this alike are the same word misspelt.
SIMILAR = 0.3
CONFIG = "english"
# How much more a word in the title counts than one in the text (PostgreSQL's
# ranking weighs its title class A against the text's class D the same way).
TITLE_WEIGHT = 10.0


@dataclass
class Hit:
    kind: str
    object_id: int
    rank: float
    in_title: bool


@dataclass
class Found:
    words: list[str]
    hits: list[Hit] = field(default_factory=list)
    # The words searched instead when the reader's found nothing.
    corrected: list[str] | None = None

    def ids(self, kind: str) -> list[int]:
        return [hit.object_id for hit in self.hits if hit.kind == kind]

    def names_a_product(self) -> bool:
        return any(
            hit.in_title for hit in self.hits if hit.kind == SearchDocument.Kind.PRODUCT
        )


def words_in(query: str) -> list[str]:
    return [word.lower() for word in TOKEN.findall(query)][:MAX_WORDS]


def search(query: str) -> Found:
    """Ranked hits for every word of query (or a word it stands for); when
    nothing is found, the same for the nearest spelling of each word."""
    words = words_in(query)
    found = Found(words=words)
    if not words:
        return found
    found.hits = _hits(words)
    if not found.hits:
        corrected = _corrected(words)
        if corrected != words:
            hits = _hits(corrected)
            if hits:
                found.hits, found.corrected = hits, corrected
    return found


def _alternatives(words: list[str]) -> list[list[str]]:
    """Each word with the words it also stands for."""
    related = {}
    for word, also in RelatedWord.objects.filter(word__in=words).values_list(
        "word", "also"
    ):
        related.setdefault(word, []).extend(words_in(also))
    return [[word, *related.get(word, [])] for word in words]


def _hits(words: list[str]) -> list[Hit]:
    alternatives = _alternatives(words)
    if connection.vendor == "postgresql":
        hits = _postgres_hits(alternatives)
    else:
        hits = _sqlite_hits(alternatives)
    return sorted(hits, key=lambda hit: -hit.rank)


def _postgres_hits(alternatives: list[list[str]]) -> list[Hit]:
    query = None
    for terms in alternatives:
        either = None
        for term in terms:
            one = SearchQuery(term, config=CONFIG, search_type="plain")
            either = one if either is None else either | one
        query = either if query is None else query & either
    title = SearchVector("title", config=CONFIG, weight="A")
    vector = title + SearchVector("text", config=CONFIG, weight="D")
    rows = (
        SearchDocument.objects.annotate(
            vector=vector,
            rank=SearchRank(vector, query),
            title_rank=SearchRank(title, query),
        )
        .filter(vector=query)
        .values_list("kind", "object_id", "rank", "title_rank")
    )
    return [Hit(kind, pk, rank, title_rank > 0) for kind, pk, rank, title_rank in rows]


def _fts5(alternatives: list[list[str]]) -> str:
    """An FTS5 query of quoted words only: every word, or one it stands for."""
    return " AND ".join(
        "(" + " OR ".join(f'"{term}"' for term in terms) + ")" for terms in alternatives
    )


def _sqlite_hits(alternatives: list[list[str]]) -> list[Hit]:
    match = _fts5(alternatives)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.kind, d.object_id, -bm25(search_fts, %s, 1.0),"
            " d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
            " FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid"
            " WHERE search_fts MATCH %s",
            [TITLE_WEIGHT, "{title} : (" + match + ")", match],
        )
        return [
            Hit(kind, pk, rank, bool(in_title))
            for kind, pk, rank, in_title in cursor.fetchall()
        ]


def _corrected(words: list[str]) -> list[str]:
    """Each word, or the known word nearest in spelling."""
    candidates = _candidates(words)
    corrected = []
    for word in words:
        if word in candidates or len(word) < 3:
            corrected.append(word)
            continue
        scored = [(similarity(word, known), known) for known in candidates]
        best = max(scored, default=(0.0, word))
        corrected.append(best[1] if best[0] >= SIMILAR else word)
    return corrected


def _candidates(words: list[str]) -> set[str]:
    """Known words that share trigrams with any of words, in one query."""
    if connection.vendor == "postgresql":
        similar = Q()
        annotations = {}
        for index, word in enumerate(words):
            annotations[f"similar_{index}"] = TrigramSimilarity("word", word)
            similar |= Q(**{f"similar_{index}__gte": SIMILAR})
        rows = SearchWord.objects.annotate(**annotations).filter(similar)
        return set(rows.values_list("word", flat=True)[:200])
    grams = sorted({gram for word in words for gram in _trigrams(word, padded=False)})
    if not grams:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w.word FROM search_words_fts JOIN search_searchword w"
            " ON w.id = search_words_fts.rowid WHERE search_words_fts MATCH %s"
            " ORDER BY rank LIMIT 200",
            [" OR ".join(f'"{gram}"' for gram in grams)],
        )
        return {row[0] for row in cursor.fetchall()}


def _trigrams(word: str, *, padded: bool = True) -> set[str]:
    text = f"  {word} " if padded else word
    return {text[i : i + 3] for i in range(len(text) - 2)}


def similarity(one: str, other: str) -> float:
    """pg_trgm's similarity: shared trigrams over all trigrams of both."""
    a, b = _trigrams(one), _trigrams(other)
    return len(a & b) / len(a | b) if a | b else 0.0
