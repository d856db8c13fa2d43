"""Serves plotly.js and its CSS from the installed `plotly` package.

`analytics/plotly.min.js` is the bundle the package ships. `analytics/plotly.css`
and `analytics/plotly-maplibre.css` are the CSS rules plotly.js would otherwise
insert as `<style>` elements (forbidden by our CSP, see analytics/plotly_css.py):
they are generated from that bundle once per plotly version into a folder outside
the repository. No CDN, nothing copied into the repository; `collectstatic` and
whitenoise pick all three up through this finder.
"""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

from analytics.plotly_css import maplibre_style, plotly_stylesheet

PREFIX = "analytics"
PLOTLY_STATIC_NAME = f"{PREFIX}/plotly.min.js"
PLOTLY_CSS_NAME = f"{PREFIX}/plotly.css"
MAPLIBRE_CSS_NAME = f"{PREFIX}/plotly-maplibre.css"
_PACKAGE_DATA = Path(plotly.__file__).resolve().parent / "package_data"
PLOTLY_BUNDLE = _PACKAGE_DATA / "plotly.min.js"


@cache
def maplibre_element_id() -> str:
    """The id of the `<style>` element plotly.js adds for MapLibre unless it exists."""
    return maplibre_style(PLOTLY_BUNDLE.read_text(encoding="utf-8"))[0]


@cache
def generated_css_folder() -> Path:
    """The folder with plotly.js's CSS for the installed version (written once)."""
    folder = Path(tempfile.gettempdir()) / f"lotse-plotly-css-{plotly.__version__}"
    bundle = PLOTLY_BUNDLE.read_text(encoding="utf-8")
    files = {
        "plotly.css": plotly_stylesheet(bundle, version=plotly.__version__),
        "plotly-maplibre.css": maplibre_style(bundle)[1] + "\n",
    }
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            # Written aside and renamed: another process may read it meanwhile.
            handle, partial = tempfile.mkstemp(dir=folder, suffix=".part")
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(partial, path)
    return folder


class PlotlyFinder(BaseFinder):
    def check(self, **kwargs):
        if not PLOTLY_BUNDLE.exists():
            from django.core.checks import Error

            return [Error("plotly.min.js fehlt im installierten plotly-Paket.")]
        return []

    def _files(self) -> dict[str, Path]:
        css = generated_css_folder()
        return {
            PLOTLY_STATIC_NAME: PLOTLY_BUNDLE,
            PLOTLY_CSS_NAME: css / "plotly.css",
            MAPLIBRE_CSS_NAME: css / "plotly-maplibre.css",
        }

    def find(self, path, find_all=False, **kwargs):
        found = self._files().get(path)
        if found is None:
            return [] if find_all else None
        return [str(found)] if find_all else str(found)

    def list(self, ignore_patterns):
        for found in self._files().values():
            storage = FileSystemStorage(location=str(found.parent))
            storage.prefix = PREFIX  # type: ignore[attr-defined]
            yield found.name, storage
