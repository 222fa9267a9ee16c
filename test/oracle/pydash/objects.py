"""A stand-in for the three pydash functions azure-ai-ml 1.4.0 calls (pydash is not packaged in Debian).

Paths are dotted strings ("a.b.c") or lists of keys, as pydash accepts them; only dicts are walked,
which is all the SDK passes (YAML documents loaded as dicts).
"""


def _keys(path):
    if isinstance(path, (list, tuple)):
        return list(path)
    return str(path).split(".") if path != "" else []


def get(obj, path, default=None):
    """The value at `path` in nested dicts, or `default` when any key is missing."""
    current = obj
    for key in _keys(path):
        if isinstance(current, dict) and key in current:
            current = current[key]
        elif isinstance(current, (list, tuple)) and str(key).isdigit() and int(key) < len(current):
            current = current[int(key)]
        else:
            return default
    return current


def set_(obj, path, value):
    """Set the value at `path`, creating the dicts on the way; returns `obj` (as pydash does)."""
    keys = _keys(path)
    if not keys:
        return obj
    current = obj
    for key in keys[:-1]:
        if not isinstance(current.get(key), dict):
            current[key] = {}
        current = current[key]
    current[keys[-1]] = value
    return obj


def omit(obj, *paths):
    """A copy of the dict without the given top-level keys (a list or separate arguments)."""
    drop = set()
    for p in paths:
        drop.update(p if isinstance(p, (list, tuple, set)) else [p])
    return {k: v for k, v in (obj or {}).items() if k not in drop}
