"""Stages 1-2, the notes: find and read the files (read), other dialects rewritten to ours (dialects),
Markdown to the model (parse)."""
