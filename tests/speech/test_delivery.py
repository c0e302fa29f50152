"""Delivery analysis on timed words and voiced spans (the recogniser's output, written by hand here)."""

from __future__ import annotations

from loopcoach.areas.speech.delivery import (
    Word,
    analyse_delivery,
    find_fillers,
    find_hedges,
    find_pauses,
    unheard_fillers,
)


def words(text: str, start: float = 0.0, step: float = 0.4) -> list[Word]:
    """One word every ``step`` seconds, each lasting 0.3 s."""
    return [Word(t, round(start + i * step, 2), round(start + i * step + 0.3, 2)) for i, t in enumerate(text.split())]


def test_um_and_uh_always_count_like_and_you_know_only_when_set_off() -> None:
    ws = words("So, um, I built it. Uh, it was, like, slow, you know? I would like to add that I like Rust.")
    found = [m.text for m in find_fillers(ws)]
    assert found == ["um", "uh", "like", "you know"]


def test_you_know_inside_a_sentence_is_not_a_filler() -> None:
    assert find_fillers(words("Do you know the answer to that question")) == []


def test_hedges_are_found_longest_first() -> None:
    ws = words("I think it maybe helped and I feel like it was sort of faster")
    assert [m.text for m in find_hedges(ws)] == ["i think", "maybe", "i feel like", "sort of"]


def test_pauses_are_the_silences_between_voiced_spans() -> None:
    spans = [(0.2, 3.0), (3.4, 6.0), (7.5, 9.0), (12.6, 14.0)]
    pauses = find_pauses(spans)
    assert [(p.start_s, p.end_s) for p in pauses] == [(6.0, 7.5), (9.0, 12.6)]


def test_a_short_voiced_sound_without_a_word_is_an_unheard_filler() -> None:
    ws = words("we shipped it", start=0.0) + words("on time", start=3.0)
    spans = [(0.0, 1.1), (1.8, 2.3), (3.0, 3.7)]
    marks = unheard_fillers(ws, spans)
    assert [(m.start_s, m.heard) for m in marks] == [(1.8, False)]


def test_an_unheard_sound_next_to_a_written_filler_is_not_counted_twice() -> None:
    ws = [Word("So,", 0.0, 0.3), Word("um,", 0.9, 1.2), Word("we", 2.0, 2.2), Word("won.", 2.3, 2.6)]
    d = analyse_delivery(ws, [(0.0, 0.4), (0.8, 1.25), (2.0, 2.6)], 3.0)
    assert [f.text for f in d.fillers] == ["um"]


def test_pace_budget_and_feedback_for_a_long_fast_pitch() -> None:
    ws = words(" ".join(["word"] * 500), step=0.3)  # 500 words in 150 s: 200 wpm, over two minutes
    d = analyse_delivery(ws, [(0.0, 150.0)], 151.0, kind="pitch")
    assert d.words == 500 and d.speaking_s == 150.0 and d.wpm == 200.0
    assert not d.within_target and d.target_s == 120.0
    assert any("over the 2:00 budget" in f for f in d.feedback)
    assert any("fast" in f for f in d.feedback)
    assert len(d.timeline) == 11 and d.timeline[0]["wpm"] == 200.0


def test_fillers_per_minute_and_long_pauses_in_feedback() -> None:
    ws = words("um we uh built um it uh", step=0.5) + words("and it worked", start=8.0)
    d = analyse_delivery(ws, [(0.0, 3.5), (8.0, 9.3)], 10.0, kind="story")
    assert len(d.fillers) == 4 and d.words == 6
    assert d.long_pauses == 1 and d.pauses[0].seconds == 4.5
    text = " ".join(d.feedback)
    assert "4 filler sounds" in text and "long pause" in text
    out = d.to_dict()
    assert out["pauses"] == [{"start_s": 3.5, "end_s": 8.0, "seconds": 4.5}]


def test_star_timing_puts_each_sentence_on_its_words_times() -> None:
    from loopcoach.areas.speech.delivery import star_timing

    # situation 0-2.4 s, a 3 s pause, action 5.4-8.1 s, result 8.5-10.1 s (one word every 0.4 s)
    ws = words("Checkout was slow. Our model took long.") + words("I cached the features myself.", 5.4) \
        + words("Latency fell by half.", 8.5)
    transcript = analyse_delivery(ws, [], 10.1).transcript
    cut = [transcript.index(t) for t in ("Checkout", "I cached", "Latency")] + [len(transcript)]
    sentences = [{"label": lab, "start": a, "end": b}
                 for lab, a, b in zip(("situation", "action", "result"), cut, cut[1:], strict=False)]
    star = star_timing(ws, sentences)
    assert [s["label"] for s in star["segments"]] == ["situation", "action", "result"]
    assert [s["words"] for s in star["segments"]] == [7, 5, 4]
    # A sentence runs until the next one starts, so the pause after the situation counts as set-up time.
    assert star["seconds"] == {"situation": 5.4, "task": 0.0, "action": 3.1, "result": 1.5, "other": 0.0}
    assert star["shares"]["situation"] == 0.54
    assert any("situation and the task" in line for line in star["feedback"])
    assert any("result took 2 s" in line for line in star["feedback"])


def test_star_timing_with_no_result_says_so() -> None:
    from loopcoach.areas.speech.delivery import star_timing

    ws = words("I rebuilt the pipeline and tested it.")
    star = star_timing(ws, [{"label": "action", "start": 0, "end": 100}])
    assert star["seconds"]["action"] == 2.7 and star["seconds"]["result"] == 0
    assert any("no result part" in line for line in star["feedback"])
