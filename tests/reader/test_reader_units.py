"""The reader's plain parts: settings, history, text rendering, wrapping arithmetic."""

from __future__ import annotations

import gc
import time
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from textual.binding import Binding

import reader.app as reader_app
from articles.model import Article, Mention
from index.api import Highlighted, Hit, StoredArticle
from reader.app import NewsReaderApp
from reader.data.history import HistoryEntry, SearchHistory
from reader.rendering import (
    CURRENT_MENTION,
    ENTITY_STYLES,
    REPLACEMENT,
    SEARCH_HIT,
    SELECTED_MENTION,
    SelectedEntity,
    article_text,
    hit_prompt,
    lead_to_first_hit,
    mention_counts,
    safe_text,
)
from reader.screens.help import HelpScreen
from reader.screens.indexing import IndexingScreen
from reader.screens.main import MainScreen
from reader.screens.notice import NoticeScreen
from reader.screens.related import RelatedList, RelatedScreen
from reader.settings import Locations, Settings, SettingsError, load_settings, save_settings
from reader.widgets.article_view import ArticleView, line_of_offset
from reader.widgets.entity_sidebar import EntityList
from reader.widgets.result_list import ResultList

# Settings


def test_missing_config_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.toml") == Settings()


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "config.toml"
    settings = Settings(
        theme="nord",
        keymap={"toggle_sort": "o", "next.story": "ctrl+n"},
        results_page_size=50,
        extractor="spacy",
    )
    save_settings(settings, path)
    assert load_settings(path) == settings


