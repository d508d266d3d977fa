"""Exploring the archive, in plain Python (no Textual): the timeline of a search, an entity's
page (its stories over time and the names seen with it) and the stories around one story. Each
is computed through the search interface (`index.api`) and read by the reader and the command
line alike."""
