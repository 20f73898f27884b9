"""Stage 6, the preview: what the build made (cards, sheets) on one offline page (page), cards rendered
as Anki renders them (anki)."""
