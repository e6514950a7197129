"""`quiz` builds only the parser of the command it runs, and parses every command as before."""

from __future__ import annotations

import argparse

import pytest

from quiz.cli import build_parser, command_in, commands


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(sub.choices)


def test_the_groups_name_exactly_the_commands_each_adds():
    for name, names in commands.GROUPS.items():
        parser = argparse.ArgumentParser()
        getattr(commands, name)(parser.add_subparsers(), argparse.ArgumentParser(add_help=False))
        assert _commands(parser) == set(names), name


@pytest.mark.parametrize(
    ("argv", "built"),
    [
        ([], set()),  # the TUI needs no command's parser
        (["--data-dir", "stats", "--profile", "due"], set()),  # option values are not commands
        (["stats", "--json"], set(commands.GROUPS["_store"])),
        (["--bank", "b", "derive", "x.txt"], set(commands.GROUPS["_derive"])),
        (["--help"], commands.COMMANDS),
        (["statz"], commands.COMMANDS),  # the error lists every command
    ],
)
def test_only_the_named_commands_group_is_built(argv: list[str], built: set[str]):
    assert _commands(build_parser(argv)) == built


def test_a_command_parses_the_same_with_only_its_group_built():
    argv = ["--data-dir", "d", "play", "--mode", "review", "-n", "5", "--deck", "harbour"]
    assert command_in(argv) == "play"
    assert vars(build_parser(argv).parse_args(argv)) == vars(build_parser().parse_args(argv))


def test_an_unknown_command_is_still_reported_with_the_choices(capsys):
    with pytest.raises(SystemExit):
        build_parser(["statz"]).parse_args(["statz"])
    assert "invalid choice: 'statz'" in capsys.readouterr().err
