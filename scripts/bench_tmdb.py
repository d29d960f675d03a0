"""translate-toolkit's tmdb on the same TMX and queries as `cargo bench --bench memory`.

Usage: python bench_tmdb.py TMX QUERIES DB [N_QUERIES]; prints one JSON object.
Run through scripts/bench-tmdb.sh, which makes a throwaway virtualenv with
translate-toolkit 3.18.1 (the last release with translate.storage.tmdb) and Levenshtein.

tmdb's stock query joins `sources` and `targets` before consulting the full-text index and
takes seconds per lookup; like the issue's measurement, this script uses the same query with
the full-text table first (CROSS JOIN fixes SQLite's join order), everything else unchanged.
"""

import json
import math
import os
import resource
import sys
import time

from translate.__version__ import sver
from translate.storage import tmdb, tmx


def fixed_translate_unit(self, unit_source, source_langs, target_langs):
    minlen = tmdb.min_levenshtein_length(len(unit_source), self.min_similarity)
    maxlen = tmdb.max_levenshtein_length(len(unit_source), self.min_similarity, self.max_length)
    unit_words = tmdb.STRIP_REGEXP.sub(" ", unit_source).split()
    unit_words = [w for w in unit_words if len(w) > 2]
    if self.fulltext and len(unit_words) > 3:
        query = """SELECT s.text, t.text, s.context, s.lang, t.lang FROM fulltext f
                   CROSS JOIN sources s ON s.sid = f.docid CROSS JOIN targets t ON s.sid = t.sid
                   WHERE fulltext MATCH ? AND s.lang IN (?) AND t.lang IN (?) AND s.length BETWEEN ? AND ?"""
        self.cursor.execute(query, (" OR ".join(unit_words), source_langs, target_langs, minlen, maxlen))
    else:
        query = """SELECT s.text, t.text, s.context, s.lang, t.lang FROM sources s JOIN targets t ON s.sid = t.sid
                   WHERE s.lang IN (?) AND t.lang IN (?) AND s.length >= ? AND s.length <= ?"""
        self.cursor.execute(query, (source_langs, target_langs, minlen, maxlen))
    results = []
    for row in self.cursor:
        quality = self.comparer.similarity(unit_source, row[0], self.min_similarity)
        if quality >= self.min_similarity:
            results.append({"source": row[0], "target": row[1], "quality": quality})
    results.sort(key=lambda r: r["quality"], reverse=True)
    return results[: self.max_candidates]


def main():
    tmx_path, queries_path, db_path = sys.argv[1:4]
    limit = int(sys.argv[4]) if len(sys.argv) > 4 else 500
    if os.path.exists(db_path):
        os.remove(db_path)
    started = time.perf_counter()
    with open(tmx_path, "rb") as f:
        store = tmx.tmxfile(f, "ru", "en")
    db = tmdb.TMDB(db_path, max_candidates=5, min_similarity=75)
    db.add_store(store, "ru", "en")
    import_s = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    del store
    with open(queries_path, encoding="utf-8") as f:
        queries = [line.rstrip("\n") for line in f if line.strip()][:limit]
    latencies = []
    for query in queries:
        t = time.perf_counter()
        fixed_translate_unit(db, query, "ru", "en")
        latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, round(p / 100 * (len(latencies) - 1)))] if latencies else math.nan

    print(json.dumps({
        "version": sver,
        "import_s": import_s,
        "peak_rss_mb": peak_mb,
        "queries": len(latencies),
        "p50_ms": pct(50),
        "p95_ms": pct(95),
    }))


if __name__ == "__main__":
    main()
