"""TIMEX3 time expressions: recognition, normalisation, and event dating.

``event_date(article, start, end)`` is the API the events stage uses; the times stage
(``dateline.stages.times``) fills ``article.times``.
"""
from dateline.timex.dating import event_date
from dateline.timex.value import precision

__all__ = ["event_date", "precision"]
