"""`chohyo --version` says the version the package was built with."""

from importlib.metadata import version

from chohyo.cli import app
from typer.testing import CliRunner


def test_version_flag_prints_installed_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"chohyo {version('chohyo')}"
