"""The same reports written in English and in Russian or Ukrainian, for a fair speed test.

bench/corpus.py mimics real feeds: English wire stories padded with background paragraphs
that hold no figure, next to short, figure-dense ministry posts in Russian and Ukrainian.
Per megabyte those are different workloads, not different languages. Here each report is
drawn once and written in two languages with the same facts, the same figures and the
same shape, so the time per megabyte compares the languages' vocabularies and nothing else.

    reports(n, seed) -> [(kind, {"en": text, "ru" or "uk": text}), ...]
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Iterator

from corpus import RU_REGIONS, RU_SEAS, UA_REGIONS, UK_MONTHS_GEN

EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
RU_MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                 "сентября", "октября", "ноября", "декабря"]


def mod_breakdown(r: random.Random, pub: date) -> dict[str, str]:
    """A defence ministry's night total with its regional breakdown (en, ru)."""
    regions = r.sample(RU_REGIONS, r.randint(2, 7))
    parts = sorted((r.randint(1, 30) for _ in regions), reverse=True)
    sea = r.choice(RU_SEAS) if r.random() < 0.3 else None
    n_sea = r.randint(1, 9) if sea else 0
    total = sum(parts) + n_sea
    hit = r.randint(1, 4)
    en_items = [f"{n} over {en}" for n, (en, _) in zip(parts, regions)]
    ru_items = [f"{n} – над территорией {ru}" for n, (_, ru) in zip(parts, regions)]
    if sea:
        en_items.append(f"{n_sea} over the waters of {sea[0]}")
        ru_items.append(f"{n_sea} – над акваторией {sea[1]}")
    return {
        "en": (f"Overnight, on-duty air defence systems intercepted and destroyed {total} "
               f"Ukrainian fixed-wing drones: {', '.join(en_items)}, the Russian Defence "
               f"Ministry said on {pub.day} {EN_MONTHS[pub.month - 1]}. Falling debris of "
               f"{hit} drones damaged a warehouse, the governor said; nobody was hurt."),
        "ru": (f"Минувшей ночью дежурными средствами ПВО перехвачены и уничтожены {total} "
               f"украинских беспилотных летательных аппаратов самолетного типа: "
               f"{', '.join(ru_items)}, сообщило Минобороны России {pub.day} "
               f"{RU_MONTHS_GEN[pub.month - 1]}. Обломками {hit} беспилотников повреждён "
               f"склад, сообщил губернатор; никто не пострадал."),
    }


def air_force_summary(r: random.Random, pub: date) -> dict[str, str]:
    """An air force's morning summary: launched, downed, hits, casualties (en, uk)."""
    drones = r.randint(30, 400)
    down = r.randint(drones // 2, drones)
    missiles = r.randint(1, 12)
    oblast = r.choice(UA_REGIONS)
    injured = r.randint(2, 9)
    hits = r.randint(2, 15)
    return {
        "en": (f"On the night of {pub.day} {EN_MONTHS[pub.month - 1]}, the enemy attacked "
               f"Ukraine with {drones} Shahed-type attack drones and decoys and {missiles} "
               f"ballistic missiles, the Ukrainian Air Force said. Air defences shot down or "
               f"suppressed {down} enemy drones. Hits were recorded at {hits} locations. In "
               f"{oblast[0]}, {injured} people were injured in the attack."),
        "uk": (f"У ніч на {pub.day} {UK_MONTHS_GEN[pub.month - 1]} противник атакував "
               f"Україну {drones} ударними БпЛА типу Shahed та дронами-імітаторами і "
               f"{missiles} балістичними ракетами, повідомили Повітряні сили ЗСУ. "
               f"Протиповітряною обороною збито або подавлено {down} ворожих БпЛА. "
               f"Зафіксовано влучання на {hits} локаціях. На території {oblast[2]} області "
               f"внаслідок атаки поранено {injured} людей."),
    }


def reports(n: int, seed: int = 1) -> Iterator[tuple[str, dict[str, str], str]]:
    """`n` reports, alternating kinds: (kind, texts by language, published ISO date)."""
    r = random.Random(seed)
    start = date(2024, 1, 1)
    for i in range(n):
        pub = start + timedelta(days=r.randrange(700))
        kind = mod_breakdown if i % 2 == 0 else air_force_summary
        yield kind.__name__, kind(r, pub), pub.isoformat()
