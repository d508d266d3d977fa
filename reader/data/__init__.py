"""Plain data and services the screens use; nothing here imports Textual."""
