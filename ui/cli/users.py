"""`portrait hash-password`: a password hash for a user of the app (settings ``ui_users``)."""

from __future__ import annotations

from typing import Annotated

import typer

from ui.cli.common import console

commands = typer.Typer()


@commands.command("hash-password")
def hash_password(
    name: Annotated[str, typer.Argument(help="The user's sign-in name.")],
    role: Annotated[str, typer.Option(help="support (customer tab, batch), marketer (audiences) or admin (all).")] = "support",
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)] = "",
) -> None:
    """Print the portrait.toml lines that let NAME sign in to the app with ROLE."""
    from ui.app.auth import AREAS, hash_password as make_hash

    roles = sorted({r for allowed in AREAS.values() for r in allowed})
    if role not in roles:
        raise typer.BadParameter(f"role must be one of {', '.join(roles)}")
    console.print(f'[ui_users.{name}]\nrole = "{role}"\npassword_hash = "{make_hash(password)}"', highlight=False)
