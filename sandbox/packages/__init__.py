"""Validation of uploaded process packages (zip file or folder).

Everything is checked before anything is stored, and every problem is reported as a
sentence in the reader's language (German by default). The checks live in named
modules, and ``validate`` runs them as one pipeline:

* ``archive``: reading the zip or folder within its limits, the expected members;
* ``xml_members``: parsing process.bpmn and decisions.dmn without DTDs or entities;
* ``manifest``: sandbox.json (format, forms, cases, what each task may read);
* ``bpmn`` and ``dmn``: supported elements, named lanes, safe expressions;
* ``solve``: every case, played with its expected values, reaches its end;
* ``labels``: German titles of every field a learner sees (warnings, not errors),
  and how the run page labels and formats process data.
"""
