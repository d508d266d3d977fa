"""The main screen's side of entity corrections: `e` on a name of the sidebar, and the list of
corrections (`E`, or the palette).

A correction is written to the library in a thread worker; the open story is then shown again
with its names corrected (the sidebar and the article's highlights change at once), and the index
is brought up to date behind the stories: the stories that name a corrected name, and only those,
are indexed again (`index.build`), so searches, counts and name pages follow, with a note when
it is done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.suggester import SuggestFromList

from articles.entities.corrections import Correction
from articles.folding import fold_text
from index.api import IndexReport
from reader.library import LibraryError
from reader.messages import ArticleLoaded, CorrectionsChanged, CorrectionsListed, MergeNamesFound
from reader.rendering import SelectedEntity

if TYPE_CHECKING:
    from reader.screens.main import MainScreen

# The archive's names offered to complete the name merged into, per kind (as the palette).
MERGE_NAMES_PER_KIND = 500


class CorrectionActions:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        # A correction made while an update ran waits for it; then whether a note is due.
        self._update_wanted = False
        self._updating_for_correction = False

    def _need_library(self) -> bool:
        if self.screen.session.library is not None:
            return True
        self.screen.notify("Corrections need your library, and none is open.", severity="warning")
        return False

    # Making one

    def correct(self, entity: SelectedEntity) -> None:
        """Ask what the name is, then keep the answer."""
        from reader.screens.correction_dialogs import MERGE, CorrectEntityScreen, CorrectionChoice

        if not self._need_library():
            return

        def chosen(choice: CorrectionChoice | None) -> None:
            if choice == MERGE:
                self._find_merge_names(entity)
            elif isinstance(choice, Correction):
                self.save(choice)

        self.screen.app.push_screen(CorrectEntityScreen(entity), chosen)

    def _find_merge_names(self, entity: SelectedEntity) -> None:
        screen = self.screen
        session, post = screen.session, screen.post_message
        on_screen = screen.sidebar.known_names()

        def find() -> None:
            archive = session.entity_names(top=MERGE_NAMES_PER_KIND)
            names = on_screen + [
                SelectedEntity(kind, facet.name)
                for kind, facets in archive.items()
                for facet in facets
            ]
            others = [name for name in dict.fromkeys(names) if name.name != entity.name]
            post(MergeNamesFound(entity, others))

        screen.run_worker(find, thread=True, exit_on_error=False, group="correction-names")

    def merge_names_found(self, message: MergeNamesFound) -> None:
        from reader.screens.library_dialogs import TextPromptScreen

        entity = message.entity
        by_folded = {fold_text(each.name): each for each in reversed(message.names)}

        def merge(typed: str | None) -> None:
            name = " ".join((typed or "").split())
            if not name or name == entity.name:
                return
            into = by_folded.get(fold_text(name), SelectedEntity(entity.kind, name))
            self.save(Correction.merge(entity.name, entity.kind, into.name, into.kind))

        prompt = TextPromptScreen(
            "Merge the name",
            f"“{entity.name}” is the same as… (→ completes a name)",
            suggester=SuggestFromList([each.name for each in message.names], case_sensitive=False),
        )
        self.screen.app.push_screen(prompt, merge)

    def save(self, correction: Correction) -> None:
        session, post = self.screen.session, self.screen.post_message

        def write() -> None:
            try:
                session.in_library_order(
                    lambda library: library.correct_entity(correction)
                ).result()
            except LibraryError as error:
                post(CorrectionsChanged(f"{error}.".capitalize(), failed=True))
                return
            post(CorrectionsChanged(f"{correction.name}: {correction.describe()}."))

        self.screen.run_worker(write, thread=True, exit_on_error=False, group="correction-write")

    # The list

    def list_corrections(self) -> None:
        if not self._need_library():
            return
        session, post = self.screen.session, self.screen.post_message

        def read() -> None:
            saved = session.in_library_order(lambda library: library.entity_corrections()).result()
            post(CorrectionsListed(saved))

        self.screen.run_worker(read, thread=True, exit_on_error=False, group="corrections")

    def corrections_listed(self, message: CorrectionsListed) -> None:
        from reader.screens.correction_dialogs import CorrectionsScreen

        if not message.saved:
            self.screen.notify(
                "No corrections yet: e on a name in the sidebar corrects it.", timeout=5
            )
            return
        self.screen.app.push_screen(CorrectionsScreen(message.saved), self._remove)

    def _remove(self, correction: Correction | None) -> None:
        if correction is None:
            return
        name, kind = correction.name, correction.kind
        session, post = self.screen.session, self.screen.post_message

        def write() -> None:
            try:
                session.in_library_order(
                    lambda library: library.remove_corrections(name, kind)
                ).result()
            except LibraryError as error:
                post(CorrectionsChanged(f"{error}.".capitalize(), failed=True))
                return
            post(CorrectionsChanged(f"Removed the correction of {name}."))
            left = session.in_library_order(lambda library: library.entity_corrections()).result()
            if left:
                post(CorrectionsListed(left))

        self.screen.run_worker(write, thread=True, exit_on_error=False, group="correction-write")

    # What follows a change

    def changed(self, message: CorrectionsChanged) -> None:
        screen = self.screen
        if message.failed:
            screen.notify(message.sentence, severity="warning", markup=False)
            return
        screen.notify(
            f"{message.sentence} Indexing again the stories that name it…",
            title="Entity corrections",
            markup=False,
        )
        self._show_story_again()
        self._updating_for_correction = True
        if screen.updating:
            self._update_wanted = True
        else:
            screen.update_index_behind()

    def _show_story_again(self) -> None:
        """The open story with its names as corrected, where the reader is in it."""
        screen = self.screen
        stored = screen.article_view.stored
        if stored is None:
            return
        article_id, query = stored.article.id, screen.search_state.shown_query
        session, post = screen.session, screen.post_message

        def load() -> None:
            corrected = session.article(article_id)
            title_hits, body_hits = screen.term_spans(corrected, query)
            post(
                ArticleLoaded(
                    corrected, query, title_hits, body_hits, keep_position=True, names_changed=True
                )
            )

        screen.run_worker(load, thread=True, exit_on_error=False, group="correction-story")

    def update_ended(self, report: IndexReport | None) -> None:
        """An update behind the stories ended (`report` None: failed, or nothing to do)."""
        screen = self.screen
        if self._update_wanted:
            self._update_wanted = False
            screen.update_index_behind()
            return
        if self._updating_for_correction:
            self._updating_for_correction = False
            # As indexed now: a removed correction's names come back only from the index.
            self._show_story_again()
            if report is not None:
                stories = report.indexed + report.updated
                noun = "story" if stories == 1 else "stories"
                screen.notify(
                    f"{stories:,} {noun} indexed again: searches and counts follow your "
                    "corrections.",
                    title="Entity corrections",
                )
