"""Three stories of a made-up company, "Quillfox": two whose words show it to be one (its shares,
its legal form), and one that gives no clue, where the tagger reads the bare name as a person.
The archive's evidence of organisations is tested with them at two levels."""

SHOWN_BY_SHARES = ("Quillfox results", "Shares of Quillfox rose 5% on Tuesday after the results.")
SHOWN_BY_LEGAL_FORM = (
    "Quillfox deal",
    "Quillfox Inc agreed to buy a smaller rival, Quillfox said in a statement.",
)
NO_CLUE = ("Jobs cut in Leeds", "Quillfox told staff that 200 jobs in Leeds would go this year.")
