"""The NLP stage: spaCy parsing and the article-level components built on it."""
