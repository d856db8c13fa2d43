"""Sequence flows the engine needs where a model draws them differently: link
events that continue elsewhere, and implicit parallel splits."""

from __future__ import annotations

from lxml import etree

from sandbox.bpmn_vocabulary import local, qualified


def implicit_splits(process, lane_of: dict[str, str]) -> None:
    """A task or event with several unconditioned outgoing flows splits in
    parallel (BPMN's implicit split): give the engine the gateway it needs."""
    outgoing: dict[str, list] = {}
    for flow in process.findall(qualified("sequenceFlow")):
        outgoing.setdefault(flow.get("sourceRef") or "", []).append(flow)
    for node in list(process):
        kind = local(node)
        node_id = node.get("id") or ""
        out = outgoing.get(node_id, [])
        if len(out) < 2 or kind.endswith("Gateway") or kind == "sequenceFlow":
            continue
        if any(f.find(qualified("conditionExpression")) is not None for f in out):
            continue
        split_id = node_id + "__lotse_split"
        etree.SubElement(process, qualified("parallelGateway"), id=split_id)
        link_id = split_id + "_flow"
        for flow in out:
            flow.set("sourceRef", split_id)
        etree.SubElement(
            process,
            qualified("sequenceFlow"),
            id=link_id,
            sourceRef=node_id,
            targetRef=split_id,
        )
        lane = lane_of.get(node_id)
        if lane is not None:
            for lane_element in process.iter(qualified("lane")):
                if lane_element.get("name") == lane:
                    etree.SubElement(
                        lane_element, qualified("flowNodeRef")
                    ).text = split_id
                    break


def link_events(process, links: dict[str, list]) -> None:
    """A link throw event continues at the link catch event of the same name."""
    catches = {name: ids[0] for name, ids in links.get("catch", [])}
    for name, throw in links.get("throw", []):
        target = catches.get(name)
        if target:
            flow_id = f"{throw}__lotse_link"
            etree.SubElement(
                process,
                qualified("sequenceFlow"),
                id=flow_id,
                sourceRef=throw,
                targetRef=target,
            )
