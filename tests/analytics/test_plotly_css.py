"""plotly.js's CSS as our own stylesheets (no <style> element under our CSP)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import Context, Template

from analytics.plotly_css import maplibre_style, plotly_rules, plotly_stylesheet
from analytics.staticfiles import PLOTLY_BUNDLE

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
    assert "plotly 9.9" in rules[0]
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


def test_the_css_comes_from_the_installed_plotly_not_from_the_repository():
    plotly_css = Path(finders.find("analytics/plotly.css"))
    maplibre_css = Path(finders.find("analytics/plotly-maplibre.css"))
    for found in (plotly_css, maplibre_css):
        assert not found.is_relative_to(settings.BASE_DIR)
    assert ".js-plotly-plot .plotly .main-svg{position:absolute;" in (
        plotly_css.read_text(encoding="utf-8")
    )
    bundle = PLOTLY_BUNDLE.read_text(encoding="utf-8")
    maplibre_id, maplibre_text = maplibre_style(bundle)
    assert maplibre_css.read_text(encoding="utf-8").strip() == maplibre_text.strip()

    html = Template("{% load analytics_tags %}{% plotly_stylesheets %}").render(
        Context()
    )
    assert (
        '<link rel="stylesheet" id="plotly.js-style-global" class="no-inline-styles"'
        ' href="/static/analytics/plotly.css">'
    ) in html
    assert (
        f'<link rel="stylesheet" id="{maplibre_id}"'
        ' href="/static/analytics/plotly-maplibre.css">'
    ) in html
