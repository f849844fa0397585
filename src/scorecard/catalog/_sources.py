"""Sources behind the catalogue: each ``[S#]`` tag in a metric's ``source`` text, resolved.

Tags follow the project's reference notes. ``[K]`` marks a figure from background knowledge
that still needs checking; ``[E]`` marks an estimate made to parameterise synthetic data, not an
official statistic. Neither has an entry here.
"""

from __future__ import annotations

import re
import types
from collections.abc import Mapping
from typing import Final

__all__ = ["SOURCES", "TAG_PATTERN", "plausible_range", "tags"]

SOURCES: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "S1": "Treatment Outcomes Profile (TOP) form, community version (NTA).",
        "S4": "Marsden J et al. Development of the Treatment Outcomes Profile. "
        "Addiction 2008;103(9):1450-60.",
        "S5": "Psychiatric Bulletin audit article describing the TOP "
        "(mandatory from October 2007; four domains).",
        "S6": "Marsden J et al. Effectiveness of community treatments for heroin and crack "
        "cocaine addiction in England. Lancet 2009;374:1262-70.",
        "S7": "NTA, NDTMS statistics 2011-12 (TOP outcomes at 6-month review).",
        "S8": "PHE/NDTMS Diagnostic Outcomes Monitoring Executive Summary (DOMES).",
        "S9": "LG Inform metric 6010: opiate successful completion (no substitute medication "
        "at exit); PHOF indicator definition.",
        "S10": "QualityWatch (Nuffield Trust and Health Foundation): treatment completion and "
        "6-month success rates for drug users.",
        "S11": "OHID, Adult substance misuse treatment statistics 2022 to 2023.",
        "S12": "OHID, Adult substance misuse treatment statistics 2023 to 2024.",
        "S13": "DHSC/OHID, Guidance for improving continuity of care between prison and the "
        "community (2018) and self-assessment tool (2023).",
        "S14": "From Harm to Hope first annual report, as quoted in 'FocusOn: continuity of care "
        "for prison leavers' (40.7%; 30.3% in 2015/16; 75% ambition).",
        "S16": "PHE/NDTMS value for money tools and SROI tool (2016-17).",
        "S17": "Davies L et al. Drug Treatment Outcomes Research Study (DTORS) "
        "cost-effectiveness analysis (benefit-cost about 2.5:1).",
        "S19": "Dame Carol Black, Independent Review of Drugs, Part 2 (2021): £4 return per "
        "£1; caseloads of 50-80 against good practice of 40 or fewer.",
        "S20": "ACMD (2017), Commissioning impact on drug treatment (re-procurement churn).",
        "S24": "CQC, ratings: four-point scale and five key questions.",
        "S25": "CQC, Single Assessment Framework scoring (1-4 per quality statement).",
        "S26": "CQC, How CQC regulates: specialist substance misuse services (2015).",
        "S40": "Duncan BL, Miller SD et al. The Session Rating Scale. J Brief Therapy 2003 "
        "(0-40; 36 or below flags an alliance concern).",
        "S41": "Vilsaint CL et al. Development and validation of the Brief Assessment of "
        "Recovery Capital (BARC-10). Drug Alcohol Depend 2017;177:71-76.",
        "S43": "ONS, Measuring loneliness: national indicators for use on surveys.",
        "S45": "Coalition for Collaborative Care (C4CC), NHS England: the 'three Cs' and the "
        "House of Care.",
        "S46": "Skills for Care, The state of the adult social care sector and workforce in "
        "England (2023/24: turnover 24.8%, vacancies 8.3%).",
        "S47": "National drug and alcohol treatment and recovery workforce census (2022-2024: "
        "turnover 19% in 2024, vacancies about 8%).",
        "S48": "TUPE service provision change guidance; National HR Group for Substance Misuse "
        "Services transfer guide (2012).",
    }
)
"""Citation of each source tag used in the catalogue, keyed by tag without brackets ("S6")."""

TAG_PATTERN: Final = re.compile(r"\[([^\]]+)\]")


def tags(source: str) -> tuple[str, ...]:
    """The ``S#`` tags cited in a ``source`` text, in order of first mention.

    Examples
    --------
    >>> tags("PHOF C19a [S9,S10]; recent value [K]; range [E] synthetic estimate")
    ('S9', 'S10')
    """
    found: list[str] = []
    for group in TAG_PATTERN.findall(source):
        for part in group.split(","):
            tag = part.strip()
            if re.fullmatch(r"S\d+", tag) and tag not in found:
                found.append(tag)
    return tuple(found)


def plausible_range(worst: float, best: float, unit: str = "") -> str:
    """The standard note for a scale set on the plausible provider range (an [E] estimate).

    Examples
    --------
    >>> plausible_range(25, 60, "%")
    'Scale worst 25%, best 60%: plausible provider range, [E] synthetic estimate.'
    """
    space = "" if unit in {"", "%"} else " "
    return (
        f"Scale worst {worst:g}{space}{unit}, best {best:g}{space}{unit}: plausible provider "
        "range, [E] synthetic estimate."
    )
