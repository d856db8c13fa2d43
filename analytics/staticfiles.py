"""Serves plotly.js from the installed `plotly` package as `analytics/plotly.min.js`.

The file ships inside the Python package (no CDN, nothing copied into the
repository); `collectstatic` and whitenoise pick it up through this finder.
"""

from __future__ import annotations

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_STATIC_NAME = "analytics/plotly.min.js"
_PACKAGE_DATA = Path(plotly.__file__).resolve().parent / "package_data"
PLOTLY_BUNDLE = _PACKAGE_DATA / "plotly.min.js"


class PlotlyFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=str(_PACKAGE_DATA))
        self.storage.prefix = "analytics"  # type: ignore[attr-defined]

    def check(self, **kwargs):
        if not PLOTLY_BUNDLE.exists():
            from django.core.checks import Error

            return [Error("plotly.min.js fehlt im installierten plotly-Paket.")]
        return []

    def find(self, path, find_all=False, **kwargs):
        if path == PLOTLY_STATIC_NAME:
            found = str(PLOTLY_BUNDLE)
            return [found] if find_all else found
        return [] if find_all else None

    def list(self, ignore_patterns):
        yield "plotly.min.js", self.storage
