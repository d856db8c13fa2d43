"""plotly.js's CSS as our own stylesheets (no <style> element under our CSP)."""

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from analytics.management.commands.plotly_css import (
    MAPLIBRE_CSS,
    PLOTLY_CSS,
    generated_files,
)
from analytics.plotly_css import maplibre_style, plotly_rules, plotly_stylesheet

BUNDLE = (
    'var a=1;var I={"X,X div":\'direction:ltr;\',"X [data-title]:before":'
    '\'content:"";\',Y:\'position:fixed;\',"Y p":"margin:0;"};for(k in I)x();'
    'var S=W(()=>{(function(){if(!document.getElementById("ab12")){var e='
    'document.createElement("style");e.id="ab12",e.textContent=\'.map{top:0}\','
    "document.head.appendChild(e)}})()});"
)


def test_rules_are_read_with_plotlys_selectors():
    assert plotly_rules(BUNDLE) == [
        (".js-plotly-plot .plotly,.js-plotly-plot .plotly div", "direction:ltr;"),
        (".js-plotly-plot .plotly [data-title]:before", 'content:"";'),
        (".plotly-notifier", "position:fixed;"),
        (".plotly-notifier p", "margin:0;"),
    ]


def test_stylesheet_keeps_the_order_plotly_leaves_in_its_sheet():
    # plotly.js inserts every rule at the top of its sheet: the last comes first.
    rules = plotly_stylesheet(BUNDLE, version="9.9").splitlines()
    assert "plotly.js 9.9" in rules[0]
    assert rules[3:] == [
        ".plotly-notifier p{margin:0;}",
        ".plotly-notifier{position:fixed;}",
        '.js-plotly-plot .plotly [data-title]:before{content:"";}',
        ".js-plotly-plot .plotly,.js-plotly-plot .plotly div{direction:ltr;}",
    ]


def test_maplibre_style_element_is_found_with_its_id():
    assert maplibre_style(BUNDLE) == ("ab12", ".map{top:0}")


def test_a_bundle_without_the_css_is_an_error():
    with pytest.raises(ValueError):
        plotly_rules("var a=1;")
    with pytest.raises(ValueError):
        maplibre_style("var a=1;")


def test_generated_files_match_the_installed_plotly():
    # Fails after an upgrade of plotly until `manage.py plotly_css` is run.
    for path, text in generated_files().items():
        assert path.read_text(encoding="utf-8") == text, path.name
    assert finders.find("analytics/plotly.css") == str(PLOTLY_CSS)
    assert finders.find("analytics/plotly-maplibre.css") == str(MAPLIBRE_CSS)
    assert ".js-plotly-plot .plotly .main-svg{position:absolute;" in (
        PLOTLY_CSS.read_text(encoding="utf-8")
    )
    html = render_to_string("analytics/plotly_styles.html")
    assert (
        '<link rel="stylesheet" id="plotly.js-style-global" class="no-inline-styles"'
        ' href="/static/analytics/plotly.css">'
    ) in html
