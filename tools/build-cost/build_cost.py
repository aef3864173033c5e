#!/usr/bin/env python3
"""The build-cost benchmark of issue 15: a 200-method project built with LoopGen against the same project without.

Run it through tools/build-cost.sh (see tools/README.md). A benchmark, never a test: it prints figures and asserts
nothing about them; it fails only when a build fails or a report cannot be read.
"""
import argparse
import datetime
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = ["dotnet", "build", "-c", "Release", "--no-restore", "--no-dependencies", "-nologo", "-v:minimal"]
EDIT_MARK = "// build-cost-edit"


def log(msg: str) -> None:
    print(f"[build-cost {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def loadavg() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


CHILD: list[subprocess.Popen] = []  # the build running now, stopped by id if this script is stopped


def run(cmd: list[str], cwd: str) -> str:
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    CHILD.append(p)
    try:
        stdout, _ = p.communicate()
    finally:
        CHILD.remove(p)
    if p.returncode != 0:
        print(stdout[-6000:], file=sys.stderr)
        raise SystemExit(f"build-cost: `{' '.join(cmd)}` failed in {cwd} (exit {p.returncode})")
    return stdout


def dll(project: str) -> str:
    return os.path.join(project, "obj", "Release", "net10.0", "Bench.dll")


def clean(project: str) -> None:
    """The project's own outputs only; obj/*.json (the restore) stays, so the timed build does not restore."""
    shutil.rmtree(os.path.join(project, "bin"), ignore_errors=True)
    shutil.rmtree(os.path.join(project, "obj", "Release"), ignore_errors=True)


LAST_CPU = [0.0]  # CPU seconds (user + system) of the processes the last timed build waited for


def pack(repo: str, tmp: str, ready_to_run: bool) -> str:
    """Packs the repository into tmp/feed and writes tmp/nuget.config (LoopGen from that feed only, everything else
    from this machine's sources and package folder); gen_project.py gives the projects a private package folder.
    Returns the package's version."""
    feed = os.path.join(tmp, "feed")
    log("untimed: dotnet pack of the repository into a local feed")
    run(["dotnet", "pack", "-c", "Release", "-nologo", "-v:minimal", "-o", feed]
        + (["-p:LoopGenReadyToRun=true"] if ready_to_run else []), repo)
    packages = [f for f in os.listdir(feed) if re.fullmatch(r"LoopGen\.[0-9].*\.nupkg", f)]
    if len(packages) != 1:
        raise SystemExit(f"build-cost: expected one LoopGen package in {feed}, found {packages}")
    version = packages[0][len("LoopGen."):-len(".nupkg")]
    sources = re.findall(r"^\s*E\s+(\S.*)$", run(["dotnet", "nuget", "list", "source", "--format", "short"], tmp), re.M)
    cache = re.search(r"global-packages:\s*(\S.*)$", run(["dotnet", "nuget", "locals", "global-packages", "--list"], tmp), re.M)
    if cache and os.path.isdir(cache.group(1).strip()):
        sources.append(cache.group(1).strip())
    adds = "".join(f'    <add key="machine-{i}" value="{s.strip()}" />\n' for i, s in enumerate(sources))
    maps = "".join(f'    <packageSource key="machine-{i}"><package pattern="*" /></packageSource>\n' for i in range(len(sources)))
    with open(os.path.join(tmp, "nuget.config"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    <clear />\n'
                f'    <add key="loopgen-local" value="{feed}" />\n{adds}  </packageSources>\n  <packageSourceMapping>\n'
                '    <packageSource key="loopgen-local"><package pattern="LoopGen" /></packageSource>\n'
                f'{maps}  </packageSourceMapping>\n</configuration>\n')
    return version


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed_build(project: str, extra: list[str] | None = None) -> tuple[float, str]:
    before = os.path.getmtime(dll(project)) if os.path.exists(dll(project)) else None
    cpu0 = children_cpu()
    t0 = time.perf_counter()
    out = run(BUILD + (extra or []), project)
    elapsed = time.perf_counter() - t0
    # The build's processes once they exited: dotnet, MSBuild's in-process node and a csc it started and waited for;
    # not a compiler server or a reused MSBuild node, which outlive the build.
    LAST_CPU[0] = children_cpu() - cpu0
    after = os.path.getmtime(dll(project)) if os.path.exists(dll(project)) else None
    if after is None or after == before:
        raise SystemExit(f"build-cost: the build in {project} did not compile (Bench.dll not rewritten)")
    return elapsed, out


PERF_ROW = re.compile(r"^\s*([0-9]+) ms\s+(\S+)\s+[0-9]+ calls\s*$")


def perf_summary(out: str) -> dict[str, float]:
    """Seconds per task and target from -clp:PerformanceSummary: 'task:Csc' (the compiler: the csc process, or the
    compiler server's work for this build, with its generators and analyzers), 'target:CoreCompile'."""
    figures: dict[str, float] = {}
    section = None
    for line in out.splitlines():
        if line.strip().startswith("Target Performance Summary"):
            section = "target"
        elif line.strip().startswith("Task Performance Summary"):
            section = "task"
        elif line.strip().endswith("Performance Summary:"):
            section = None
        elif section:
            m = PERF_ROW.match(line)
            if m:
                figures[f"{section}:{m.group(2)}"] = figures.get(f"{section}:{m.group(2)}", 0.0) + int(m.group(1)) / 1000.0
    if "task:Csc" not in figures:
        raise SystemExit("build-cost: no Csc row in the build's -clp:PerformanceSummary (did the build compile?)")
    return figures


def edit(project: str, value: int) -> None:
    """Changes the literal on the marked line of the one edited method."""
    for name in sorted(os.listdir(project)):
        if not name.endswith(".cs"):
            continue
        path = os.path.join(project, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if EDIT_MARK not in text:
            continue
        new, n = re.subn(r"\+ i \+ [0-9]+\.0f; " + re.escape(EDIT_MARK), f"+ i + {value}.0f; {EDIT_MARK}", text)
        if n != 1:
            raise SystemExit(f"build-cost: the edit mark in {path} has an unexpected form")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(new)
        return
    raise SystemExit(f"build-cost: no '{EDIT_MARK}' line in {project}")


SECTION = re.compile(r"Total (analyzer|generator) execution time: ([0-9.]+) seconds\.")
ROW = re.compile(r"^\s*(<?[0-9.]+)\s+(<?[0-9]+)\s+(\S.*?)\s*$")


def report(out: str) -> dict[str, float]:
    """Seconds from -p:ReportAnalyzer=true -v:detailed: 'analyzers', 'generators' (totals) and each assembly row
    ('LoopGen.Generator', which holds the analyzers too, ...), assembly rows being the ones with ', Version='."""
    figures: dict[str, float] = {}
    kind = None
    for line in out.splitlines():
        m = SECTION.search(line)
        if m:
            kind = m.group(1)
            figures[kind + "s"] = figures.get(kind + "s", 0.0) + float(m.group(2))
            continue
        if kind is None:
            continue
        r = ROW.match(line)
        if r and ", Version=" in r.group(3):
            name = r.group(3).split(",")[0].strip()
            secs = 0.0 if r.group(1).startswith("<") else float(r.group(1))
            figures[f"{kind}:{name}"] = figures.get(f"{kind}:{name}", 0.0) + secs
    if "analyzers" not in figures:
        raise SystemExit("build-cost: no 'Total analyzer execution time' in the ReportAnalyzer build's output")
    return figures


def loopgen_analyzer(figures: dict[str, float]) -> float:
    """Seconds of LoopGen's analyzers: in the generator's assembly today (its row in the analyzer section), in
    LoopGen.Analyzers on older trees. The sum reads both."""
    return figures.get("analyzer:LoopGen.Analyzers", 0.0) + figures.get("analyzer:LoopGen.Generator", 0.0)


def stop(signum, _frame):
    for p in list(CHILD):
        p.terminate()
    sys.exit(128 + signum)


def compiler_servers() -> set[int]:
    """Ids of the VBCSCompiler processes running now (read from /proc)."""
    pids = set()
    for d in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if d.isdigit():
            try:
                with open(f"/proc/{d}/cmdline", "rb") as f:
                    if b"VBCSCompiler" in f.read():
                        pids.add(int(d))
            except OSError:
                pass
    return pids


def mm(xs: list[float]) -> tuple[float, float]:
    return min(xs), statistics.median(xs)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--repo", default=os.path.abspath(os.path.join(HERE, "..", "..")))
    p.add_argument("--methods", type=int, default=200)
    p.add_argument("--rounds", type=int, default=5, help="timed rounds (at least 3)")
    p.add_argument("--markdown", help="write the results as a markdown section to this file")
    p.add_argument("--keep", action="store_true", help="keep the temp folder (its path is printed)")
    p.add_argument("--shared-compilation", action="store_true",
                   help="build with the compiler server (-p:UseSharedCompilation=true), as an IDE-less dev loop does by "
                        "default; without it the environment decides (UseSharedCompilation=false runs csc afresh each build)")
    p.add_argument("--compiler-time", action="store_true",
                   help="time the compiler inside each timed build too: the Csc task's time from -clp:PerformanceSummary "
                        "(the part of the build's wall time the compiler takes) and the CPU seconds of the build's processes "
                        "(dotnet, MSBuild, and csc when it runs afresh; a compiler server's CPU is not seen)")
    p.add_argument("--package", action="store_true",
                   help="reference the packed LoopGen package (dotnet pack of the repo into a local feed, restored into a "
                        "private package folder), as a user's project does, instead of LoopGen's projects; the plain "
                        "variant references the same package with its analyzers and build files excluded (the runtime only)")
    p.add_argument("--ready-to-run", action="store_true",
                   help="build LoopGen's generator ReadyToRun-compiled (-p:LoopGenReadyToRun=true, generator/LoopGen.Generator/ReadyToRun.targets)")
    a = p.parse_args()
    if a.rounds < 3:
        raise SystemExit("build-cost: --rounds must be at least 3")

    if a.shared_compilation:
        BUILD.append("-p:UseSharedCompilation=true")
    # A SIGTERM or SIGHUP (a closed terminal, a timeout) still runs the cleanup below.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, stop)
    servers_before = compiler_servers()
    tmp = tempfile.mkdtemp(prefix="loopgen-buildcost-")
    try:
        return bench(a, tmp)
    finally:
        if a.shared_compilation:
            # The compiler server these builds started (new since the start): stopped by id, others left alone.
            for pid in sorted(compiler_servers() - servers_before):
                try:
                    os.kill(pid, 15)
                    log(f"stopped the compiler server this run started (pid {pid})")
                except OSError:
                    pass
        if a.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def bench(a, tmp: str) -> int:
    repo = os.path.abspath(a.repo)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "generator", "analyzers", "runtime"], cwd=repo,
                           capture_output=True, text=True).stdout.strip()
    sdk = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    started = datetime.datetime.now(datetime.timezone.utc)
    load_start = loadavg()
    shared = os.environ.get("UseSharedCompilation", "(unset: true)")
    compiler = ("the compiler server (-p:UseSharedCompilation=true): csc stays loaded and warm between builds"
                if a.shared_compilation else
                f"UseSharedCompilation={shared} from the environment"
                + (": every build starts a new csc process, so the generator's and analyzers' JIT is paid in each build, as in CI"
                   if shared.lower() == "false" else ""))
    log(f"compiler: {compiler}; MSBUILDDISABLENODEREUSE={os.environ.get('MSBUILDDISABLENODEREUSE', '(unset)')}")
    log(f"repo {repo} at {commit}{' (uncommitted changes in generator/analyzers/runtime)' if dirty else ''}; "
        f".NET SDK {sdk}; {os.cpu_count()} cores; load average {load_start}")
    version = pack(repo, tmp, a.ready_to_run) if a.package else None
    subprocess.run([sys.executable, os.path.join(HERE, "gen_project.py"), tmp, repo, "--methods", str(a.methods)]
                   + (["--package", version] if version else []), check=True)
    w, wo = os.path.join(tmp, "with"), os.path.join(tmp, "without")

    # Untimed: restore, build the runtime, generator and analyzers (Release) once, and a first build of each
    # project so the compiler server, MSBuild nodes and the analyzers' JIT are warm for every timed build alike.
    log("untimed: restore + build of LoopGen's projects and a first build of each variant")
    r2r = ["-p:LoopGenReadyToRun=true"] if a.ready_to_run else []
    if a.package:
        r2r = []  # the package was packed with it (pack above)
    run(["dotnet", "build", "-c", "Release", "-nologo", "-v:minimal"] + r2r + BUILD[8:], w)
    run(["dotnet", "build", "-c", "Release", "-nologo", "-v:minimal"] + BUILD[8:], wo)
    for proj in (w, wo):
        clean(proj)
        timed_build(proj)

    clean_t = {"with": [], "without": []}
    edit_t = {"with": [], "without": []}
    # With --compiler-time: per variant, the Csc task's seconds and the build's CPU seconds, clean and edit.
    csc_t = {(k, v): [] for k in ("clean", "edit") for v in ("with", "without")}
    cpu_t = {(k, v): [] for k in ("clean", "edit") for v in ("with", "without")}
    perf = ["-clp:PerformanceSummary"] if a.compiler_time else []
    loads = []
    for r in range(a.rounds):
        order = [("with", w), ("without", wo)] if r % 2 == 0 else [("without", wo), ("with", w)]
        for name, proj in order:
            clean(proj)
            t, out = timed_build(proj, perf)
            clean_t[name].append(t)
            if a.compiler_time:
                csc_t[("clean", name)].append(perf_summary(out)["task:Csc"])
                cpu_t[("clean", name)].append(LAST_CPU[0])
            edit(proj, r + 2)
            e, out = timed_build(proj, perf)
            edit_t[name].append(e)
            if a.compiler_time:
                csc_t[("edit", name)].append(perf_summary(out)["task:Csc"])
                cpu_t[("edit", name)].append(LAST_CPU[0])
        loads.append(loadavg())
        log(f"round {r + 1}/{a.rounds}: clean with {clean_t['with'][-1]:.1f} s, without {clean_t['without'][-1]:.1f} s; "
            f"edit with {edit_t['with'][-1]:.1f} s, without {edit_t['without'][-1]:.1f} s; load {loads[-1]}")

    # The compiler's own account of analyzer and generator time, one clean build per round and variant.
    reports = {"with": [], "without": []}
    for r in range(a.rounds):
        order = [("with", w), ("without", wo)] if r % 2 == 0 else [("without", wo), ("with", w)]
        for name, proj in order:
            clean(proj)
            _, out = timed_build(proj, ["-p:ReportAnalyzer=true", "-v:detailed"])
            reports[name].append(report(out))
        rw = reports["with"][-1]
        log(f"ReportAnalyzer round {r + 1}/{a.rounds}: LoopGen analyzer {loopgen_analyzer(rw):.2f} s, "
            f"generator {rw.get('generator:LoopGen.Generator', 0):.2f} s; all analyzers with {rw['analyzers']:.2f} s, "
            f"without {reports['without'][-1]['analyzers']:.2f} s; load {loadavg()}")

    n = a.methods
    ana = [loopgen_analyzer(x) * 1000 / n for x in reports["with"]]
    gen = [x.get("generator:LoopGen.Generator", 0.0) * 1000 / n for x in reports["with"]]
    if not any(ana):
        log("warning: no LoopGen analyzer row in the report (is the analyzer referenced?)")
    all_w = [x["analyzers"] for x in reports["with"]]
    all_wo = [x["analyzers"] for x in reports["without"]]
    gen_w = [x.get("generators", 0.0) for x in reports["with"]]
    gen_wo = [x.get("generators", 0.0) for x in reports["without"]]
    load_end = loadavg()
    size_w, size_wo = os.path.getsize(dll(w)) // 1024, os.path.getsize(dll(wo)) // 1024

    def ratio_row(label, wt, wot, target):
        (wmin, wmed), (omin, omed) = mm(wt), mm(wot)
        paired = statistics.median([x / y for x, y in zip(wt, wot)])
        ok = "met" if paired <= target else "**not met**"
        return (f"| {label} | {omin:.1f} / {omed:.1f} | {wmin:.1f} / {wmed:.1f} | {wmin / omin:.2f}× | {wmed / omed:.2f}× "
                f"| {paired:.2f}× | ≤ {target}× | {ok} |")

    def share_row(kind, label, xs, totals):
        """A figure of the timed builds beside their wall time: min / median for each variant, the ratio of medians,
        and the median share of the build's wall time."""
        w, wo = xs[(kind, "with")], xs[(kind, "without")]
        share = lambda v: statistics.median([x / y for x, y in zip(xs[(kind, v)], totals[v])]) * 100
        return (f"| {label}, {kind} build | {min(wo):.1f} / {statistics.median(wo):.1f} | {min(w):.1f} / {statistics.median(w):.1f} "
                f"| {statistics.median(w) / statistics.median(wo):.2f}× | {share('without'):.0f} % | {share('with'):.0f} % |")

    compiler_lines = []
    if a.compiler_time:
        compiler_lines = [
            "| inside the timed builds (`-clp:PerformanceSummary`, process CPU) | without LoopGen, s (min / median) "
            "| with LoopGen, s (min / median) | ratio of medians | share of the build's wall time, without | with |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for kind, totals in (("clean", clean_t), ("edit", edit_t)):
            compiler_lines.append(share_row(kind, "Csc task (the compiler, generators and analyzers)", csc_t, totals))
            compiler_lines.append(share_row(kind, "CPU of the build's processes (dotnet, MSBuild, csc)", cpu_t, totals))
        compiler_lines += [
            "",
            "The Csc task is the compiler's part of the wall time (with a fresh csc per build: starting it, JIT, parse, "
            "generators, binding, analyzers, emit); the rest of a build is MSBuild (evaluation, up-to-date checks, copies). "
            "CPU counts every core, so it can exceed the wall time; it is the figure a loaded machine disturbs least. "
            "A compiler server's CPU is not counted (it outlives the build).",
            "",
        ]

    amin, amed = mm(ana)
    gmin, gmed = mm(gen)
    lines = [
        f"## Build cost ({n} [Compile] methods)",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} UTC on commit `{commit}`{' (with uncommitted changes)' if dirty else ''}, "
        f".NET SDK {sdk}, {os.cpu_count()} cores; {a.rounds} rounds, interleaved (with, without; then without, with; …). "
        f"Compiler: {compiler}. Generator: {'ReadyToRun-compiled (--ready-to-run)' if a.ready_to_run else 'IL, JIT-compiled'}. Timed command: `{' '.join(BUILD + perf)}` after deleting the project's bin/ and obj/Release/ "
        + ("(the restore in obj/ stays). LoopGen comes from its packed package (`--package`: `dotnet pack` of the repo "
           "into a local feed, restored into a private package folder), as in a user's project; the plain variant references "
           "the same package without its analyzers and build files (the runtime library only). "
           if a.package else
           "(the restore in obj/ stays; LoopGen's own projects are built beforehand, untimed). ") +
        f"Bench.dll: {size_w} KB with LoopGen (the generated twins and interceptors), {size_wo} KB without. "
        f"Load average (1/5/15 min) {load_start} at the start, {load_end} at the end; after each round: {'; '.join(loads)}.",
        "",
        "| build | without LoopGen, s (min / median) | with LoopGen, s (min / median) | ratio of mins | ratio of medians "
        "| median of per-round ratios | target | |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
        ratio_row("clean build", clean_t["with"], clean_t["without"], 1.3),
        ratio_row("edit one method body", edit_t["with"], edit_t["without"], 1.2),
        "",
        *compiler_lines,
        "| compiler's report (`-p:ReportAnalyzer=true`, clean build) | min | median | target | |",
        "|---|---:|---:|---:|---|",
        f"| LoopGen analyzer, ms per method | {amin:.1f} | {amed:.1f} | ≤ 5 | {'met' if amed <= 5 else '**not met**'} |",
        f"| LoopGen generator, ms per method | {gmin:.1f} | {gmed:.1f} | | |",
        f"| all analyzers with LoopGen, s | {min(all_w):.2f} | {statistics.median(all_w):.2f} | | |",
        f"| all analyzers without LoopGen (the SDK's), s | {min(all_wo):.2f} | {statistics.median(all_wo):.2f} | | |",
        f"| all generators with LoopGen, s | {min(gen_w):.2f} | {statistics.median(gen_w):.2f} | | |",
        f"| all generators without LoopGen (the SDK's), s | {min(gen_wo):.2f} | {statistics.median(gen_wo):.2f} | | |",
        "",
        "Every round, s: clean with " + ", ".join(f"{x:.1f}" for x in clean_t["with"])
        + "; clean without " + ", ".join(f"{x:.1f}" for x in clean_t["without"])
        + "; edit with " + ", ".join(f"{x:.1f}" for x in edit_t["with"])
        + "; edit without " + ", ".join(f"{x:.1f}" for x in edit_t["without"])
        + ". LoopGen analyzer, ms per method: " + ", ".join(f"{x:.1f}" for x in ana)
        + "; generator: " + ", ".join(f"{x:.1f}" for x in gen) + ".",
        "",
    ]
    text = "\n".join(lines)
    print()
    print(text)
    if a.markdown:
        with open(a.markdown, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        log(f"wrote {a.markdown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
