"""Three stories of a made-up club, "Marrowby": two match reports whose words show it to be a
team (its coach, a result), and one that gives no clue, where the tagger reads the bare name as
a person. The archive's evidence of clubs is tested with them at two levels."""

SHOWN_BY_ITS_COACH = (
    "Marrowby hold on",
    "The Marrowby coach said the squad played well in the league match against Quarley.",
)
SHOWN_BY_A_RESULT = (
    "Late goal",
    "Quarley lost 3-1 to Marrowby in the league match, and the coach blamed the goalkeeper.",
)
NO_CLUE = (
    "Season review",
    "Thorne said Marrowby had played well in the second half of the season.",
)
