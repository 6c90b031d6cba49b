"""The `factcheck` command. Each sub-command lives in its own module of this package.

Start-up must stay light: modules here import click and the models only; the engine, the
database and above all Textual are imported inside the commands that need them.
"""

from __future__ import annotations

import sys

import click

from factcheck import __version__
from factcheck.models import DatabaseError, InputError


class FactcheckGroup(click.Group):
    """Turns the errors a user can cause into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (InputError, DatabaseError) as exc:
            click.echo(f"factcheck: {exc}", err=True)
            ctx.exit(2)
        except click.UsageError as exc:
            # click's own usage block is four lines; one line that says where to look is enough.
            command = exc.ctx.command_path if exc.ctx is not None else "factcheck"
            click.echo(f"factcheck: {exc.format_message()} (see '{command} --help')", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("factcheck: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # `factcheck check … | head` closes our stdout early: not an error of ours.
            sys.stderr.close()
            ctx.exit(0)


def _version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from factcheck.analysis.engine import describe  # (loads the engine: only when asked)

    click.echo(f"factcheck {__version__} · engine: {describe()}")
    ctx.exit()


@click.group(cls=FactcheckGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="Show the version, and whether the engine runs compiled, and exit.")
def main() -> None:
    """Who says so? Attribution checking for news drafts."""


def _register() -> None:
    from factcheck.cli import check, db, export, review, sources

    for module in (check, sources, db, review, export):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
