"""Helpers to run the command line in-process (Typer's runner) and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

from typer.testing import CliRunner

from callsheet.cli.app import app


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run(*args: str, input: str | None = None) -> Result:
    """Run `callsheet ARGS` in-process with the current environment."""
    runner = CliRunner()
    result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


def run_process(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
    """Run `callsheet ARGS` as a separate process, as a user's script would."""
    proc = subprocess.run([sys.executable, "-m", "callsheet", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, input=input, timeout=120)
    return Result(proc.returncode, proc.stdout, proc.stderr)
