"""One exception tree. Every error has a stable `code` (used in failure records) and a message
that tells the reader what to do about it."""

from __future__ import annotations


class BrinkwatchError(Exception):
    """Base of every error brinkwatch raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message} ({hint})" if hint else message)

    @property
    def full_message(self) -> str:
        return str(self)


class InputError(BrinkwatchError):
    """An input article could not be read; it becomes a failure record, the batch goes on."""

    code = "input_error"


class EmptyInputError(InputError):
    code = "empty"


class BinaryInputError(InputError):
    code = "binary"


class UndecodableInputError(InputError):
    code = "undecodable"


class TooLargeInputError(InputError):
    code = "too_large"


class MalformedJSONError(InputError):
    code = "bad_json"


class MissingTextError(InputError):
    code = "missing_text"


class BadDateError(InputError):
    code = "bad_date"


class BadHTMLError(InputError):
    code = "bad_html"


class UnsupportedFormatError(InputError):
    code = "unsupported_format"


class UnreadableInputError(InputError):
    code = "unreadable"


class AnalysisError(BrinkwatchError):
    """The NLP or coding stage failed on one article."""

    code = "analysis_failed"


class ArticleTimeoutError(AnalysisError):
    """An article ran past its time budget (`article_timeout_s`); the batch goes on."""

    code = "timeout"


class ConfigError(BrinkwatchError):
    """Settings are invalid; raised once, at start-up."""

    code = "config"


class ModelNotFoundError(ConfigError):
    code = "model_not_found"


class DataFileError(BrinkwatchError):
    """A lexicon, gazetteer or code table is malformed; the message names file and line."""

    code = "data_file"

    def __init__(self, path: str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}", hint="fix or remove that entry")
        self.path = path
        self.line = line


class StoreError(BrinkwatchError):
    """The database cannot be opened, migrated or written."""

    code = "store"


class FetchError(InputError):
    """A feed or an article page could not be fetched; the watch goes on with the next one."""

    code = "fetch_failed"


class RobotsDisallowedError(FetchError):
    """The site's robots.txt forbids our user agent this page: it is not fetched."""

    code = "robots_disallowed"


class GoldFileError(DataFileError):
    """A gold file given to `brinkwatch evaluate` is malformed; the message names file and line."""

    code = "gold_file"


class DeliveryError(BrinkwatchError):
    """An alert could not be delivered to a `--notify` command or a webhook."""

    code = "delivery_failed"
