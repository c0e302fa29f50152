"""``loopcoach speech``: transcribe a spoken answer offline and coach its delivery."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console

from loopcoach.cli.common import JsonOption, read_bytes_arg, run_command
from loopcoach.services.context import AppContext

app = typer.Typer(help="Spoken answers: transcribe offline, pace, fillers, pauses.", no_args_is_help=True)
AudioArg = Annotated[str, typer.Argument(help="ANSWER.wav (or .mp3, .m4a, .webm, .ogg, .flac), or - for stdin.")]
KindOption = Annotated[str, typer.Option("--kind", help="pitch, story, theory or answer: sets the time budget.")]


def render_delivery(console: Console, d: dict[str, Any]) -> None:
    """Print the transcript and the delivery figures."""
    from loopcoach.areas.speech.delivery import clock as _clock

    console.print(f"[bold]Transcript[/bold] ({d['model']}): {d['transcript']}", markup=True)
    fits = "[green]within[/green]" if d["within_target"] else "[red]over[/red]"
    console.print(f"{d['words']} words in {_clock(d['speaking_s'])} ({fits} the {_clock(d['target_s'])} budget), "
                  f"{d['wpm']:.0f} words per minute")
    console.print(f"Fillers: {len(d['fillers'])} ({d['fillers_per_min']:.1f} a minute)"
                  + (": " + ", ".join(f"{f['text']} at {_clock(f['start_s'])}" for f in d["fillers"][:12])
                     if d["fillers"] else ""))
    console.print(f"Hedges: {len(d['hedges'])} ({d['hedges_per_min']:.1f} a minute)")
    console.print(f"Pauses of 1 s or more: {len(d['pauses'])}"
                  + (": " + ", ".join(f"{p['seconds']:.1f} s at {_clock(p['start_s'])}" for p in d["pauses"][:12])
                     if d["pauses"] else ""))
    for line in d["feedback"]:
        console.print(f" - {line}", markup=False)


def _read_audio(path: str) -> tuple[bytes, str]:
    from loopcoach.services.speech import MAX_AUDIO_BYTES

    return read_bytes_arg(path, MAX_AUDIO_BYTES)


@app.command("transcribe")
def transcribe(path: AudioArg, kind: KindOption = "answer", json_output: JsonOption = False) -> None:
    """Transcript with word times, words per minute, fillers, hedges, pauses and time against the budget."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.speech import transcribe as run

        data, name = _read_audio(path)
        return run(ctx, data, name, kind), render_delivery

    run_command(work, json_output)


@app.command("check")
def check(path: AudioArg, kind: KindOption = "answer",
          question: Annotated[str | None, typer.Option("--question", help="The theory question's id.")] = None,
          keep_audio: Annotated[bool, typer.Option("--keep-audio", help="Keep the recording in the history too "
                                                   "(the transcript and figures are always kept).")] = False,
          json_output: JsonOption = False) -> None:
    """The delivery, then the kind's own analysis of the transcript (pitch, STAR story or theory grade)."""

    def render(console: Console, r: dict[str, Any]) -> None:
        from loopcoach.areas.speech.delivery import clock as _clock

        render_delivery(console, r["delivery"])
        if r.get("star"):
            parts = ", ".join(f"{c} {_clock(sec)}" for c, sec in r["star"]["seconds"].items() if sec or c != "other")
            console.print(f"Time per STAR part: {parts}", markup=False)
            for line in r["star"]["feedback"]:
                console.print(f" - {line}", markup=False)
        if r["analysis"] is not None:
            console.print(f"[bold]{r['kind'].capitalize()} score: {r['analysis']['score']}/100[/bold]")
            for line in r["analysis"].get("feedback", []):
                console.print(f" - {line}", markup=False)

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.speech import check as run

        data, name = _read_audio(path)
        return run(ctx, data, name, kind, question, keep_audio), render

    run_command(work, json_output)


@app.command("history")
def history(json_output: JsonOption = False) -> None:
    """Spoken answers kept in the history: when, kind, time, pace, fillers, and whether the audio was kept."""

    def render(console: Console, r: dict[str, Any]) -> None:
        rows = r["answers"]
        if not rows:
            console.print("No spoken answers yet: run 'loopcoach speech check ANSWER.wav'.", markup=False)
        for r in rows:
            audio = f"audio kept ({r['audio_name']})" if r["has_audio"] else "no audio"
            console.print(f"#{r['id']} {r['created_at'][:16]} {r['kind']}: {r['duration_s']:.0f} s, "
                          f"{r['wpm']:.0f} wpm, {r['fillers_per_min']} fillers/min, {audio}: "
                          f"{r['transcript'][:70]}", markup=False)

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.speech import history as run

        return {"answers": run(ctx)}, render

    run_command(work, json_output)


@app.command("delete")
def delete(spoken_id: Annotated[int, typer.Argument(help="The spoken answer's number (see speech history).")],
           audio_only: Annotated[bool, typer.Option("--audio-only", help="Delete only the recording; keep the "
                                                    "transcript and figures.")] = False,
           json_output: JsonOption = False) -> None:
    """Delete a spoken answer from the history, or only its recording."""

    def render(console: Console, r: dict[str, Any]) -> None:
        what = "its recording was deleted; the transcript and figures stay" if r["deleted"] == "audio" \
            else "deleted from the history"
        console.print(f"Spoken answer {r['id']}: {what}.", markup=False)

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.speech import delete as run

        return run(ctx, spoken_id, audio_only), render

    run_command(work, json_output)


def check_spoken_pitch(ctx: AppContext, audio: str, path: str | None) -> dict[str, Any]:
    """``pitch check --audio``: the pitch contract's object on the transcript, plus ``delivery``."""
    from loopcoach.errors import BadInputError
    from loopcoach.services.speech import check as run

    if path is not None:
        raise BadInputError("Give either PITCH.txt or --audio PITCH.wav, not both.")
    data, name = _read_audio(audio)
    r = run(ctx, data, name, "pitch")
    return {**r["analysis"], "transcript": r["transcript"], "delivery": r["delivery"]}
