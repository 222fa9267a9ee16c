"""Stand-in for pydash (get, set_, omit): enough for azure-ai-ml 1.4.0's loaders. See objects.py."""
from . import objects
from .objects import get, omit, set_

__all__ = ["get", "omit", "objects", "set_"]
