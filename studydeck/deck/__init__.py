"""Stage 4, the deck: cards to an Anki package (apkg), with stable note identities (identity), the notes'
images as Anki media (media) and card fields cleaned by an allowlist (sanitize)."""
