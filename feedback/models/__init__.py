from .community import CommentLike, CommentReport, ReportCategory, ReportOutcome
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
from .switches import CommentSwitch, Scope

__all__ = [
    "ANSWERED_KINDS",
    "CommentLike",
    "CommentReport",
    "CommentSwitch",
    "FINISHED_STATES",
    "OPEN_STATES",
    "Feedback",
    "FeedbackEvent",
    "FeedbackReply",
    "Kind",
    "Rating",
    "ReportCategory",
    "ReportOutcome",
    "Scope",
    "Screening",
    "State",
]
