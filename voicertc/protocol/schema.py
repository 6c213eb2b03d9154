"""The SDK's own pydantic models as the schema of each protocol's events."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel, TypeAdapter


def adapters_by_type(union: Any) -> dict[str, TypeAdapter[Any]]:
    """A pydantic adapter per event type of one of the SDK's `Annotated[Union[...]]` unions."""
    union = typing.get_args(union)[0]
    adapters: dict[str, TypeAdapter[Any]] = {}
    for model in typing.get_args(union):
        assert issubclass(model, BaseModel)
        (name,) = typing.get_args(model.model_fields["type"].annotation)
        adapters[name] = TypeAdapter(model)
    return adapters


def unknown_field(value: Any, path: tuple[str, ...] = ()) -> str | None:
    """The path of the first field the SDK's model does not define (it keeps them as extras)."""
    if isinstance(value, BaseModel):
        for name in value.model_extra or {}:
            return ".".join((*path, name))
        for name in type(value).model_fields:
            found = unknown_field(getattr(value, name), (*path, name))
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = unknown_field(item, (*path, str(index)))
            if found:
                return found
    return None
