"""The README's commands, run as a new user runs them (issue 14.7 and 14.8; datasette tests
its documentation the same way).

- The quick start installs dronewatch the way `scripts/test` does (editable), so running
  the two in either order never replaces the files a running `dronewatch demo` serves.
- After the quick start (its store built here by `dronewatch demo --no-serve`, in a home
  folder of the test's own), every `sh` block of the Usage section and its Python example
  run as written and succeed.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.S | re.M)


def section(text: str, heading: str) -> str:
    """The text of a `## heading` section, up to the next `## ` heading."""
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else len(text)]


def pip_install_args(command_line: str) -> list[str]:
    words = shlex.split(command_line)
    i = max(i for i, w in enumerate(words) if w == "install")
    args = []
    for w in words[i + 1:]:
        if w in ("&&", "||", ";"):
            break
        args.append(w)
    return [a for a in args if not a.startswith("--quiet") and a != "--disable-pip-version-check"]


def test_the_quick_start_installs_dronewatch_as_the_test_command_does():
    """Issue 14.7: `pip install .` copied the package into the venv; `scripts/test`'s
    editable install then removed those files under the running demo (HTTP 500 on /)."""
    quick = blocks(section(README.read_text(encoding="utf-8"), "Quick start"), "sh")[0]
    readme_line = next(line for line in quick.splitlines() if "pip install" in line)
    test_line = next(line for line in (ROOT / "scripts" / "test").read_text().splitlines()
                     if "pip install" in line and not line.lstrip().startswith("#"))
    readme_args, test_args = pip_install_args(readme_line), pip_install_args(test_line)
    assert readme_args[0] == test_args[0] == "-e", (readme_args, test_args)
    # the same project: the repository root, with or without extras
    assert readme_args[1].split("[")[0] == test_args[1].split("[")[0] == "."


def test_the_usage_examples_run_as_written_after_the_quick_start(tmp_path):
    """Issue 14.8: `dronewatch` was not on PATH and `claims` looked for ./dronewatch.db."""
    readme = README.read_text(encoding="utf-8")
    usage = section(readme, "Usage")
    shell, python = blocks(usage, "sh"), blocks(usage, "python")
    assert len(shell) >= 2 and python
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("DRONEWATCH_DB", "XDG_CACHE_HOME", "VIRTUAL_ENV")}
    env["HOME"] = str(home)
    env["PATH"] = "/usr/bin:/bin"  # as in a fresh terminal: no venv on PATH
    # the quick start's store (its `dronewatch demo`, without the server)
    venv_bin = Path(sys.executable).parent
    built = subprocess.run([str(venv_bin / "dronewatch"), "demo", "--no-serve"], env=env,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    # the repository root, as the user sees it, in a folder the examples may write to
    work = tmp_path / "repo"
    work.mkdir()
    for name in (".venv", "src", "scripts", "README.md"):
        (work / name).symlink_to(ROOT / name)
    script = "set -euo pipefail\n" + "\n".join(shell)
    run = subprocess.run(["bash", "-c", script], cwd=work, env=env, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, f"{run.stdout}\n{run.stderr}"
    assert "claims" in run.stderr  # `claims --format table` counts what it printed
    assert run.stdout.strip()      # ... and printed rows, as does `incidents --format jsonl`
    assert (work / "claims.csv").stat().st_size > 0
    assert (work / "incidents.geojson").stat().st_size > 0
    for code in python:
        done = subprocess.run([str(venv_bin / "python"), "-c", code], cwd=work, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip()
