"""The modern gold set of named entities (benchmarks/gold/): its files, its offsets against the
articles in ../shared/corpora (when present), the annotation helper and the scorer."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # benchmarks/ is not installed: importable however pytest runs
    sys.path.insert(0, str(REPO_ROOT))

from articles.model import Article, Entities, Mention  # noqa: E402
from benchmarks.fold_taggers import left_out_of  # noqa: E402
from benchmarks.gold import (  # noqa: E402
    CORPORA,
    CORPORA_FOLDER,
    GOLD_FOLDER,
    GoldArticle,
    gold_path,
    load_gold_set,
    parse_gold,
    read_corpus_articles,
    read_gold_articles,
    span_problems,
)
from benchmarks.gold.annotate import main as annotate  # noqa: E402
from benchmarks.gold.annotate import whole_word_spans  # noqa: E402
from benchmarks.gold.cross_validate import main as cross_validate  # noqa: E402
from benchmarks.gold.near_copies import near_copies, word_runs  # noqa: E402
from benchmarks.gold.score import score, tune_errors  # noqa: E402
from benchmarks.train_entities import (  # noqa: E402
    LEARNT_BATCHES,
    O_OR_MISC,
    RIGHT_TAG_IDS,
    TAGS,
    UNANNOTATED,
    AveragedPerceptron,
    gold_document,
    gold_documents,
    learn,
)

needs_corpora = pytest.mark.skipif(
    not CORPORA_FOLDER.is_dir(), reason="../shared/corpora is not beside the repository"
)

READ_BEFORE_PICKED = {("wikinews", "wikinews-0257")}


def test_every_gold_file_is_well_formed_and_named_after_its_article():
    golds = load_gold_set()  # raises, naming the file, on any malformed one
    assert golds, "the gold set is in benchmarks/gold/modern/"
    names = sorted(path.name for path in GOLD_FOLDER.glob("*.json"))
    assert names == sorted(gold_path(gold.corpus, gold.id).name for gold in golds)
    for annotator, count in Counter(gold.annotator for gold in golds).items():
        mine = [gold for gold in golds if gold.annotator == annotator]
        held = sum(1 for gold in mine if gold.split == "held")
        # An article the lead had read before it was picked was made tune (GUIDELINES.md).
        read_before = sum(1 for gold in mine if (gold.corpus, gold.id) in READ_BEFORE_PICKED)
        assert count // 4 <= held + read_before, f"{annotator}: a quarter held back"
        assert held <= count // 4 + 1, f"{annotator}: a quarter held back"


@needs_corpora
def test_gold_offsets_fall_on_word_boundaries_of_the_articles_as_the_project_reads_them():
    golds = load_gold_set()
    for corpus in CORPORA:
        wanted = {gold.id for gold in golds if gold.corpus == corpus}
        articles = read_corpus_articles(corpus, wanted)
        assert set(articles) == wanted
        for gold in golds:
            if gold.corpus == corpus:
                assert span_problems(gold, articles[gold.id]) == [], gold.id


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[]", "expected exactly the keys"),
        (
            '{"corpus": "wikinews", "id": "x", "split": "later", "annotator": "a",'
            ' "title": [], "body": [], "notes": ""}',
            "split 'later' is not one of tune, held",
        ),
        (
            '{"corpus": "wikinews", "id": "x", "split": "tune", "annotator": "a",'
            ' "title": [], "body": [[0, 5, "PER"]], "notes": ""}',
            "is not [start, end, person|place|organization]",
        ),
        (
            '{"corpus": "wikinews", "id": "x", "split": "tune", "annotator": "a",'
            ' "title": [], "body": [[0, 5, "place"], [3, 8, "place"]], "notes": ""}',
            "span 3-8 overlaps or precedes the one before it",
        ),
    ],
)
def test_a_malformed_gold_file_is_refused_with_a_sentence(text, reason):
    with pytest.raises(ValueError, match=reason.replace("[", r"\[").replace("|", r"\|")):
        parse_gold(text)


def test_a_story_told_twice_nearly_word_for_word_is_a_near_copy_and_a_new_one_is_not():
    told = "Rail fares will rise by 4% in January, the operators said on Monday, blaming costs."
    stories = {
        ("bbc", "first"): Article("first", "first", "Fares", told),
        ("bbc", "again"): Article("again", "again", "Fares up", told.replace("Monday", "Tuesday")),
        ("bbc", "other"): Article("other", "other", "Ports", "Dockers at Rotterdam struck."),
    }
    assert len(word_runs(told)) == 11  # runs of five words
    assert near_copies(stories, [("bbc", "first")], stories) == {("bbc", "again")}


def test_a_fold_tagger_never_learns_its_fold_nor_a_near_copy_of_one_of_its_articles():
    told = "Rail fares will rise by 4% in January, the operators said on Monday, blaming costs."
    bodies = {
        "bbc-one": told,
        "bbc-two": "Dockers at Rotterdam struck for a second day over pay and hours.",
        "bbc-three": "The Baku marathon drew ten thousand runners despite the wind.",
        "bbc-four": told.replace("Monday", "Tuesday"),  # nearly copies bbc-one, in fold 2
    }
    learnt = [GoldArticle("bbc", name, "tune", "gold-a", (), ()) for name in bodies]
    articles = {("bbc", name): Article(name, name, "", body) for name, body in bodies.items()}

    golds, left_out = left_out_of(0, learnt, articles, folds=2)

    assert [gold.id for gold in golds] == ["bbc-one", "bbc-three"]
    assert left_out == ["bbc-four", "bbc-one", "bbc-three"]
    assert left_out_of(1, learnt, articles, folds=2)[1] == ["bbc-four", "bbc-one", "bbc-two"]


def test_a_gold_file_reads_back_as_it_was_written():
    gold = GoldArticle(
        "bbc", "bbc-tech-001", "held", "gold-b", ((0, 3, "organization"),), (), "Sky: the company"
    )
    assert parse_gold(gold.to_json()) == gold


def test_surfaces_mark_whole_words_and_a_longer_name_wins_over_its_parts():
    text = "Boris Johnson met Iranian envoys in the U.S. Johnson's aide left the U.S."
    spans = whole_word_spans(
        text,
        [("Johnson", "person"), ("Boris Johnson", "person"), ("Iran", "place"), ("U.S.", "place")],
    )
    assert [(text[start:end], kind) for start, end, kind in spans] == [
        ("Boris Johnson", "person"),
        ("U.S.", "place"),
        ("Johnson", "person"),
        ("U.S.", "place"),
    ]


@needs_corpora
def test_the_helper_writes_the_spans_then_fixes_one_by_hand(tmp_path, capsys):
    arguments = ["wikinews", "wikinews-0006", "--split", "tune", "--annotator", "test"]
    assert annotate([*arguments, "Barcelona=org", "Badalona=place"], tmp_path) == 0
    written = parse_gold((tmp_path / "wikinews-0006.json").read_text(encoding="utf-8"))
    assert written.body == ((54, 62, "place"), (109, 118, "organization"))
    assert "[Barcelona]org:109" in capsys.readouterr().out

    assert annotate(["wikinews", "wikinews-0006", "--add", "body:109:118:person"], tmp_path) == 0
    fixed = parse_gold((tmp_path / "wikinews-0006.json").read_text(encoding="utf-8"))
    assert fixed.body == ((54, 62, "place"), (109, 118, "person"))
    assert "extractor also: 'Barcelona' loc:109" in capsys.readouterr().out


class FixedExtractor:
    """Finds the same mentions in every article."""

    name = "fixed"

    def __init__(self, mentions: tuple[Mention, ...]) -> None:
        self.mentions = mentions

    def extract(self, title: str, body: str) -> Entities:
        return Entities(mentions=self.mentions)


def test_the_score_counts_exact_span_and_kind_matches_per_split_kind_and_field():
    article = Article("a", "a.jsonl", "Macron in Paris", "Paris said Macron met Merkel.")
    extractor = FixedExtractor(
        (
            Mention("place", "Paris", 9, 15, "title"),  # off by one
            Mention("organization", "Paris", 0, 5),  # right span, wrong kind
            Mention("person", "Macron", 11, 17),  # right
            Mention("person", "Macron met", 11, 21),  # wrong span
        )
    )
    title = ((0, 6, "person"), (10, 15, "place"))
    body = ((0, 5, "place"), (11, 17, "person"), (22, 28, "person"))
    golds = [
        GoldArticle("wikinews", "tuned", "tune", "test", title, body),
        GoldArticle("bbc", "kept", "held", "test", (), body),
    ]
    scores = score(extractor, golds, {("wikinews", "tuned"): article, ("bbc", "kept"): article})

    tune, held = scores["tune"], scores["held"]
    assert (tune.overall.true_positives, tune.overall.predicted, tune.overall.gold) == (1, 4, 5)
    assert (held.overall.true_positives, held.overall.predicted, held.overall.gold) == (1, 4, 3)
    person = tune.by_kind["person"]
    assert (person.true_positives, person.predicted, person.gold) == (1, 2, 3)
    assert tune.by_field["title"].gold == 2 and tune.by_field["title"].true_positives == 0
    assert held.by_corpus["bbc"].gold == 3 and held.by_corpus["wikinews"].gold == 0
    assert held.by_batch[2].gold == 3 and held.by_batch[1].gold == 0  # annotator "test"


def test_each_batchs_annotators_make_their_batch():
    first = GoldArticle("bbc", "bbc-tech-001", "tune", "gold-a", (), ())
    names = ("gold-c", "gold-j", "gold-k", "gold-r", "gold-s", "gold-z", "gold-5a", "gold-6h")
    names += ("gold-7-01", "gold-7-50", "gold-8-01", "gold-8-60", "gold-9-01", "gold-9-50")
    names += ("gold-10-01", "gold-10-37", "gold-11-01", "gold-11-27")
    later = [replace(first, annotator=name).batch for name in names]
    assert (first.batch, *later) == (1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11)


def test_the_error_listing_shows_the_tune_split_only_with_each_mention_text():
    article = Article("a", "a.jsonl", "Macron in Paris", "Paris said Macron met Merkel.")
    extractor = FixedExtractor(
        (Mention("organization", "Paris", 0, 5), Mention("person", "Macron", 11, 17))
    )
    body = ((0, 5, "place"), (11, 17, "person"), (22, 28, "person"))
    golds = [
        GoldArticle("wikinews", "tuned", "tune", "test", (), body),
        GoldArticle("bbc", "kept", "held", "test", (), ((0, 5, "place"),)),
    ]
    articles = {("wikinews", "tuned"): article, ("bbc", "kept"): article}

    assert tune_errors(extractor, golds, articles) == [
        "wikinews-tuned - place        body:0 Paris",
        "wikinews-tuned + organization body:0 Paris",
        "wikinews-tuned - person       body:22 Merkel",
    ]


def test_gold_articles_become_training_sentences_tagged_as_the_tagger_reads_them():
    title = "Boris Johnson in London-based talks"
    body = "Prime Minister Boris Johnson met the EU.\nThe U.S. agreed."
    article = Article("a", "a.jsonl", title, body)
    gold = GoldArticle(
        "bbc",
        "x",
        "tune",
        "test",
        ((0, 13, "person"), (17, 23, "place")),  # "London" inside "London-based"
        ((15, 28, "person"), (37, 39, "organization"), (45, 49, "place")),
    )
    sentences = [
        list(zip(sentence.words, sentence.tags, strict=True))
        for sentence in gold_document(gold, article).sentences
    ]
    # Outside the gold spans a word is O or MISC, capitalised or not (the set annotates every
    # person, place and organisation, and no roles, works or nationalities); a word a span
    # ends inside is anything.
    o, unannotated = O_OR_MISC, UNANNOTATED
    assert sentences == [
        [("Boris", "B-PER"), ("Johnson", "I-PER"), ("in", o), ("London-based", unannotated)]
        + [("talks", o)],
        [("Prime", o), ("Minister", o), ("Boris", "B-PER")]
        + [("Johnson", "I-PER"), ("met", o), ("the", o), ("EU", "B-ORG"), (".", o)],
        [("The", o), ("U.S.", "B-LOC"), ("agreed", o), (".", o)],
    ]


def test_a_gold_word_outside_the_spans_may_be_learnt_as_o_or_misc_but_nothing_else():
    model = AveragedPerceptron(len(TAGS))
    word = model.ids(["word=German"])
    outside, misc, person = TAGS.index("O"), TAGS.index("B-MISC"), TAGS.index("B-PER")
    model.update(word, misc, person)  # CoNLL taught it MISC
    assert learn(model, word, RIGHT_TAG_IDS[O_OR_MISC]) == misc
    assert model.scores(word)[misc] == 1  # a right guess: nothing learnt
    for _ in range(3):
        model.update(word, person, misc)
    assert learn(model, word, RIGHT_TAG_IDS[O_OR_MISC]) == person
    # Corrected towards the right tag it liked best: O (0) over MISC (-2).
    assert (model.scores(word)[outside], model.scores(word)[person]) == (1, 1)
    assert learn(model, word, RIGHT_TAG_IDS["O"]) == outside
    assert learn(model, word, RIGHT_TAG_IDS[UNANNOTATED]) == outside
    assert (model.scores(word)[outside], model.scores(word)[person]) == (1, 1)  # nothing learnt


@needs_corpora
def test_the_tagger_learns_from_tune_articles_only_and_leaves_out_those_asked_and_copies():
    golds = load_gold_set()
    tune = [gold for gold in golds if gold.split == "tune" and gold.batch in LEARNT_BATCHES]
    left_out = frozenset(gold_path(gold.corpus, gold.id).stem for gold in tune[::4])
    held = [gold for gold in golds if gold.split == "held"]
    articles = read_gold_articles(tune + held)
    copies = near_copies(
        articles,
        [(gold.corpus, gold.id) for gold in held],
        [(gold.corpus, gold.id) for gold in tune],
    )
    # The BBC corpus holds some stories twice: bbc-politics-110 (tune) and -367 (held).
    assert ("bbc", "bbc-politics-110") in copies
    documents = gold_documents(excluded=left_out)
    copies_kept = {key for key in copies if gold_path(*key).stem not in left_out}
    assert len(documents) == len(tune) - len(left_out) - len(copies_kept)
    first_kept = tune[1]
    article = read_corpus_articles(first_kept.corpus, {first_kept.id})[first_kept.id]
    assert documents[0] == gold_document(first_kept, article)


@needs_corpora
@pytest.mark.parametrize(
    ("arguments", "sentence"),
    [
        (["--repeats", "0"], "--repeats are numbers of times, 1 or more"),
        (["--folds", "1"], "--folds: from 2 to the"),
    ],
)
def test_cross_validation_refuses_a_choice_it_cannot_measure_in_a_sentence(
    arguments, sentence, capsys
):
    with pytest.raises(SystemExit) as exit:
        cross_validate(arguments)
    assert exit.value.code == 2
    assert sentence in capsys.readouterr().err
