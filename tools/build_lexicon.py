#!/usr/bin/env python3
"""Builds TradeBot's related-words lexicon from WordNet 3.0 (Debian's wordnet-base, /usr/share/wordnet).

Output: src/TradeBot.Core/Text/Lexicon/wordnet-lexicon.tsv.gz, one line per single-word lemma (lower case):
    word <TAB> strong related words (space-separated) <TAB> weak related words
strong: synonyms in the word's three most frequent senses, pertainyms both ways ("chinese" <-> "china"),
        derivationally related forms ("negotiate" <-> "negotiation"), and for proper nouns the whole they are part
        of when they are a city, capital, port or town ("beijing" -> "china").
weak:   direct hypernyms and hyponyms of the most frequent sense ("levy" -> "tax"), and for proper nouns the
        places that are part of them ("china" -> "beijing").
Inflected forms from WordNet's exception lists map to their base form's line.
Usage: apt-get install wordnet-base && python3 tools/build_lexicon.py
"""
import gzip, os, sys

WN = "/usr/share/wordnet"
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "TradeBot.Core", "Text", "Lexicon", "wordnet-lexicon.tsv.gz")
POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
SENSES = 3
MAX_WEAK = 12

def single(lemma):
    return "_" not in lemma and "-" not in lemma and lemma.isalpha()

synsets = {}  # (pos, offset) -> (lemmas, pointers)
for pos, name in POS.items():
    with open(os.path.join(WN, "data." + name), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split(" | ")[0].split()
            offset, ss_type = parts[0], parts[2]
            count = int(parts[3], 16)
            lemmas = [parts[4 + 2 * i] for i in range(count)]
            i = 4 + 2 * count
            pcount = int(parts[i]); i += 1
            pointers = []
            for _ in range(pcount):
                symbol, target, tpos, srcdst = parts[i:i + 4]
                i += 4
                pointers.append((symbol, target, "a" if tpos == "s" else tpos, srcdst))
            synsets[(pos, offset)] = (lemmas, pointers)

def words(key, index=None):
    lemmas = synsets.get(key, ([], []))[0]
    if index is not None:
        lemmas = [lemmas[index - 1]] if 0 < index <= len(lemmas) else []
    return [l.split("(")[0] for l in lemmas]

strong, weak = {}, {}
reverse_pertainyms = {}  # noun -> adjectives that pertain to it ("china" -> "chinese")
for pos, name in POS.items():
    with open(os.path.join(WN, "index." + name), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split()
            lemma = parts[0]
            if not single(lemma):
                continue
            sense_count = int(parts[2])
            offsets = parts[-sense_count:]
            s, w = strong.setdefault(lemma, set()), weak.setdefault(lemma, set())
            for rank, offset in enumerate(offsets[:SENSES]):
                lemmas, pointers = synsets[(pos, offset)]
                s.update(l.split("(")[0].lower() for l in lemmas)
                proper = any(l[0].isupper() for l in lemmas)
                # A city, capital, port or town stands for the country it lies in ("Beijing" for China).
                settlement = proper and any(sym == "@i" and any(k in x.lower() for x in words((tp, tg)) for k in ("city", "capital", "port", "town"))
                                            for sym, tg, tp, _ in pointers)
                for symbol, target, tpos, srcdst in pointers:
                    src = int(srcdst[:2], 16)
                    own = src == 0 or lemmas[src - 1].split("(")[0].lower() == lemma
                    if symbol in ("\\", "+") and own:
                        dst = int(srcdst[2:], 16)
                        targets = [x.lower() for x in words((tpos, target), dst if dst else None)]
                        s.update(targets)
                        if symbol == "\\":
                            for noun in targets:
                                reverse_pertainyms.setdefault(noun, set()).add(lemma)
                    elif symbol == "#p" and settlement:
                        s.update(x.lower() for x in words((tpos, target)))
                    elif symbol == "%p" and proper:
                        w.update(x.lower() for x in words((tpos, target))[:1])
                    elif rank == 0 and symbol in ("@", "~") and pos in ("n", "v"):
                        related = words((tpos, target))
                        if len(w) < MAX_WEAK:
                            w.update(x.lower() for x in related[:3])

for noun, adjectives in reverse_pertainyms.items():
    if noun in strong:
        strong[noun].update(adjectives)

exceptions = {}
for name in POS.values():
    path = os.path.join(WN, name + ".exc")
    with open(path, encoding="latin-1") as f:
        for line in f:
            inflected, *bases = line.split()
            if single(inflected) and bases and single(bases[0]):
                exceptions.setdefault(inflected, bases[0])

lines = []
for lemma in sorted(strong):
    s = sorted(x for x in strong[lemma] if single(x) and x != lemma)
    w = sorted(x for x in weak[lemma] if single(x) and x != lemma and x not in strong[lemma])
    if s or w:
        lines.append(f"{lemma}\t{' '.join(s)}\t{' '.join(w)}")
for inflected, base in sorted(exceptions.items()):
    if inflected not in strong and base in strong:
        lines.append(f"{inflected}\t={base}\t")
with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
    f.write("\n".join(lines) + "\n")
print(f"{len(lines)} lines -> {os.path.normpath(OUT)} ({os.path.getsize(OUT) // 1024} KB)", file=sys.stderr)
