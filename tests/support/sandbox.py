"""Helpers of the sandbox tests: demo package files, zips of them, playing a run."""

from __future__ import annotations

import io
import json
import zipfile

from demo.sandboxes import DEMO_PACKAGES_DIR
from sandbox import services


def package_members(name: str) -> dict[str, bytes]:
    folder = DEMO_PACKAGES_DIR / name
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def make_zip(members: dict[str, bytes], *, links: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in links:
                info.external_attr = 0o120777 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def play(run, values_for):
    """Submit every ready task with ``values_for(element)`` until the run ends."""
    from sandbox import selectors

    for _ in range(30):
        view = selectors.run_view(run=run)
        if not view["ready_tasks"]:
            return run
        task = view["ready_tasks"][0]
        run = services.run_submit_task(
            run=run, task_id=task["id"], data=values_for(task["element"])
        )
    raise AssertionError("run did not finish")


def changed_package(name: str, instructions: str) -> bytes:
    """The demo package ``name`` as a zip, with new instructions for its first
    task: the same process, a new version."""
    members = package_members(name)
    manifest = json.loads(members["sandbox.json"])
    first_task = next(iter(manifest["tasks"]))
    manifest["tasks"][first_task]["instructions"] = instructions
    members["sandbox.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    return make_zip(members)
