"""helpers.figures.draw: a figure drawn once per key; a hit writes the miss's bytes, catalogue and
inline image and warns its warnings; any change in what the figure depends on is a miss."""

from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import helpers.figures as figures
from helpers import cache
from helpers.cache import CacheWarning
from helpers.figures import FigureWarning, draw, figure
from helpers.plots import plot_shares

SHARES = pd.DataFrame({"group": ["a", "b"], "share": [0.2, 0.7], "low": [0.1, 0.5],
                       "high": [0.3, 0.9], "n_first": [1, 5], "n_second": [4, 2],
                       "articles": [3, 4]})  # fmt: skip
FILES = ["demo.pdf", "demo.svg", "demo.png", "catalogue.json", "README.md"]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def folder(empty_cache) -> Path:
    """A fresh, empty cache folder for this test only (conftest's ``empty_cache``)."""
    return empty_cache


@pytest.fixture
def shown(monkeypatch) -> list:
    import IPython.display

    displayed: list = []
    monkeypatch.setattr(figures, "_inline", lambda: True)
    monkeypatch.setattr(IPython.display, "display", lambda data, raw: displayed.append(data))
    return displayed


@pytest.fixture
def drawn(monkeypatch) -> list:
    """The figures really drawn (a hit draws none)."""
    calls: list = []
    build = figures._draw_and_save
    monkeypatch.setattr(figures, "_draw_and_save", lambda *a: calls.append(a[0]) or build(*a))
    return calls


def entries(folder: Path) -> list[Path]:
    return sorted((folder / "figures").glob("*.pkl"))


def demo(where: Path, **change) -> None:
    kwargs = {"names": ("NATO", "CSTO"), "caption": "Shares.", "height_mm": 40} | change
    table = kwargs.pop("table", SHARES)
    draw("demo", where, kwargs.pop("plot", plot_shares), table, **kwargs)


def test_a_hit_writes_the_miss_files_and_shows_its_image(folder, shown, drawn, tmp_path):
    for run in ("miss", "hit", "other folder"):
        demo(tmp_path / ("other" if run == "other folder" else "out"))
    assert len(drawn) == 1 and len(entries(folder)) == 1
    with figure("demo", tmp_path / "by_hand", caption="Shares.", height_mm=40) as (fig, ax):
        plot_shares(SHARES, names=("NATO", "CSTO"), ax=ax)
    assert len(shown) == 4 and shown[0] == shown[1] == shown[2] == shown[3]
    for name in FILES:
        expected = (tmp_path / "by_hand" / name).read_bytes()
        assert (tmp_path / "out" / name).read_bytes() == expected, name
        assert (tmp_path / "other" / name).read_bytes() == expected, name


def test_a_hit_writes_into_a_catalogue_with_other_figures(folder, shown, tmp_path):
    demo(tmp_path / "a")
    draw("other", tmp_path / "a", plot_shares, SHARES, names=("X", "Y"), height_mm=40)
    draw("other", tmp_path / "b", plot_shares, SHARES, names=("X", "Y"), height_mm=40)
    demo(tmp_path / "b")  # a hit, written beside the other figure
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.parametrize("change", [
    {"table": SHARES.assign(share=[0.2, 0.71])}, {"table": SHARES.astype({"n_first": "int32"})},
    {"names": ("NATO", "SCO")}, {"caption": "Other."}, {"height_mm": 41}, {"width": "double"},
    {"ncols": 1}, {"sharey": True},
])  # fmt: skip
def test_any_change_of_the_call_is_a_miss(folder, shown, drawn, tmp_path, change):
    demo(tmp_path)
    demo(tmp_path, **change)
    assert len(drawn) == 2 and len(entries(folder)) == 2


@pytest.mark.parametrize("change", ["plot function", "helpers code", "libraries", "numeric path",
                                    "shown inline"])  # fmt: skip
def test_a_change_of_code_or_environment_is_a_miss(folder, shown, drawn, tmp_path, monkeypatch,
                                                   change):  # fmt: skip
    demo(tmp_path)
    if change == "plot function":
        from helpers.plots_language import plot_actor_shares_by_language as other

        table = pd.DataFrame({"actor": ["NATO"], "language": ["en"], "share": [0.5],
                              "low": [0.4], "high": [0.6], "n": [3], "n_articles": [2]})  # fmt: skip
        monkeypatch.setattr(figures, "_cacheable_plot", lambda plot: True)
        draw("demo", tmp_path, other, table, caption="Shares.", height_mm=40)
    else:
        if change == "helpers code":
            monkeypatch.setattr(cache, "code_digest", lambda: "other code")
            monkeypatch.setattr(cache, "_CODE_AT_IMPORT", "other code")
        elif change == "libraries":
            monkeypatch.setattr(cache, "environment_digest", lambda: "matplotlib 99")
        elif change == "numeric path":
            monkeypatch.setenv("OPENBLAS_CORETYPE", "SomeOtherCore")
            monkeypatch.setattr(cache, "environment_digest", cache.environment_digest.__wrapped__)
        elif change == "shown inline":
            monkeypatch.setattr(figures, "_inline", lambda: False)
        demo(tmp_path)
    assert len(drawn) == 2 and len(entries(folder)) == 2


