"""Runs tm, pySBD and razdel side by side on the same texts: accuracy and speed in one run.

Called by scripts/compare-segmenters.sh inside a throwaway virtualenv that has pysbd and razdel.
Usage: compare_segmenters.py TM_BINARY REPO_DIR [NTREX_DIR]
"""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from ntrex_lines import lines as ntrex_lines, squash  # noqa: E402

import pysbd  # noqa: E402
import razdel  # noqa: E402


def read_cases(path):
    """Cases in the tests/segment/*.txt format: (text, expected sentences)."""
    cases = []
    for line in open(path, encoding="utf-8").read().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, expected, rest = "", [], line
        while True:
            found = [(rest.find(sep), sep, join) for sep, join in ((" ‖ ", " "), (" ¶ ", "\n"), ("‖", "")) if sep in rest]
            if not found:
                text += rest
                expected.append(rest)
                break
            at, sep, join = min(found)
            text += rest[:at] + join
            expected.append(rest[:at])
            rest = rest[at + len(sep):]
        invisible = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
        cases.append((text, [s.strip().strip(invisible).strip() for s in expected]))
    return cases


def run_tm(binary, lang, texts):
    payload = "\n".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in enumerate(texts)) + "\n"
    start = time.perf_counter()
    out = subprocess.run([binary, "segment", "--format", "jsonl", "--lang", lang], input=payload.encode(),
                         capture_output=True, check=True).stdout.decode()
    elapsed = time.perf_counter() - start
    return [json.loads(line) for line in out.splitlines()], elapsed


def lines_of(text):
    # Every tool gets the same policy: a line break is a hard boundary.
    return [line for line in text.split("\n") if line.strip()]


def run_pysbd(lang, texts):
    seg = pysbd.Segmenter(language=lang, clean=False)
    start = time.perf_counter()
    result = [[s.strip() for line in lines_of(t) for s in seg.segment(line) if s.strip()] for t in texts]
    return result, time.perf_counter() - start


def run_razdel(lang, texts):
    start = time.perf_counter()
    result = [[s.text for line in lines_of(t) for s in razdel.sentenize(line)] for t in texts]
    return result, time.perf_counter() - start


def boundaries(sentences):
    marks, at = set(), 0
    for s in sentences[:-1]:
        at += len(squash(s))
        marks.add(at)
    return marks


def score(predicted, gold):
    exact = sum(p == g for p, g in zip(predicted, gold))
    tp = fp = fn = 0
    for p, g in zip(predicted, gold):
        pb, gb = boundaries(p), boundaries(g)
        tp += len(pb & gb)
        fp += len(pb - gb)
        fn += len(gb - pb)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return exact, precision, recall


def report(title, lang, texts, gold, binary):
    print(f"\n## {title} ({len(texts)} texts, {sum(len(t) for t in texts):,} characters)")
    print("| segmenter | exact | boundary precision | boundary recall | seconds |")
    print("| --- | --- | --- | --- | --- |")
    for name, runner in (("tm", lambda: run_tm(binary, lang, texts)),
                         ("pySBD " + pysbd.__version__ if hasattr(pysbd, "__version__") else "pySBD", lambda: run_pysbd(lang, texts)),
                         ("razdel", lambda: run_razdel(lang, texts))):
        predicted, seconds = runner()
        exact, p, r = score(predicted, gold)
        print(f"| {name} | {exact}/{len(texts)} ({100 * exact / len(texts):.1f} %) | {100 * p:.2f} % | {100 * r:.2f} % | {seconds:.3f} |")


def speed(binary, lang, text, repeat):
    big = "\n".join([text] * repeat)
    chars = len(big)
    print(f"\n## Speed, {lang}: {chars:,} characters, one process or call each")
    print("| segmenter | seconds | M chars/s | tm speed-up |")
    print("| --- | --- | --- | --- |")
    _, tm_s = run_tm(binary, lang, [big])
    rows = [("tm (whole process, incl. start-up and JSON)", tm_s)]
    _, razdel_s = run_razdel(lang, [big])
    rows.append(("razdel", razdel_s))
    small = "\n".join([text] * max(1, repeat // 10))
    _, pysbd_s = run_pysbd(lang, [small])
    rows.append(("pySBD (on a tenth of the text, scaled)", pysbd_s * len(big) / max(1, len(small))))
    for name, seconds in rows:
        print(f"| {name} | {seconds:.3f} | {chars / seconds / 1e6:.2f} | {seconds / tm_s:.1f}x |")


def main():
    binary, repo = sys.argv[1], sys.argv[2]
    data = sys.argv[3] if len(sys.argv) > 3 else None
    for lang in ("ru", "en"):
        cases = read_cases(os.path.join(repo, "tests", "segment", f"{lang}.txt"))
        report(f"tm's own cases, {lang}", lang, [t for t, _ in cases], [g for _, g in cases], binary)
    if data and os.path.isdir(data):
        for lang in ("ru", "en"):
            items = list(ntrex_lines(data, lang))
            report(f"NTREX-128 lines vs their reference split, {lang} (the reference has errors)", lang,
                   [i[2] for i in items], [i[3] for i in items], binary)
            speed(binary, lang, "\n".join(i[2] for i in items), 10)
    else:
        print("\n(NTREX-128 data not found: skipped)")


if __name__ == "__main__":
    main()
