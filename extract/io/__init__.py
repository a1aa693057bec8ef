"""Reading articles in (txt, JSON, JSONL, HTML, folders, stdin) and writing results out."""

from extract.io.readers import (
    DEFAULT_GLOBS,
    Article,
    ReadError,
    count_inputs,
    read_article_file,
    read_articles,
    read_stdin,
)

__all__ = [
    "DEFAULT_GLOBS",
    "Article",
    "ReadError",
    "count_inputs",
    "read_article_file",
    "read_articles",
    "read_stdin",
]