def test_the_plot_function_code_is_in_the_key(folder, shown, drawn, tmp_path, monkeypatch):
    # Two functions of one name whose code differs: a plot function's code is part of its key
    # (helpers' code through code_digest, any other module's through its file).
    module = tmp_path / "myplots.py"
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(figures, "_cacheable_plot", lambda plot: True)
    for colour in ["red", "blue", "blue"]:
        module.write_text(
            f"def bars(values, *, ax):\n    ax.bar([0, 1], values, color={colour!r})\n"
        )
        namespace: dict = {}
        exec(compile(module.read_text(), str(module), "exec"), namespace)
        namespace["bars"].__module__ = "myplots"
        draw("demo", tmp_path / "out", namespace["bars"], [1, 2], height_mm=40)
    assert len(drawn) == 2 and len(entries(folder)) == 2


def test_warnings_replay_at_the_callers_line(folder, shown, drawn, tmp_path, monkeypatch):
    def plot(values, *, ax):
        warnings.warn("drawn with care", UserWarning, stacklevel=1)
        ax.plot(values)

    monkeypatch.setattr(figures, "_cacheable_plot", lambda plot: True)
    seen = []
    for _ in range(2):  # the miss, then the hit
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("default")
            draw("tall", tmp_path, plot, [1, 2], height_mm=400)
        seen.append([(w.category, str(w.message), w.filename, w.lineno) for w in caught])
    assert len(drawn) == 1
    assert seen[0] == seen[1]
    (mine, page) = seen[0]
    assert mine[:3] == (UserWarning, "drawn with care", __file__)
    assert page[0] is FigureWarning and "more than a page" in page[1] and page[2] == __file__
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("ignore")
        draw("tall", tmp_path, plot, [1, 2], height_mm=400)
    assert caught == []  # the caller's filters decide


def test_a_figure_warning_is_raised_where_draw_is_called(folder, shown, tmp_path):
    for _ in range(2):
        with pytest.warns(FigureWarning, match="more than a page") as caught:
            draw("tall", tmp_path, plot_shares, SHARES, names=("a", "b"), height_mm=400)
        assert caught[0].filename == __file__


def test_off_draws_every_time_and_stores_nothing(folder, shown, drawn, tmp_path, monkeypatch):
    monkeypatch.setenv("MULTIVECTOR_CACHE", "off")
    demo(tmp_path / "a")
    demo(tmp_path / "b")
    assert len(drawn) == 2 and not folder.exists()
    assert shown[0] == shown[1]
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_a_function_outside_the_helpers_is_drawn_every_time(folder, shown, drawn, tmp_path):
    def plot(values, *, ax):
        ax.plot(values)

    for _ in range(2):
        draw("mine", tmp_path, plot, [1, 2], height_mm=40)
    assert len(drawn) == 2 and not folder.exists()


def test_an_interactive_backend_draws_every_time(folder, drawn, tmp_path, monkeypatch):
    monkeypatch.setattr(figures, "_inline", lambda: False)
    monkeypatch.setattr(figures, "_non_interactive", lambda: False)  # a window to show
    monkeypatch.setattr(plt, "show", lambda: None)
    demo(tmp_path)
    demo(tmp_path)
    assert len(drawn) == 2 and not folder.exists()


def test_a_corrupt_entry_warns_and_is_drawn_again(folder, shown, drawn, tmp_path):
    demo(tmp_path / "a")
    (entry,) = entries(folder)
    for junk in (entry.read_bytes()[:500], b""):
        entry.write_bytes(junk)
        with pytest.warns(CacheWarning, match="could not be read") as caught:
            demo(tmp_path / "b")
        assert caught[0].filename == __file__  # where draw was called
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        demo(tmp_path / "c")  # rewritten: a clean hit
    assert len(drawn) == 3 and shown[0] == shown[-1]
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "c" / name).read_bytes()


def test_a_hit_refuses_foreign_files_as_a_miss_does(folder, shown, tmp_path):
    demo(tmp_path / "a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "demo.png").write_bytes(b"someone else's")
    with pytest.raises(FileExistsError, match="does not list"):
        demo(tmp_path / "b")
    assert (tmp_path / "b" / "demo.png").read_bytes() == b"someone else's"


def test_a_failing_plot_saves_and_stores_nothing(folder, shown, tmp_path, monkeypatch):
    def plot(values, *, ax):
        warnings.warn("before failing", UserWarning, stacklevel=1)
        raise ZeroDivisionError("inside the plot")

    monkeypatch.setattr(figures, "_cacheable_plot", lambda plot: True)
    with pytest.warns(UserWarning, match="before failing"), pytest.raises(ZeroDivisionError):
        draw("broken", tmp_path, plot, [1])
    assert not list(tmp_path.glob("broken.*")) and not entries(folder)
    assert plt.get_fignums() == [] and shown == []


def test_the_axes_are_passed_as_the_plot_function_names_them(folder, tmp_path, monkeypatch):
    got = []
    monkeypatch.setattr(figures, "_cacheable_plot", lambda plot: False)
    monkeypatch.setattr(matplotlib.pyplot, "show", lambda: None)

    def one(*, ax):
        got.append(("ax", ax))

    def panels(*, axes):
        got.append(("axes", len(axes)))

    draw("one", tmp_path, one, height_mm=40)
    draw("panels", tmp_path, panels, width="double", height_mm=40, ncols=2)
    assert got[0][0] == "ax" and got[1] == ("axes", 2)


def test_draw_returns_nothing_so_a_cell_shows_only_the_figure(folder, shown, tmp_path):
    assert demo(tmp_path) is None
    assert draw("demo", tmp_path, plot_shares, SHARES, names=("NATO", "CSTO"),
                caption="Shares.", height_mm=40) is None  # fmt: skip
