"""The shared session helpers of the pages (assistant.ui.session) that hold logic of their own:
the cache key of the settings and the page names of the menu."""

from __future__ import annotations

from pydantic import SecretStr

from assistant.settings import Settings
from assistant.ui.session import PAGES, page_labeller, settings_key


def test_settings_key_changes_with_any_setting_and_never_shows_a_secret() -> None:
    plain = Settings(embedder="fake")
    assert settings_key(plain) == settings_key(Settings(embedder="fake"))
    assert settings_key(plain) != settings_key(Settings(embedder="fake", top_k=7))
    keyed = Settings(embedder="fake", llm_api_key=SecretStr("sk-hemlig"))
    other = Settings(embedder="fake", llm_api_key=SecretStr("sk-annan"))
    url = Settings(embedder="fake", database_url=SecretStr("postgresql://u:lösen@h/db"))
    assert len({settings_key(s) for s in (plain, keyed, other, url)}) == 4
    for settings in (keyed, url):
        assert "hemlig" not in settings_key(settings) and "lösen" not in settings_key(settings)


def test_page_names_are_bound_to_one_language() -> None:
    swedish, english = page_labeller("sv"), page_labeller("en")
    assert swedish("chat") == ":material/chat: Fråga"
    assert english("chat") == ":material/chat: Ask"
    assert all(swedish(page) != english(page) for page in ("chat", "sok"))
    assert PAGES[0] == "chat"
