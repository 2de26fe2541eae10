"""Every error this package raises on purpose, in one tree under ``SummariseError``.

    SummariseError                    the root: catch it to catch them all
    ├── InputError                    the run cannot start: bad options or input (CLI exit 2)
    │   ├── ConfigError               options that cannot work together
    │   ├── IngestError               the folder is missing, empty or cannot be read
    │   └── GoldError                 a gold.yaml is missing or malformed (``summarise eval``)
    ├── ArticleError                  one file cannot be read: a warning, the run goes on
    │   └── NotTextError              the file is binary, or in no encoding we can read
    └── LLMError                      an LLM call failed
        ├── EndpointError             the endpoint cannot be used: the whole run stops (CLI exit 3)
        │   ├── EndpointUnreachable   nothing answers at the base URL
        │   ├── AuthenticationFailed  401/403, or no key where one is needed
        │   └── ModelNotFound         the endpoint does not know the model
        └── LLMCallFailed             one call failed for good: that article's error, the run goes on

Every message is one line fit for a terminal and names the file or endpoint concerned; no message
carries an API key. The tree lives here, at the bottom of the layering (``extract`` is the first
stage that raises), so that every stage can raise into it; ``summarise`` re-exports it. Importing
it imports nothing else, so the CLI can catch LLM errors without loading openai and instructor.
"""

from __future__ import annotations


class SummariseError(Exception):
    """The root of every error this package raises on purpose."""


class InputError(SummariseError, ValueError):
    """The run cannot start: bad options or input."""


class ConfigError(InputError):
    """The options cannot work together."""


class IngestError(InputError):
    """The folder is missing, is not a folder, holds no readable article or cannot be listed."""


class GoldError(InputError):
    """A ``gold.yaml`` is missing, does not parse or does not match its format."""


class ArticleError(SummariseError, ValueError):
    """One file cannot be read as an article; the run skips it with a warning."""


class NotTextError(ArticleError):
    """The bytes are not text: binary, or in no encoding the decoder can read."""


class LLMError(SummariseError, RuntimeError):
    """A failed LLM call."""


class EndpointError(LLMError):
    """The endpoint cannot be used at all: the whole run stops."""


class EndpointUnreachable(EndpointError):
    """Nothing answers at the base URL (connection refused, DNS failure)."""


class AuthenticationFailed(EndpointError):
    """401/403, or no key for an endpoint that needs one."""


class ModelNotFound(EndpointError):
    """The endpoint does not know the model (404)."""


class LLMCallFailed(LLMError):
    """One call failed for good (retries or re-asks exhausted, bad request): that article's error."""


__all__ = [
    "ArticleError", "AuthenticationFailed", "ConfigError", "EndpointError", "EndpointUnreachable", "GoldError",
    "IngestError", "InputError", "LLMCallFailed", "LLMError", "ModelNotFound", "NotTextError", "SummariseError",
]
