"""The reader's widgets: each tells its parent what happened with a message declared on it."""
