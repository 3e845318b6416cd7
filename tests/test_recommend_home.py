"""Suggestions through the home (the function the app, the agent and `portrait recommend` share)."""

from __future__ import annotations

from typer.testing import CliRunner

from retrieval.home import open_home
from retrieval.recommend.base import HISTORY, POPULAR


def test_home_recommend_fits_saves_and_explains(built_settings) -> None:
    with open_home(built_settings) as home:
        user = "U0001"
        picks = home.recommend(user, k=5)
        assert home.recommender_path.exists()
        events = home.log.events_by_user([user])[user]
        own = {e.event_id for e in events}
        bought = {e.item_id for e in events if e.type.value == "purchase"}
        assert len(picks) == 5 and {p.path for p in picks} == {HISTORY}
        assert not bought & {p.item_id for p in picks}
        for pick in picks:
            assert pick.reasons
            for reason in pick.reasons:
                assert all(e in own or e in home.recommender.fitted.user_index for e in reason.evidence)
    with open_home(built_settings) as reopened:  # loads the saved model instead of refitting
        assert [p.item_id for p in reopened.recommend(user, k=5)] == [p.item_id for p in picks]


def test_recommend_command_prints_reasons(built_settings) -> None:
    from ui.cli import app

    result = CliRunner().invoke(app, ["--home", str(built_settings.home), "recommend", "U0002", "-k", "3"])
    assert result.exit_code == 0, result.output
    assert "Suggestions for U0002" in result.output and "why" in result.output


def test_new_customer_gets_the_popular_path(built_settings) -> None:
    from retrieval.recommend.data import UserContext

    with open_home(built_settings) as home:
        picks = home.recommender.recommend_context(UserContext("nobody-yet"), k=3)
    assert picks and all(p.path == POPULAR for p in picks)
