"""The progress bar: drawn in place, throttled, cleared at the end."""

from __future__ import annotations

import io

from citecheck.progress import ProgressBar, ProgressCounter


def test_draws_in_place_and_clears() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar(0, 4)
    for done in range(1, 4):
        bar(done, 4)  # within the redraw interval: skipped
    bar(4, 4)  # the last one is always drawn
    drawn = stream.getvalue()
    assert drawn.count("\r") == 2
    assert "4/4" in drawn and "[" + "#" * 30 + "]" in drawn
    bar.close()
    assert stream.getvalue().endswith("\r\033[K")


def test_nothing_to_clear_when_never_drawn() -> None:
    stream = io.StringIO()
    ProgressBar(stream).close()
    assert stream.getvalue() == ""


def test_a_counter_with_the_size_of_its_input_draws_the_share_read() -> None:
    stream = io.StringIO()
    counter = ProgressCounter(stream)
    counter(12, 250, 1000)
    drawn = stream.getvalue()
    assert drawn.startswith("\rarticles 12 [" + "#" * 7 + "-" * 23 + "] 25%")
    assert drawn.endswith("/s ")


def test_a_counter_without_a_size_counts_only() -> None:
    stream = io.StringIO()
    ProgressCounter(stream)(7)
    assert stream.getvalue().startswith("\rarticles 7  ")
