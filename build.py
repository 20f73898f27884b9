#!/usr/bin/env python3
"""studydeck: build an Anki deck and one-page cheat sheets from Markdown notes.

python build.py --source DIR --output DIR [--only deck|sheets] [--strict]   (--help: every option)
"""

from studydeck.build.cli import leave, main

if __name__ == "__main__":
    leave(main())
