"""clean_html() keeps the allow-list only; linkify_text() output is safe HTML."""

import pytest

from courses.html import clean_html, linkify_text


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert('x')</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">klick</a>',
        '<a href="JaVaScRiPt:alert(1)">klick</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">klick</a>',
        '<p onclick="alert(1)" style="color:red">Text</p>',
        "<iframe src='https://evil.example'></iframe>",
        "<svg><script>alert(1)</script></svg>",
        "<style>body{display:none}</style>",
        "<!-- <script>alert(1)</script> -->",
    ],
)
def test_clean_html_removes_hostile_markup(hostile):
    cleaned = clean_html(hostile).lower()
    for forbidden in (
        "<script",
        "onerror",
        "onclick",
        "javascript:",
        "data:",
        "<iframe",
        "<style",
        "style=",
        "<svg",
        "alert(1)</script",
        "<!--",
    ):
        assert forbidden not in cleaned


def test_clean_html_drops_script_content_entirely():
    assert clean_html("<p>Hallo</p><script>geheim()</script>") == "<p>Hallo</p>"


def test_clean_html_keeps_the_allow_list():
    html = (
        "<h3>Titel</h3><h4>Unter</h4><p>Ein <strong>starker</strong> <em>Satz</em> "
        "<b>b</b> <i>i</i> <code>x=1</code><br></p><ul><li>a</li></ul><ol><li>b</li></ol>"
    )
    assert clean_html(html) == html


def test_clean_html_drops_tags_outside_the_allow_list_but_keeps_their_text():
    assert clean_html("<h1>Groß</h1><div><span>Text</span></div>") == "GroßText"


def test_links_keep_href_and_title_and_get_safe_rel():
    cleaned = clean_html(
        '<a href="https://www.musterstadt.de" title="Stadt" target="_blank" class="x">'
        "Stadt</a>"
    )
    assert cleaned == (
        '<a href="https://www.musterstadt.de" title="Stadt" rel="noopener noreferrer">Stadt</a>'
    )
    assert 'href="mailto:buergerbuero@musterstadt.de"' in clean_html(
        '<a href="mailto:buergerbuero@musterstadt.de">Mail</a>'
    )
    assert "href" not in clean_html('<a href="ftp://musterstadt.de/datei">FTP</a>')


def test_linkify_text_escapes_html_and_links_urls():
    html = linkify_text(
        "Siehe https://www.musterstadt.de/hunde <script>alert(1)</script>\nZeile 2"
    )
    assert (
        '<a href="https://www.musterstadt.de/hunde" rel="noopener noreferrer">' in html
    )
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "<br>" in html
    assert clean_html(html) == html


def test_linkify_text_never_links_javascript():
    html = linkify_text("javascript:alert(1)")
    assert "<a" not in html
