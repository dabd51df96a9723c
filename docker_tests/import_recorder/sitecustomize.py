"""Records what a connector process imports, for `make image-requirements` and its check.

The test run (docker_tests/import_recording.py) puts this directory on PYTHONPATH and names a
directory in CONNECTOR_IMPORTS_DIR. In a process started as a connector's console script, this
writes one JSON file there at exit: every module imported after interpreter start-up (with its
file) and every distribution whose metadata was looked up by name (`importlib.metadata.version`
and the like), since such a distribution must be installed even if none of its modules is
imported. Any other process (pytest, the sandbox, helpers) records nothing.
"""

import os
import sys

CONNECTOR_SCRIPTS = ("source-stages", "destination-ruddr")
DIRECTORY = os.environ.get("CONNECTOR_IMPORTS_DIR")


class MetadataLookups:
    """Last on sys.meta_path: finds no module, and notes each distribution name importlib.metadata
    looks up. A listing of every distribution is noted as "entry_points:GROUP" when
    `entry_points(group=GROUP)` made it (pydantic looks for plugins so), else as "*"."""

    names: set = set()

    @staticmethod
    def find_spec(*_args, **_kwargs):
        return None

    @classmethod
    def find_distributions(cls, context=None):
        name = getattr(context, "name", None)
        cls.names.add(name if name else _listed_for())
        return iter(())


def _listed_for():
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_name == "entry_points" and "group" in frame.f_locals.get("params", {}):
            return "entry_points:" + str(frame.f_locals["params"]["group"])
        frame = frame.f_back
    return "*"


def _record(started_with, script):
    import json  # here, not at start-up: the connector may not import it

    modules = {name: _file_of(module) for name, module in list(sys.modules.items()) if name not in started_with}
    path = os.path.join(DIRECTORY, f"{script}-{os.getpid()}.json")
    # Written aside, then renamed: a process stopped while writing (PyAirbyte terminates the
    # connector once it has its output) leaves no half file behind.
    with open(path + ".partial", "w", encoding="utf-8") as file:
        json.dump({"script": script, "argv": sys.argv[1:2], "python": "%d.%d" % sys.version_info[:2],
                   "prefix": sys.prefix, "modules": modules, "metadata": sorted(MetadataLookups.names)}, file)
    os.replace(path + ".partial", path)


def _file_of(module):
    try:
        file = getattr(module, "__file__", None)
    except Exception:  # a lazy module may fail to load on attribute access
        return None
    return None if file is None else str(file)


def _install():
    script = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if not DIRECTORY or script not in CONNECTOR_SCRIPTS:
        return
    import atexit

    started_with = set(sys.modules)  # the interpreter's and site's own, .pth imports, this module
    sys.meta_path.append(MetadataLookups)
    atexit.register(_record, started_with, script)


_install()
