"""The archive text format: header, title, date, byline split."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from articles.archive import read_file
from articles.parsing import parse_article_text, parse_date, split_byline

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def test_the_seed_article_gives_date_title_author_and_body() -> None:
    seeds = sorted((SHARED / "seed").glob("*.txt")) if SHARED.is_dir() else []
    if not seeds:
        pytest.skip("../shared/seed is not present beside the repository")
    contents = read_file(seeds[0])
    assert contents.skipped is None
    assert contents.warnings == []
    (article,) = contents.articles
    assert article.date == date(2024, 6, 20)
    assert article.title == "Azerbaijan, Serbia strengthen military cooperation"
    assert article.author == "Sabina Alizade"
    assert article.body.startswith("The visit of the First Deputy Minister")
    assert article.id == seeds[0].name


@pytest.mark.parametrize(
    ("body", "author", "starts"),
    [
        ("By Sabina AlizadeThe visit of the minister", "Sabina Alizade", "The visit of"),
        ("By Femke de VriesThe strike began at dawn", "Femke de Vries", "The strike began"),
        ("By Łukasz WiśniewskiAuthorities said on Monday", "Łukasz Wiśniewski", "Authorities"),
        ("By Janie GabbettLOS ANGELES, Feb 26 - Shares rose", "Janie Gabbett", "LOS ANGELES, Feb"),
        (
            "By Allan Saunderson and Jonathan LynnFRANKFURT, April 2 - Rates fell",
            "Allan Saunderson and Jonathan Lynn",
            "FRANKFURT, April 2",
        ),
        ("By Ian McDonaldThe port reopened", "Ian McDonald", "The port reopened"),
    ],
)
def test_a_byline_glued_to_the_first_sentence_is_split(body: str, author: str, starts: str) -> None:
    found_author, rest = split_byline(body)
    assert found_author == author
    assert rest.startswith(starts)


@pytest.mark.parametrize(
    "body",
    [
        "By the way, nobody expected the vote to pass.",
        "By 2030 the city wants no cars in the centre.",
        "By noon the square was full.",
        "Bylines are rare in this paper.",
    ],
)
def test_a_body_that_merely_starts_with_by_keeps_its_first_words(body: str) -> None:
    assert split_byline(body) == (None, body)


@pytest.mark.parametrize("name", ["Janie Gabbett", "Ian McDonald", "Femke de Vries"])
def test_a_byline_on_its_own_line_becomes_the_author(name: str) -> None:
    parsed = parse_article_text(f" date 2024-02-26 Markets\nBy {name}\nShares rose on Monday.\n")
    assert parsed.author == name
    assert parsed.body == "Shares rose on Monday."


def test_the_whole_article_format_with_a_glued_byline() -> None:
    parsed = parse_article_text(
        " date 2023-11-02 Dock workers strike\nBy Femke de VriesThe strike entered its third day."
        "\nUnions said more would follow.\n"
    )
    assert parsed.title == "Dock workers strike"
    assert parsed.date == date(2023, 11, 2)
    assert parsed.author == "Femke de Vries"
    assert parsed.body == "The strike entered its third day.\nUnions said more would follow."
    assert parsed.warnings == ()


def test_the_leading_space_of_the_header_is_optional() -> None:
    parsed = parse_article_text("date 2024-06-20 A title without the space\nBody text.\n")
    assert parsed.date == date(2024, 6, 20)
    assert parsed.title == "A title without the space"
    assert parsed.body == "Body text."
    assert parsed.warnings == ()


def test_without_a_header_the_first_line_is_the_title_with_a_warning() -> None:
    parsed = parse_article_text("Harbour reopens after the storm\nShips came back on Friday.\n")
    assert parsed.title == "Harbour reopens after the storm"
    assert parsed.date is None
    assert parsed.body == "Ships came back on Friday."
    assert len(parsed.warnings) == 1
    assert "header" in parsed.warnings[0]


def test_an_impossible_date_gives_no_date_and_a_warning() -> None:
    parsed = parse_article_text(" date 2024-02-30 Leap day plus one\nThe body.\n")
    assert parsed.date is None
    assert parsed.title == "Leap day plus one"
    assert parsed.body == "The body."
    assert any("2024-02-30" in warning for warning in parsed.warnings)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-02-29", date(2024, 2, 29)),
        ("2023-02-29", None),
        ("2024-13-01", None),
        ("24-06-20", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_blank_lines_before_the_header_are_ignored() -> None:
    parsed = parse_article_text("\n\n date 2024-06-20 Title\nBody.\n")
    assert (parsed.title, parsed.date, parsed.body) == ("Title", date(2024, 6, 20), "Body.")


def test_a_header_without_a_title_takes_the_first_body_line() -> None:
    parsed = parse_article_text(" date 2024-06-20\nThe first line\nThe second line\n")
    assert parsed.title == "The first line"
    assert parsed.date == date(2024, 6, 20)
    assert parsed.warnings


def test_a_file_with_only_whitespace_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_article_text("\n  \n\t\n")


def test_a_first_line_that_merely_starts_with_date_is_a_title() -> None:
    parsed = parse_article_text("date night ideas for the long weekend\nBook early.\n")
    assert parsed.title == "date night ideas for the long weekend"
    assert parsed.date is None
    assert parsed.body == "Book early."


def test_an_empty_file_and_a_header_alone_are_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="^empty file$"):
        parse_article_text("\n  \n")
    with pytest.raises(ValueError, match="^no text$"):
        parse_article_text(" date 2024-06-20\n\n  \n")


def test_a_title_without_a_body_is_an_article() -> None:
    parsed = parse_article_text(" date 2024-06-20 Markets closed for the holiday\n")
    assert (parsed.title, parsed.body) == ("Markets closed for the holiday", "")


def test_the_warnings_say_what_was_missing() -> None:
    untitled = parse_article_text(" date 2024-06-20\nThe first line\n")
    assert untitled.warnings == ("no title in the header; the first line of the body is used",)
    headless = parse_article_text("Harbour reopens\nShips came back.\n")
    assert headless.warnings == (
        "no ' date YYYY-MM-DD Title' header; the first line is used as the title",
    )


def test_the_body_keeps_its_indentation_and_its_last_letter() -> None:
    text = " date 2024-06-20 Interview\n\n    A quoted opening line\nwith Malcolm X"
    assert parse_article_text(text).body == "    A quoted opening line\nwith Malcolm X"


def test_a_byline_with_a_double_space_is_split_too() -> None:
    assert split_byline("By Sabina  AlizadeThe visit began.") == (
        "Sabina Alizade",
        "The visit began.",
    )


def test_a_glued_byline_on_a_one_line_body_leaves_just_the_sentence() -> None:
    assert split_byline("By Sabina AlizadeThe visit began.") == (
        "Sabina Alizade",
        "The visit began.",
    )


def test_a_byline_alone_on_its_line_may_have_nine_words() -> None:
    body = "By Maria de la Cruz and Jan van der Berg\nThe talks ended."
    assert split_byline(body) == ("Maria de la Cruz and Jan van der Berg", "The talks ended.")


@pytest.mark.parametrize(
    ("rest", "body"),
    [
        ("\n\nThe visit began.", "The visit began."),
        ("\n   An indented first line.", "   An indented first line."),
        ("\nXi Jinping arrived.", "Xi Jinping arrived."),
    ],
)
def test_the_body_after_a_byline_line_starts_at_its_first_line(rest: str, body: str) -> None:
    assert split_byline("By Sabina Alizade" + rest) == ("Sabina Alizade", body)


@pytest.mark.parametrize(
    "body",
    [
        "By\nSunday the river had risen.",  # no name after "By"
        "By Rome and by sea, the army came.",  # a particle does not excuse what follows it
    ],
)
def test_by_without_a_name_is_no_byline(body: str) -> None:
    assert split_byline(body) == (None, body)
