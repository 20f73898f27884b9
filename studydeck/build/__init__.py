"""The build: the stages in order (pipeline), what a rebuild can keep (cache), what it made (summary),
and the command line around it (cli)."""
