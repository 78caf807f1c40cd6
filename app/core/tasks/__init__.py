"""Clinical tasks: versioned prompts, the messages they build, and their runs."""
