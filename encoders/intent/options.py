"""TrainConfig's fields as command-line options, declared once for every command that trains the head.

``@train_options`` adds one Typer option per :class:`encoders.intent.training.TrainConfig` field
(name, type, default and help text from the dataclass) to a command, and hands the command a ready
``config: TrainConfig`` instead of the separate values. ``portrait train-intent`` and
``portrait eval intent`` both use it, so their options cannot drift apart.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from dataclasses import MISSING, fields
from typing import Annotated, Any

import typer

from encoders.intent.training import TrainConfig

_TYPES: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool}


def _option_parameters() -> list[inspect.Parameter]:
    params = []
    for f in fields(TrainConfig):
        kind = f.type if isinstance(f.type, type) else _TYPES[str(f.type)]
        default = f.default if f.default is not MISSING else kind()
        params.append(inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                        annotation=Annotated[kind, typer.Option(help=f.metadata["help"])]))
    return params


def train_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Replace ``command``'s ``config`` parameter by one option per TrainConfig field."""
    signature = inspect.signature(command)
    if "config" not in signature.parameters:
        raise TypeError(f"{command.__name__} needs a `config` parameter to receive the TrainConfig")
    names = {f.name for f in fields(TrainConfig)}
    own = [p for name, p in signature.parameters.items() if name != "config"]
    clash = names & {p.name for p in own}
    if clash:
        raise TypeError(f"{command.__name__} declares TrainConfig options itself: {', '.join(sorted(clash))}")

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
        config = TrainConfig(**{name: kwargs.pop(name) for name in list(kwargs) if name in names})
        return command(*args, config=config, **kwargs)

    # Typer reads the annotations with typing.get_type_hints in this module's namespace: resolve the
    # command's own (string) annotations in its module first.
    hints = typing.get_type_hints(command, include_extras=True)
    keyword_only = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY, annotation=hints.get(p.name, p.annotation)) for p in own]
    parameters = keyword_only + _option_parameters()
    wrapper.__signature__ = signature.replace(parameters=parameters, return_annotation=None)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
    del wrapper.__wrapped__  # Typer must read the new signature, not the original one
    return wrapper
