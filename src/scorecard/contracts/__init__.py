"""Contract decisions: tenders evaluated on a scorecard of their own.

`KeepOrRetender` and `assess` record a keep-or-retender decision under the Provider Selection
Regime (Direct Award Process C): the route, a judgement on every key criterion with its
evidence beside it. A `Tender` holds award criteria (for the PSR, its five key criteria)
and their questions, bids, every evaluator's marks with reasons, the moderation, a price rule,
and gates (minimum marks, criterion and quality minimums, pass/fail conditions, an
affordability cap). `evaluate_tender` moderates the marks, scores the prices and evaluates
the bids as an ordinary `scorecard.evaluation.Evaluation` of `tender_card`, so thresholds,
one-way sweeps, SMAA and the weight explorer work on a tender as on any scorecard.

Decision support with stated assumptions, not legal advice.
"""

from scorecard._price_rules import (
    ABNORMALLY_LOW_SHARE,
    PRICE_RULES,
    AbnormallyLow,
    LinearBetween,
    PriceError,
    PricePerQualityPoint,
    PriceRule,
    RelativeToLowest,
)
from scorecard._psr import (
    CONSIDERABLE_SHARE,
    CONSIDERABLE_VALUE,
    DISCLAIMER,
    KPI,
    Assessment,
    ConsiderableChange,
    CriterionFinding,
    Interest,
    Judgement,
    KeepOrRetender,
    RouteAnswers,
    assess,
)
from scorecard._tender import (
    DEFAULT_DESCRIPTORS,
    MODERATION,
    PSR_KEY_CRITERIA,
    RESERVED,
    Bid,
    Condition,
    Consensus,
    Criterion,
    Descriptor,
    Mark,
    QualityScale,
    Question,
    Tender,
    TenderError,
)
from scorecard.contracts._evaluate import (
    PRICE_METRIC,
    TenderEvaluation,
    evaluate_tender,
    split_text,
    tender_card,
)
from scorecard.contracts._fragility import (
    COMMON_SPLITS,
    AlternativeEffect,
    Fragility,
    MarkChange,
    SplitCrossing,
    fragility,
)
from scorecard.contracts._moderation import SPREAD_FLAG, Moderated, ModerationFlag, moderate
from scorecard.contracts._records import (
    AWARD_FORMAT,
    KEEP_FORMAT,
    AwardRecord,
    CriterionSummary,
    KeepOrRetenderRecord,
    award_record,
    keep_or_retender_record,
)
from scorecard.contracts._transition import (
    ChangeCase,
    Transition,
    TransitionResult,
    transition,
)

__all__ = [
    "ABNORMALLY_LOW_SHARE",
    "AWARD_FORMAT",
    "COMMON_SPLITS",
    "CONSIDERABLE_SHARE",
    "CONSIDERABLE_VALUE",
    "DEFAULT_DESCRIPTORS",
    "DISCLAIMER",
    "KEEP_FORMAT",
    "KPI",
    "MODERATION",
    "PRICE_METRIC",
    "PRICE_RULES",
    "PSR_KEY_CRITERIA",
    "RESERVED",
    "SPREAD_FLAG",
    "AbnormallyLow",
    "AlternativeEffect",
    "Assessment",
    "AwardRecord",
    "Bid",
    "ChangeCase",
    "Condition",
    "Consensus",
    "ConsiderableChange",
    "Criterion",
    "CriterionFinding",
    "CriterionSummary",
    "Descriptor",
    "Fragility",
    "Interest",
    "Judgement",
    "KeepOrRetender",
    "KeepOrRetenderRecord",
    "LinearBetween",
    "Mark",
    "MarkChange",
    "Moderated",
    "ModerationFlag",
    "PriceError",
    "PricePerQualityPoint",
    "PriceRule",
    "QualityScale",
    "Question",
    "RelativeToLowest",
    "RouteAnswers",
    "SplitCrossing",
    "Tender",
    "TenderError",
    "TenderEvaluation",
    "Transition",
    "TransitionResult",
    "assess",
    "award_record",
    "evaluate_tender",
    "fragility",
    "keep_or_retender_record",
    "moderate",
    "split_text",
    "tender_card",
    "transition",
]
