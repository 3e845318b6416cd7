"""Failures shown in the page in plain words, never as a stack trace; the app stays usable."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import gradio as gr

from retrieval.home import UnknownCustomerError

Handler = TypeVar("Handler", bound=Callable[..., Any])
_log = logging.getLogger("portrait.app")


def friendly(handler: Handler) -> Handler:
    """Turn any failure of a handler into a gr.Error whose message a person can act on."""

    @functools.wraps(handler)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        try:
            return handler(*args, **kwargs)
        except gr.Error:
            raise
        except UnknownCustomerError as error:
            raise gr.Error(str(error)) from None
        except Exception as error:  # noqa: BLE001 - logged with its traceback, shown in one sentence
            _log.exception("%s failed", handler.__name__)
            raise gr.Error(f"{handler.__name__.replace('_', ' ')} failed: {error}") from None

    return wrapped  # type: ignore[return-value]
