"""The personal data export holds the person's sandbox runs too."""

from demo.sandboxes import seed as seed_sandboxes
from lms.selectors.export import personal_data_export
from sandbox import services as sandbox_services


def test_export_contains_my_sandbox_runs_and_nobody_elses(make_person):
    seed_sandboxes()
    me, colleague = make_person(), make_person()
    mine = sandbox_services.run_start(
        user=me, process_id="hund_anmelden", case_id="labrador", mode="practice"
    )
    sandbox_services.run_start(
        user=colleague, process_id="hund_anmelden", case_id="labrador", mode="exam"
    )

    runs = personal_data_export(me)["sandbox_runs"]

    assert [run["id"] for run in runs] == [str(mine.pk)]
    assert runs[0]["process"] == "hund_anmelden" and runs[0]["mode"] == "practice"
