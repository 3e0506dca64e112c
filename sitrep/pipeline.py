"""Public coding API (stub, being written)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from sitrep.models import Article, CodingFailure, Event


def code_article(article: Article) -> list[Event]:
    return []


def code(text: str, *, date: str | None = None, title: str | None = None, source: str | None = None,
         article_id: str | None = None) -> list[Event]:
    return code_article(Article(text=text, id=article_id or "", title=title, date=date, source=source))


def code_many(articles: Iterable[Article | dict], n_process: int = 1,
              batch_size: int = 32) -> Iterator[tuple[Article | None, list[Event] | CodingFailure]]:
    for a in articles:
        art = a if isinstance(a, Article) else Article.from_dict(a)
        yield art, code_article(art)
