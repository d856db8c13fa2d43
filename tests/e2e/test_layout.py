"""Layout a person notices: the training admin's header on one line at 1366 px,
tables that become readable cards on a phone (no word or date split)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support.browser import assert_no_horizontal_scroll, login, screenshot

pytestmark = pytest.mark.e2e

# For every text node in the cards: a word whose characters lie on more than one
# line was split. Returns the split words. An e-mail address may wrap before its
# "@" (the staff list marks that place), so its two halves count as words.
SPLIT_WORDS = """
(selector) => {
  const split = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const re = /[^\\s@]+/g;
      let m;
      while ((m = re.exec(node.textContent)) !== null) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set(
          Array.from(range.getClientRects()).map((r) => Math.round(r.top))
        );
        if (tops.size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}
"""


@pytest.fixture
def wide_page(browser, demo_site):
    context = browser.new_context(
        locale="de-DE", viewport={"width": 1366, "height": 768}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_training_admin_header_fits_on_one_line_at_1366_px(wide_page, demo_site):
    page = wide_page
    login(page, demo_site, "training_admin")
    links = page.locator(".site-nav__link")
    assert links.count() == 8
    header = page.locator(".site-header__inner").bounding_box()
    parts = [
        page.locator(".site-header__brand").bounding_box(),
        page.locator(".site-nav").bounding_box(),
        page.locator(".site-header__tools").bounding_box(),
    ]
    tops = [round(link.bounding_box()["y"]) for link in links.all()]
    assert len(set(tops)) == 1, f"Navigation bricht um: {tops}"
    # Brand, navigation and tools side by side: each starts right of the one before.
    for left, right in zip(parts, parts[1:], strict=False):
        assert right["x"] >= left["x"] + left["width"], (left, right)
        assert abs(right["y"] - left["y"]) < 24, (left, right)
    assert header["height"] < 80, f"Kopfzeile ist {header['height']}px hoch"
    screenshot(page, "header-1366-training-admin")


def test_tables_become_cards_on_a_phone_without_split_words(phone_page, demo_site):
    page = phone_page
    login(page, demo_site, "training_admin")
    for path in (
        "/nachweise/",
        "/organisation/regeln/",
        "/organisation/beschaeftigte/",
    ):
        page.goto(f"{demo_site}{path}")
        table = page.locator("main table.table").last
        row = table.locator("tbody tr").first
        assert row.evaluate("r => getComputedStyle(r).display") == "block", path
        label = row.locator("td").first.evaluate(
            "c => getComputedStyle(c, '::before').content"
        )
        assert label not in ("none", '""'), path
        split = page.evaluate(SPLIT_WORDS, "main table.table td, main table.table th")
        assert split == [], f"{path}: getrennte Wörter {split[:10]}"
        assert_no_horizontal_scroll(page)
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
    screenshot(page, "staff-cards-phone")
