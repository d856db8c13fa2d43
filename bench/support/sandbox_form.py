"""A sandbox run page's next step and a finished run's "practise again", posted
as a browser would (the 8:00 peak and bench/sandbox_pages.py play the demo case
with them; the sandbox tests post the finished page's form with them)."""

from __future__ import annotations

import re
from html import unescape

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TASK = re.compile(r'name="task" value="([^"]+)"')
TASK_FORM = re.compile(
    r'<form method="post" action="([^"]+)" novalidate class="sandbox-task__form">'
    r"(.*?)</form>",
    re.S,
)
FLOW = re.compile(r'name="flow" value="([^"]+)"')
FIELD = re.compile(r'name="(field_[^"]+)"')
SANDBOX_STEPS_MAX = 12


def sandbox_submission(html: str, values: dict) -> tuple[str, dict] | None:
    """The next step of a sandbox run page as a browser would post it, or None.

    A step is a form ("Schritt abschließen": fields from the case's expected
    values, by BPMN task), a choice of the way on ("Weg wählen": the first way)
    or a confirmation ("Erledigt": nothing but the task).
    """
    form = TASK_FORM.search(html)
    if not form:
        return None
    action, body = form.groups()
    data = {"csrfmiddlewaretoken": token(body), "task": TASK.search(body).group(1)}
    flows = FLOW.findall(body)
    if flows:
        data["flow"] = flows[0]
    # The hidden "task" is the running task's id, not the BPMN element's: the
    # fields tell which of the case's steps this is.
    names = [name.removeprefix("field_") for name in dict.fromkeys(FIELD.findall(body))]
    # The case's values whose fields are all on the form (some are optional).
    expected = max(
        (v for v in values.values() if set(v) <= set(names)), key=len, default={}
    )
    for name in names:
        data[f"field_{name}"] = expected.get(name, "")
    return action, data


def token(html: str) -> str:
    match = TOKEN.search(html)
    return match.group(1) if match else ""


def practice_again_form(html: str) -> tuple[str, dict[str, str | list[str]]] | None:
    """A finished run page's "Diesen Fall noch einmal üben" form: (address, the
    values it posts) as a browser sends them, or None."""
    form = next(
        (
            body
            for body in re.findall(
                r'<form method="post" action="[^"]+">.*?</form>', html, re.S
            )
            if "Diesen Fall noch einmal üben" in body
        ),
        None,
    )
    if form is None:
        return None
    fields = [
        (name, unescape(value))
        for name, value in re.findall(
            r'type="hidden" name="([^"]+)" value="([^"]*)"', form
        )
    ]
    data: dict[str, str | list[str]] = {k: v for k, v in fields if k != "lanes"}
    data["lanes"] = [value for name, value in fields if name == "lanes"]
    return unescape(re.search(r'action="([^"]+)"', form).group(1)), data
