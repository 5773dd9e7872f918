"""The README's screenshots: made by the browser tests into a temporary folder and compared with docs/img/.

A test run never writes docs/img/: each screenshot goes to a temporary folder,
and a committed one that no longer looks like the page (another size, or more
than :data:`TOLERANCE` mean difference on a small grey thumbnail, which
leaves font smoothing aside) fails the test, saying how to refresh them:

    python -m tests.screenshots

runs the browser tests with ``PEACEKG_SCREENSHOTS=docs/img``, so that they
copy each screenshot that looks different over the committed one, and lists
what changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "docs" / "img"
#: Where the tests write when refreshing (set by ``python -m tests.screenshots``).
VARIABLE = "PEACEKG_SCREENSHOTS"
#: Thumbnail size for the comparison, and the mean difference (0-255) allowed on it.
THUMBNAIL = (64, 64)
TOLERANCE = 6.0

_made: Path | None = None


def refreshing() -> bool:
    return bool(os.environ.get(VARIABLE))


def folder() -> Path:
    """Where this run writes its screenshots: a temporary folder."""
    global _made
    if _made is None:
        _made = Path(tempfile.mkdtemp(prefix="peacekg-screenshots-"))
    return _made


def difference(made: Path, committed: Path) -> str | None:
    """Why ``made`` does not look like ``committed`` (None if it does, or if nothing is committed)."""
    if not committed.exists():
        return None
    from PIL import Image, ImageChops, ImageStat

    with Image.open(made) as new, Image.open(committed) as old:
        if new.size != old.size:
            return f"{new.size[0]}x{new.size[1]} now, {old.size[0]}x{old.size[1]} committed"
        small = [image.convert("L").resize(THUMBNAIL, Image.Resampling.BOX) for image in (new, old)]
        mean = ImageStat.Stat(ImageChops.difference(*small)).mean[0]
    return f"mean difference {mean:.1f} (at most {TOLERANCE})" if mean > TOLERANCE else None


def check(name: str) -> None:
    """Fail (AssertionError) when the screenshot just made differs from the committed one.

    When refreshing, copy it over the committed one instead, if it differs (so
    that an unchanged page leaves the committed file, and git, alone).
    """
    why = difference(folder() / name, COMMITTED / name)
    if refreshing():
        target = Path(os.environ[VARIABLE]) / name
        if why is not None or not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder() / name, target)
        return
    assert why is None, (f"docs/img/{name} no longer shows the page ({why}; this run's is {folder() / name}): "
                         "refresh the screenshots with `python -m tests.screenshots` and commit them")


def main() -> int:
    """Run the browser tests writing docs/img/, then show what git sees changed there."""
    env = {**os.environ, VARIABLE: str(COMMITTED)}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "browser",
                          str(ROOT / "tests" / "test_browser.py")], cwd=ROOT, env=env)
    status = subprocess.run(["git", "status", "--short", "--", str(COMMITTED)], cwd=ROOT,
                            capture_output=True, text=True)
    print(status.stdout.strip() or "docs/img/: no screenshot changed")
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