def test_the_search_engine_is_a_setting(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_settings(Settings(engine="whoosh"), path)
    assert 'engine = "whoosh"' in path.read_text(encoding="utf-8")
    assert load_settings(path) == Settings(engine="whoosh")
    path.write_text('engine = "lucene"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="`engine` must be one of fastpath, opensearch, whoosh"):
        load_settings(path)


def test_an_engine_servers_address_and_user_are_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    settings = Settings(
        engine="opensearch",
        engine_url="https://search.example:9200",
        engine_user="editor",
        engine_password="s3cret",
    )
    save_settings(settings, path)
    assert load_settings(path) == settings
    path.write_text('engine_url = "search.example:9200"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="`engine_url` must be an address like"):
        load_settings(path)
    path.write_text("engine_user = 7\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="`engine_user` must be text"):
        load_settings(path)


def test_dotted_keymap_ids_read_as_written(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keymap]\nresults.down = "x"\n', encoding="utf-8")
    assert load_settings(path).keymap == {"results.down": "x"}


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("theme = ", "not valid TOML"),
        ("theme = 3", "`theme`"),
        ('keymap = "x"', "[keymap]"),
        ("results_page_size = 5", "results_page_size"),
        ('extractor = "magic"', "`extractor`"),
    ],
)
def test_bad_config_says_what_is_wrong(tmp_path: Path, text: str, complaint: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError, match=None) as raised:
        load_settings(path)
    assert complaint in str(raised.value)
    assert str(path) in str(raised.value)


def test_locations_follow_xdg_variables(isolated_user_dirs: Locations, tmp_path: Path) -> None:
    locations = Locations.from_platform()
    assert locations.config_file == tmp_path / "home" / "config" / "newsreader" / "config.toml"
    assert str(locations.data_dir).startswith(str(tmp_path))
    assert str(locations.cache_dir).startswith(str(tmp_path))


# History


def test_history_pops_newest_first_and_skips_repeats() -> None:
    history = SearchHistory()
    assert history.pop() is None
    history.push(HistoryEntry("a"))
    history.push(HistoryEntry("b", "date", "x.txt"))
    history.push(HistoryEntry("b", "date", "y.txt"))
    assert len(history) == 2
    assert history.pop() == HistoryEntry("b", "date", "y.txt")
    assert history.pop() == HistoryEntry("a")
    assert history.pop() is None


# Rendering


def _stored(title: str, body: str, mentions: tuple[Mention, ...] = ()) -> StoredArticle:
    article = Article("a.txt", "a.txt", title, body, date(2024, 6, 20), "Ilse Torvald")
    return StoredArticle(article, {}, mentions)


def test_safe_text_keeps_length_and_removes_control_characters() -> None:
    text = "red \x1b[31mtext\x07 \x9b ok\tand\nnew"
    cleaned = safe_text(text)
    assert len(cleaned) == len(text)
    assert "\x1b" not in cleaned and "\x07" not in cleaned and "\x9b" not in cleaned
    assert cleaned.count(REPLACEMENT) == 3
    assert "\t" in cleaned and "\n" in cleaned


def test_article_text_places_hits_and_mentions_on_the_right_words() -> None:
    title = "Aasland opens [bold]bridge[/]"
    body = "Mayor Henrik Aasland opened the bridge in Marenvik. Aasland smiled."
    mentions = (
        Mention("person", "Henrik Aasland", 0, 7, "title"),
        Mention("person", "Henrik Aasland", 6, 20, "body"),
        Mention("place", "Marenvik", 42, 50, "body"),
        Mention("person", "Henrik Aasland", 52, 59, "body"),
    )
    rendered = article_text(
        _stored(title, body, mentions),
        title_hits=((20, 26),),
        body_hits=((32, 38),),
        selected=SelectedEntity("person", "Henrik Aasland"),
        current_mention=1,
    )
    content = rendered.content
    assert content.plain.startswith(title + "\n2024-06-20 · Ilse Torvald\n\n" + body[:5])

    def words(style: str) -> list[str]:
        return [content.plain[s.start : s.end] for s in content.spans if s.style == style]

    assert words(SEARCH_HIT) == ["bridge", "bridge"]
    assert words(ENTITY_STYLES["place"]) == ["Marenvik"]
    assert words(ENTITY_STYLES["person"]) == ["Aasland", "Henrik Aasland", "Aasland"]
    assert [content.plain[s:e] for s, e in rendered.selected_mentions] == [
        "Aasland",
        "Henrik Aasland",
        "Aasland",
    ]
    assert words(CURRENT_MENTION) == ["Henrik Aasland"]
    assert words(SELECTED_MENTION) == ["Aasland", "Aasland"]


def test_article_text_ignores_spans_outside_the_text() -> None:
    mentions = (Mention("person", "Ghost", 5, 500, "body"),)
    rendered = article_text(_stored("T", "short body", mentions), body_hits=((8, 99),))
    assert rendered.content.plain.endswith("short body")
    assert all(span.end <= len(rendered.content.plain) for span in rendered.content.spans)


def test_hit_prompt_is_three_lines_with_highlights() -> None:
    hit = Hit(
        id="a.txt",
        path="a.txt",
        title=Highlighted("Seals [b]near[/b] Skarholm", ((0, 5),)),
        snippet=Highlighted("first line\nsecond seals line", ((18, 23),)),
        date=date(2024, 6, 20),
        author="Ilse Torvald",
        source=None,
        score=1.0,
    )
    prompt = hit_prompt(hit)
    lines = prompt.plain.split("\n")
    assert lines == [
        "Seals [b]near[/b] Skarholm",
        "2024-06-20 · Ilse Torvald",
        "first line second seals line",
    ]
    hits = [prompt.plain[s.start : s.end] for s in prompt.spans if s.style == SEARCH_HIT]
    assert hits == ["Seals", "seals"]


def test_a_result_rows_title_colours_its_entities_beneath_its_search_hits() -> None:
    title = "Valiyev meets Gašić in Baku"
    hit = Hit(
        id="a.txt",
        path="a.txt",
        title=Highlighted(title, ((23, 27),)),
        snippet=Highlighted("", ()),
        date=None,
        author=None,
        source=None,
        score=1.0,
        title_mentions=(
            Mention("person", "Karim Valiyev", 0, 7, "title"),
            Mention("place", "Baku", 23, 27, "title"),
            Mention("person", "out of range", 20, 99, "title"),
        ),
    )
    prompt = hit_prompt(hit)
    styles = [(prompt.plain[s.start : s.end], s.style) for s in prompt.spans]
    valiyev = styles.index(("Valiyev", ENTITY_STYLES["person"]))
    baku = styles.index(("Baku", ENTITY_STYLES["place"]))
    # The search hit is drawn over the entity's colour, as in the article pane.
    assert styles.index(("Baku", SEARCH_HIT)) > baku > valiyev
    # A mention past the title's end (a stale index) is not drawn.
    entity_styles = set(ENTITY_STYLES.values())
    assert all(span.end <= len(title) for span in prompt.spans if span.style in entity_styles)


def test_a_late_first_hit_is_brought_to_the_start_of_the_snippet() -> None:
    text = "The council met for a long time on Tuesday and then the Mayor Henrik Aasland spoke."
    start = text.index("Aasland")
    moved = lead_to_first_hit(Highlighted(text, ((start, start + 7),)))
    assert moved.text.startswith("…")
    (span,) = moved.spans
    assert moved.text[span[0] : span[1]] == "Aasland"
    assert span[0] <= 30
    early = Highlighted("Aasland spoke", ((0, 7),))
    assert lead_to_first_hit(early) == early


def test_mention_counts_orders_by_count() -> None:
    mentions = [
        Mention("place", "Baku", 0, 4),
        Mention("person", "A B", 0, 1),
        Mention("person", "C D", 0, 1),
        Mention("person", "C D", 5, 6),
    ]
    assert mention_counts(mentions) == {
        "person": [("C D", 2), ("A B", 1)],
        "place": [("Baku", 1)],
        "organization": [],
    }


def test_line_of_offset_follows_the_wrapping() -> None:
    text = "Title\nmeta\n\n" + "word " * 40 + "\nsecond paragraph"
    assert line_of_offset(text, 0, 20) == 0
    assert line_of_offset(text, 6, 20) == 1
    assert line_of_offset(text, 12, 20) == 3
    assert line_of_offset(text, 12 + 25, 20) == 4
    assert line_of_offset(text, text.index("second"), 20) == 13


# Bindings


BINDING_OWNERS = [
    NewsReaderApp,
    MainScreen,
    ResultList,
    ArticleView,
    EntityList,
    HelpScreen,
    RelatedScreen,
    RelatedList,
    IndexingScreen,
    NoticeScreen,
]


@pytest.mark.parametrize("owner", BINDING_OWNERS, ids=lambda owner: owner.__name__)
def test_every_binding_has_an_id(owner: type) -> None:
    for binding in owner.BINDINGS:
        assert isinstance(binding, Binding) and binding.id, (owner.__name__, binding)


def test_binding_ids_are_unique() -> None:
    ids = [binding.id for owner in BINDING_OWNERS for binding in owner.BINDINGS]
    assert len(ids) == len(set(ids))


def test_issue_keys_are_bound() -> None:
    keys = {
        key.strip(): binding.action
        for owner in (NewsReaderApp, MainScreen)
        for binding in owner.BINDINGS
        for key in binding.key.split(",")
    }
    assert keys["slash"] == "focus_search"
    assert keys["n"] == "next_story" and keys["p"] == "previous_story"
    assert keys["e"] == "focus_entities"
    assert keys["left_square_bracket"] == "previous_mention"
    assert keys["right_square_bracket"] == "next_mention"
    assert keys["backspace"] == keys["alt+left"] == "back"
    assert keys["s"] == "toggle_sort" and keys["r"] == "related"
    assert keys["question_mark"] == "app.help"
    assert keys["q"] == keys["ctrl+q"] == "quit"
    assert keys["ctrl+p"] == "command_palette"
    result_keys = {binding.key: binding.action for binding in ResultList.BINDINGS}
    assert result_keys["j"] == "cursor_down" and result_keys["k"] == "cursor_up"
    assert result_keys["g"] == "first" and result_keys["G"] == "last"


def test_paragraphs_get_a_blank_line_and_spans_follow_them() -> None:
    body = "First paragraph.\nMarenvik second.\n\nAlready spaced Marenvik."
    mentions = (
        Mention("place", "Marenvik", 17, 25, "body"),
        Mention("place", "Marenvik", 50, 58, "body"),
    )
    rendered = article_text(
        _stored("T", body, mentions),
        body_hits=((26, 32),),
        selected=SelectedEntity("place", "Marenvik"),
    )
    plain = rendered.content.plain
    assert plain.endswith("First paragraph.\n\nMarenvik second.\n\nAlready spaced Marenvik.")
    assert [plain[s:e] for s, e in rendered.selected_mentions] == ["Marenvik", "Marenvik"]
    (hit,) = [s for s in rendered.content.spans if s.style == SEARCH_HIT]
    assert plain[hit.start : hit.end] == "second"


def test_an_update_asked_to_stop_ends_without_a_result_and_loses_nothing(
    archive_copy: Path, tmp_path: Path
) -> None:
    from index.api import pending_changes, update_index
    from reader.data.indexing import bring_index_up_to_date
    from reader.messages import IndexingStarted

    index_dir = tmp_path / "index"
    posted: list[object] = []
    bring_index_up_to_date(archive_copy, index_dir, None, posted.append, should_stop=lambda: True)
    assert [type(message) for message in posted] == [IndexingStarted]  # no report, no failure
    assert pending_changes(archive_copy, index_dir, None) > 0  # still to do, next time
    update_index(archive_copy, index_dir)
    assert pending_changes(archive_copy, index_dir, None) == 0


# The collector


def test_full_collections_wait_for_the_reader_to_be_idle(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    collections: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: collections.append(generation))
    monkeypatch.setattr(gc, "get_count", lambda: (0, 0, 99))  # a full pass is due
    app._last_input = time.monotonic()
    app.collect_when_idle()
    assert collections == []  # a key just came
    app._last_input = time.monotonic() - reader_app.IDLE_COLLECTION_SECONDS
    app.collect_when_idle()
    assert collections == [2]
    monkeypatch.setattr(gc, "get_count", lambda: (0, 0, 0))  # none due: nothing to do
    app.collect_when_idle()
    assert collections == [2]


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="reads Linux's /proc")
def test_memory_freed_while_typing_is_given_back_once_the_reader_is_idle(make_app) -> None:
    app = make_app()
    gc.collect()  # no full pass is due: what is given back is not the collector's doing
    first = np.ones(1_000_000)
    del first  # from now on the C allocator keeps blocks this large in its heap
    searched = np.ones(1_000_000)  # a search's array over every story, 8 MB
    kept = np.ones(30_000)  # allocated after it: the heap can't just be cut short
    del searched
    held = _private_kb()
    app._last_input = time.monotonic()
    app.collect_when_idle()
    assert _private_kb() > held - 4_000  # a key just came: nothing is done
    app._last_input = time.monotonic() - reader_app.IDLE_COLLECTION_SECONDS
    app.collect_when_idle()
    assert _private_kb() < held - 4_000
    assert len(kept) == 30_000


def _private_kb() -> int:
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("RssAnon")).split()[1])


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/wire/1", True),
        ("http://example.org/a?b=c", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("https://example.org/\x1b]8;;evil\x07", False),
    ],
)
def test_the_article_pane_shows_source_and_a_web_url_as_a_link(url: str, linked: bool) -> None:
    article = Article(
        "w.jsonl#1", "w.jsonl", "Cranes", "Body.", date(2024, 2, 10), "Ines", "Wire", url
    )
    rendered = article_text(StoredArticle(article, {}, ()))
    plain_text = rendered.content.plain
    assert "Wire" in plain_text.splitlines()[1]
    links = [span.style.link for span in rendered.content.spans if not isinstance(span.style, str)]
    if linked:
        assert url in plain_text.splitlines()[2]
        assert links == [url]
    else:
        assert links == [] and "\x1b" not in plain_text
        assert plain_text.splitlines()[2] == ""
