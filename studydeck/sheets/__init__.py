"""Stage 5, the sheets: a domain of the model condensed to what fits on one page (condense), then
rendered to a one-page PDF (pdf)."""
