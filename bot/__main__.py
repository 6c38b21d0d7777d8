"""``python -m bot``: the same as the ``crosscheck`` command."""

from .cli import main

main()
