"""dateline: news pages to a sourced record of who did and said what, to whom, when and where."""
from dateline.model import SCHEMA

__version__ = "0.1.0"
__all__ = ["SCHEMA", "__version__"]
