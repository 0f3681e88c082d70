#!/usr/bin/env python3
"""Writes the `<!-- bench:arm64 -->` section of a results file for bench/arm64 (read that script first).

    arm64-section.py RESULTS STEPS WORKDIR PUBLISH_SECONDS QEMU_VERSION

STEPS is bench/arm64's tab-separated log, one line per run:
    section  x64|arm64  exit-code  seconds  load-before  load-after
WORKDIR holds each run's own results file (`<section>.<arch>.md`, the section the benchmark program wrote) and its
console output (`<section>.<arch>.log`). Only the arm64 section of RESULTS is replaced (or appended); every other
byte of the file stays as it was.

Each emulated section is printed as the benchmark wrote it (its headings two levels down), with every number that
differs from the x64 run of the same section in the same bench/arm64 run followed by "(x64: N)": the x64 figure is
context, never a comparison of speed.
"""
import difflib
import re
import sys
from pathlib import Path

# A date and time as one token; numbers with thousands separators; plain numbers with an optional fraction.
NUMBER = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")

# Sections of EdgeAgent.Bench that bench/arm64 does not run, and why (bench/README.md, "arm64 under emulation").
NOT_RUN = {
    "startup": "starts the agent as its own process with `dotnet EdgeAgent.dll`: from the emulated bench that launches the "
               "x64 host, so it would time the x64 agent; an emulated agent takes 30 s to several minutes to get ready "
               "(deploy-arm64/README.md), and the quick form launches it six times",
    "console-live": "drives Debian's x64 Chromium through Playwright's Node driver; the figure is the browser's and the "
                    "driver's, and an arm64 publish carries an arm64 Node that would be emulated too",
    "drain": "a separate program (CloudBridge.Bench) with the x64 Mosquitto bridge beside it; not published for arm64 "
             "by bench/arm64 (not attempted)",
    "central": "a separate program (CentralLoad) on a three-node x64 nats-server cluster; central does not run on a "
               "gateway, so an arm64 figure says nothing about the device (not attempted)",
}


def section_body(path: Path, name: str) -> str | None:
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    begin, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    start, stop = text.find(begin), text.find(end)
    if start < 0 or stop < start:
        return None
    return text[start + len(begin):stop].strip("\n")


def skeleton(line: str) -> str:
    return NUMBER.sub("#", line)


def annotate(emulated: str, x64: str) -> str:
    """The emulated line with each number that differs from the x64 line's number at the same place annotated."""
    theirs = NUMBER.findall(x64)
    out, last, i = [], 0, 0
    for match in NUMBER.finditer(emulated):
        out.append(emulated[last:match.end()])
        other = theirs[i] if i < len(theirs) else None
        if other is not None and other != match.group(0):
            out.append(f" (x64: {other})")
        last, i = match.end(), i + 1
    out.append(emulated[last:])
    return "".join(out)


def merge(emulated: str, x64: str | None) -> str:
    lines = emulated.splitlines()
    if x64 is None:
        return "\n".join(demote(line) for line in lines)
    theirs = x64.splitlines()
    out = []
    matcher = difflib.SequenceMatcher(a=[skeleton(l) for l in lines], b=[skeleton(l) for l in theirs], autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and a1 - a0 == b1 - b0):
            for k in range(a1 - a0):
                mine, other = lines[a0 + k], theirs[b0 + k]
                # Same shape, or a table row / line with as many numbers: annotate number by number.
                same = op == "equal" or len(NUMBER.findall(mine)) == len(NUMBER.findall(other))
                out.append(demote(annotate(mine, other) if same else mine))
        else:
            out.extend(demote(line) for line in lines[a0:a1])
    return "\n".join(out)


def demote(line: str) -> str:
    return "##" + line if line.startswith("#") else line


def tail(path: Path, n: int = 25) -> str:
    if not path.exists():
        return "(no output)"
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])


def main() -> int:
    results, steps_file, work, publish_seconds, qemu = sys.argv[1:6]
    work_dir = Path(work)
    runs: dict[str, dict[str, list[str]]] = {}
    order: list[str] = []
    for raw in Path(steps_file).read_text(encoding="utf-8").splitlines():
        name, arch, code, seconds, before, after = raw.split("\t")
        if name not in runs:
            runs[name] = {}
            order.append(name)
        runs[name][arch] = [code, seconds, before, after]

    def status(run: list[str] | None) -> str:
        if run is None:
            return "not run"
        return "completed" if run[0] == "0" else f"**failed** (exit {run[0]})"

    lines = [
        f"**Emulated: the arm64 figures below come from the linux-arm64 build run under qemu-user ({qemu}) on this x86_64 "
        "machine. They are a functional check that each section runs on the arm64 build, not a speed figure.**",
        "",
        "## arm64 under emulation (`bench/arm64`): the quick sections on the linux-arm64 build",
        "",
        "Each section's quick form ran twice in this run, one right after the other: natively on x64 (`dotnet run`, "
        "as `bench/run --quick` runs it) and on the self-contained linux-arm64 publish of `bench/EdgeAgent.Bench` under "
        "`DOTNET_EnableWriteXorExecute=0 qemu-aarch64 -L /` (Debian's arm64 multiarch libraries; W^X off under "
        "qemu-user only, deploy-arm64/README.md says why). Emulation translates every arm64 instruction in software "
        "(the JIT itself is emulated too), so the arm64 figures say nothing about a gateway's speed; the x64 figure "
        "follows each emulated number that differs, as \"(x64: N)\", only as context. Ratios within one emulated "
        "section (e.g. store/raw) mix emulated CPU work with real fsyncs and are not gateway ratios either.",
        "",
        f"Publish (`dotnet publish bench/EdgeAgent.Bench -c Release -r linux-arm64 --self-contained`): {publish_seconds}.",
        "",
        "| section | arm64 under qemu | emulated duration | load before → after | x64 (same run) | x64 duration | load before → after |",
        "|---|---|---:|---|---|---:|---|",
    ]
    for name in order:
        arm, x64 = runs[name].get("arm64"), runs[name].get("x64")
        lines.append(
            f"| {name} | {status(arm)} | {arm[1] + ' s' if arm else '—'} | {arm[2] + ' → ' + arm[3] if arm else '—'} "
            f"| {status(x64)} | {x64[1] + ' s' if x64 else '—'} | {x64[2] + ' → ' + x64[3] if x64 else '—'} |")
    for name, why in NOT_RUN.items():
        if name not in runs:
            lines.append(f"| {name} | not run: {why} | — | — | — | — | — |")
    lines.append("")
    lines.append("Load averages are the 1-, 5- and 15-minute figures of /proc/loadavg on this 2-core machine.")

    for name in order:
        arm = runs[name].get("arm64")
        emulated = section_body(work_dir / f"{name}.arm64.md", name)
        x64 = section_body(work_dir / f"{name}.x64.md", name)
        lines += ["", f"### {name} (arm64, emulated: {status(arm)})", ""]
        if arm is not None and arm[0] == "0" and emulated is not None:
            lines.append(merge(emulated, x64))
        else:
            lines += ["The emulated run did not complete; the end of its output:", "", "```", tail(work_dir / f"{name}.arm64.log"), "```"]

    body = "\n".join(lines).rstrip() + "\n"
    begin, end = "<!-- bench:arm64 -->", "<!-- /bench:arm64 -->"
    path = Path(results)
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    start, stop = text.find(begin), text.find(end)
    section = f"{begin}\n{body}{end}"
    if start >= 0 and stop > start:
        text = text[:start] + section + text[stop + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
