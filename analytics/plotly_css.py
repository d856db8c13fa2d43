"""plotly.js's own CSS as stylesheets we serve ourselves (CSP `style-src 'self'`).

When it loads, plotly.js inserts CSS into two `<style>` elements it creates; our
CSP forbids both:

- its base rules (fonts, mode bar, cursors, notifier, hover labels). It skips
  them when an element with the id `plotly.js-style-global` and the class
  `no-inline-styles` exists (plotly.js PR #7109);
- the CSS of MapLibre (map traces), inserted when the map module registers,
  which the full bundle does on load. It skips it when an element with the id it
  gives that `<style>` exists.

So the dashboard links both as stylesheets, each with the id plotly.js looks for
(`plotly_stylesheets` in analytics/templatetags/analytics_tags.py). The finder in
analytics/staticfiles.py writes them from the installed bundle, once per version.
"""

from __future__ import annotations

import ast
import re

# The rule map of plotly.js's src/css (selectors use X for the plot, Y for the
# notifier), e.g. {"X,X div":'direction:ltr;…',…}.
_MAP_START = '{"X,X div":'
_STRING = r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
# The minifier leaves a key like Y without quotes.
_KEY = rf"({_STRING[1:-1]}|[A-Za-z_$][\w$]*)"
_ENTRY = re.compile(rf"\s*{_KEY}\s*:\s*{_STRING}\s*([,}}])")
# if(!document.getElementById("<id>")){var e=document.createElement("style");
# e.id="<id>",e.textContent='<css>'
_MAPLIBRE_STYLE = re.compile(
    r'getElementById\("([\w-]+)"\)\)\{var (\w+)=document\.createElement\("style"\);'
    rf"\2\.id=\"\1\",\2\.textContent={_STRING}"
)


def plotly_rules(bundle: str) -> list[tuple[str, str]]:
    """(selector, declarations) of plotly.js's base rules, in the bundle's order."""
    start = bundle.find(_MAP_START)
    if start < 0:
        raise ValueError("plotly.js-Bundle ohne CSS-Regeln")
    rules = []
    position = start + 1
    while True:
        match = _ENTRY.match(bundle, position)
        if match is None:
            raise ValueError("CSS-Regeln von plotly.js nicht lesbar")
        key, declarations = match.group(1), ast.literal_eval(match.group(2))
        if key[0] in "\"'":
            key = ast.literal_eval(key)
        selector = (
            re.sub(r"^,", " ,", key)
            .replace("X", ".js-plotly-plot .plotly")
            .replace("Y", ".plotly-notifier")
        )
        rules.append((selector, declarations))
        position = match.end()
        if match.group(3) == "}":
            return rules


def plotly_stylesheet(bundle: str, *, version: str) -> str:
    """The stylesheet text: the rules in the order plotly.js leaves them in its
    sheet (it inserts each one at the top, so the last one comes first)."""
    lines = [
        f"/* The base CSS rules of plotly.js from plotly {version} (MIT licence,",
        "   Copyright Plotly, Inc.), served as a file for our CSP. Generated from",
        "   the installed bundle by analytics/staticfiles.py. */",
    ]
    lines += [
        f"{selector}{{{rule}}}" for selector, rule in reversed(plotly_rules(bundle))
    ]
    return "\n".join(lines) + "\n"


def maplibre_style(bundle: str) -> tuple[str, str]:
    """(element id, CSS text) of the `<style>` element plotly.js adds for MapLibre."""
    match = _MAPLIBRE_STYLE.search(bundle)
    if match is None:
        raise ValueError("plotly.js-Bundle ohne MapLibre-Stylesheet")
    return match.group(1), ast.literal_eval(match.group(3))
