"""Pairs NTREX raw lines with the reference sentence split of each line.

Yields (doc_id, lang, line, [sentences]) for every published line of every document under
DATA/docs, where the reference sentences are taken from doc_{lang}.txt in order, as many as
make up the line (compared without whitespace).
"""
import os
import sys


def squash(s):
    return "".join(s.split())


def lines(data, lang):
    docs = os.path.join(data, "docs")
    for doc in sorted(os.listdir(docs)):
        raw_path = os.path.join(docs, doc, f"doc_{lang}.raw.txt")
        split_path = os.path.join(docs, doc, f"doc_{lang}.txt")
        if not (os.path.exists(raw_path) and os.path.exists(split_path)):
            continue
        raw = open(raw_path, encoding="utf-8").read().splitlines()
        gold = open(split_path, encoding="utf-8").read().splitlines()
        g = 0
        for line in raw:
            if not line.strip():
                continue
            target = squash(line)
            got, sentences = "", []
            while g < len(gold) and len(got) < len(target):
                sentences.append(gold[g])
                got += squash(gold[g])
                g += 1
            if got != target:
                print(f"warning: {doc}/{lang}: cannot match line to reference sentences", file=sys.stderr)
                break
            yield doc, lang, line, sentences
