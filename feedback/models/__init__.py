from .feedback import (
    ANSWERED_KINDS,
    FINISHED_STATES,
    OPEN_STATES,
    Feedback,
    Kind,
    Rating,
    Screening,
    State,
)
from .history import FeedbackEvent, FeedbackReply

__all__ = [
    "ANSWERED_KINDS",
    "FINISHED_STATES",
    "OPEN_STATES",
    "Feedback",
    "FeedbackEvent",
    "FeedbackReply",
    "Kind",
    "Rating",
    "Screening",
    "State",
]
