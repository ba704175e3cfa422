"""The commands beside build and serve: `check` (and its external link checker), `init` and `new`
(the scaffold), `clean`.

They may import anything below them; nothing imports them but the command line.
"""
