"""Steps no person plays: completed by the sandbox from the case.

A real model has service tasks, messages, timers and event-based gateways. The
sandbox never talks to another system: such a step completes by itself with what
the case's ``simulate`` says it produced, and an event-based gateway takes the
branch the case's ``choices`` names.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from . import bpmn_vocabulary as vocabulary
from . import engine

AUTOMATIC_ROLES = ("auto", "auto_choice")


class MissingChoice(engine.EngineError):
    """The case does not say which way an automatic or played gateway goes."""

    def __init__(self, message: str, gateway: str):
        super().__init__(message)
        self.gateway = gateway


def choice_values(flow: str) -> dict:
    """What a choice step puts into the process data: the chosen flow."""
    return {vocabulary.CHOICE_NAME: flow}


def run_automatic(
    workflow, definition: engine.Definition, case: dict, *, strict: bool = False
) -> list:
    """Complete every ready step no person plays (simulated steps with the case's
    ``simulate`` data, event-based gateways with the case's ``choices``); return
    them as run steps.

    ``strict`` (the import's check): an event-based gateway the case does not
    decide raises ``MissingChoice``. In a run, a trainee's wrong way may reach such
    a gateway: it then takes its first branch, so that the run goes on."""
    steps = []
    simulate = case.get("simulate") or {}
    choices = case.get("choices") or {}
    for _step in range(engine.MAX_ENGINE_STEPS):
        pending = [
            task
            for task in engine.ready_tasks(workflow)
            if definition.role(task.task_spec.bpmn_id) in AUTOMATIC_ROLES
        ]
        if not pending:
            break
        task = pending[0]
        element_id = task.task_spec.bpmn_id
        element = definition.step_element(element_id)
        if definition.role(element_id) == "auto_choice":
            flow = choices.get(element)
            flows = [o["flow"] for o in definition.options.get(element, [])]
            if flow not in flows and not strict and flows:
                flow = flows[0]
            if flow not in flows:
                raise MissingChoice(
                    _(
                        "Der Fall sagt nicht, welchen Weg das ereignisbasierte Gateway "
                        "„%(gateway)s“ (%(id)s) nimmt. Ergänzen Sie „choices“."
                    )
                    % {"gateway": definition.element_name(element), "id": element},
                    element,
                )
            values = choice_values(flow)
            data: dict = {"flow": flow}
        else:
            data = simulate.get(element) or {}
            values = data if isinstance(data, dict) else {}
        engine.task_complete(workflow, task, values)
        steps.append(
            {
                "element": element,
                "task_id": str(task.id),
                "lane": task.task_spec.lane,
                "data": data,
                "auto": True,
                "kind": "automatic",
            }
        )
    return steps


def step_kind(definition: engine.Definition, manifest: dict, element_id: str) -> str:
    """What a person does at a ready step: ``form`` (the sidecar's form),
    ``confirm`` (a plain or manual task without a form: "Erledigt") or ``choice``
    (a gateway Lotse cannot decide)."""
    role = definition.role(element_id)
    if role == "choice":
        return "choice"
    task = (manifest.get("tasks") or {}).get(element_id)
    if role == "confirm" and not (isinstance(task, dict) and task.get("form")):
        return "confirm"
    return "form"


def choice_options(definition: engine.Definition, element_id: str) -> list[dict]:
    """The ways a learner may choose at a choice step: ``[{"flow", "label"}]``."""
    gateway = definition.step_element(element_id)
    return [dict(option) for option in definition.options.get(gateway, [])]
