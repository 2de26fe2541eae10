"""The errors of the LLM client, in a module of their own so that the CLI can catch them without
importing openai and instructor (most of a run's start-up time) on an offline run."""

from __future__ import annotations


class LLMError(RuntimeError):
    """A failed LLM call, with a one-line message fit for a terminal."""


class EndpointUnreachable(LLMError):
    """Nothing answers at the base URL (connection refused, DNS failure): the whole run stops."""


class AuthenticationFailed(LLMError):
    """401/403, or no key for an endpoint that needs one: the whole run stops."""


class ModelNotFound(LLMError):
    """The endpoint does not know the model (404): the whole run stops."""


class LLMCallFailed(LLMError):
    """One call failed for good (retries or re-asks exhausted, bad request): that article's error."""


RUN_FATAL_ERRORS: tuple[type[LLMError], ...] = (EndpointUnreachable, AuthenticationFailed, ModelNotFound)
