"""Split questions.jsonl into dev.jsonl and heldout.jsonl: per kind and language, half each,
shuffled by a fixed seed. Run once, before any results were seen; re-running gives the same."""

import json
import random
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
SEED = 20261130

questions = [json.loads(line) for line in (HERE / "questions.jsonl").read_text().splitlines() if line.strip()]
groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
for q in questions:
    groups[(q["kind"], q["lang"])].append(q)
rng = random.Random(SEED)
dev, held = [], []
for key in sorted(groups):
    items = groups[key]
    rng.shuffle(items)
    half = len(items) // 2 + (len(items) % 2 if rng.random() < 0.5 else 0)
    dev += items[:half]
    held += items[half:]
for name, items in (("dev.jsonl", dev), ("heldout.jsonl", held)):
    order = {q["id"]: n for n, q in enumerate(questions)}
    items.sort(key=lambda q: order[q["id"]])
    (HERE / name).write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in items))
    print(name, len(items))
