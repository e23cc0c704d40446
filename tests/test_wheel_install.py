"""An installed Pulso builds its site: the wheel carries the MkDocs config and site_src/, and `pulso demo`
run from a folder outside the checkout publishes a site.

The wheel is built from a copy of the source tree (so the build's own files never land in the shared
checkout) and installed into a fresh venv in a temp dir. Its dependencies are not downloaded again: a
`.pth` file lets the fresh venv read the packages of the interpreter running the tests, which holds no
copy of Pulso's code (the project venv has Pulso as an editable install, whose import hook only its own
site-packages activates), so every `collector`, `scripts` and `pulso` module comes from the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
#: What a wheel is built from: the packages and the files pyproject.toml and the site build name.
SOURCE = ("pyproject.toml", "README.md", "mkdocs.yml", "collector", "scripts", "pulso", "site_src")


def copy_source(dest: Path) -> Path:
    """The files git would ship (tracked or new, not ignored) of the folders a wheel is built from."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z", "--", *SOURCE], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        if (ROOT / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel)
    return dest


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"{args[:3]} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


def fresh_venv(path: Path) -> Path:
    """A venv without pip or system site-packages; the test interpreter's packages readable through a .pth."""
    run(sys.executable, "-m", "venv", "--without-pip", path, cwd=path.parent)
    python = path / "bin" / "python"
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=path).strip())
    shared = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (purelib / "zz-test-dependencies.pth").write_text("\n".join(sorted(shared)) + "\n", encoding="utf-8")
    return python


def test_an_installed_wheel_builds_the_demo_site_outside_the_checkout(tmp_path: Path) -> None:
    source = copy_source(tmp_path / "src")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path / "dist", source, cwd=tmp_path)
    wheel = next((tmp_path / "dist").glob("pulso-*.whl"))
    python = fresh_venv(tmp_path / "venv")
    run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheel,
        cwd=tmp_path)

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    where = run(python, "-c", "import collector, pulso, scripts; print(scripts.__file__, pulso.__file__)",
                cwd=outside, env=env)
    assert all(Path(p).is_relative_to(tmp_path / "venv") for p in where.split()), where
    run(tmp_path / "venv" / "bin" / "pulso", "demo", "--scale", "0.2", "--out", "demo", "--site-dir", "site",
        cwd=outside, env=env)
    site = outside / "site"
    assert (site / "index.html").is_file()
    assert (site / "assets" / "pulso.css").is_file() and (site / "search" / "search_index.json").is_file()
    assert "Pulso" in (site / "index.html").read_text(encoding="utf-8")
