"""``luoshi`` subcommands of the web app, registered under the ``luoshi.commands`` entry point group.

Same shape as ``luoshi/commands/``: ``HELP``, ``add_arguments(parser)``, ``run(args) -> int``. Django is
imported only in ``run``, so ``luoshi --help`` stays fast and works without a database.
"""
