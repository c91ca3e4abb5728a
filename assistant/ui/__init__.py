"""The Streamlit pages of the app (``app.py`` is the entry that ``streamlit run`` loads).

The only part of the package that imports Streamlit. ``session`` holds what every page shares
(language, navigation, the cached assistant), ``loading`` gets an index to serve (first build,
rebuilds with progress), and one module per page: ``chat``, ``search``, ``projects`` and
``index_page``. What the pages show is computed by the Streamlit-free modules of the package
(``markup``, ``links``, ``quotes``, ``status``, ``catalog``, ``charts``, ``export``, ``uploads``,
``admin``); pipeline objects come from the package's top level.
"""
