"""A synthetic news corpus for benchmarking `dronewatch extract`.

Every article is built from templates written for this benchmark (none is copied from
a real outlet): wire-style reports of the kinds dronewatch reads — Russian Ministry of
Defence summaries with regional breakdowns, Ukrainian Air Force morning reports,
governors' posts about casualties and struck facilities, reports quoting both sides,
naval drones, missile salvos, glide bombs, monthly totals, a few posts in Russian and
Ukrainian, and negative articles (production figures, diplomacy) with no claims. Region
names are real; every figure, date and person is random. Articles run to roughly
1-4 KB, padded with background paragraphs like real news.

    from bench.corpus import write_corpus
    n_bytes = write_corpus("corpus.jsonl", 10_000, seed=1)
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from typing import Callable, Iterator

# --- places -----------------------------------------------------------------------------
# (English name, Russian genitive as in "над территорией ...")
RU_REGIONS = [
    ("Belgorod Oblast", "Белгородской области"), ("Kursk Oblast", "Курской области"),
    ("Bryansk Oblast", "Брянской области"), ("Oryol Oblast", "Орловской области"),
    ("Voronezh Oblast", "Воронежской области"), ("Rostov Oblast", "Ростовской области"),
    ("Lipetsk Oblast", "Липецкой области"), ("Tula Oblast", "Тульской области"),
    ("Kaluga Oblast", "Калужской области"), ("Smolensk Oblast", "Смоленской области"),
    ("Ryazan Oblast", "Рязанской области"), ("Tambov Oblast", "Тамбовской области"),
    ("Moscow Oblast", "Московской области"), ("Krasnodar Krai", "Краснодарского края"),
    ("Tver Oblast", "Тверской области"), ("Yaroslavl Oblast", "Ярославской области"),
    ("Saratov Oblast", "Саратовской области"), ("Volgograd Oblast", "Волгоградской области"),
    ("Nizhny Novgorod Oblast", "Нижегородской области"),
    ("Leningrad Oblast", "Ленинградской области"), ("Pskov Oblast", "Псковской области"),
    ("Novgorod Oblast", "Новгородской области"), ("Penza Oblast", "Пензенской области"),
    ("Astrakhan Oblast", "Астраханской области"), ("Kirov Oblast", "Кировской области"),
    ("the Republic of Tatarstan", "Республики Татарстан"),
    ("the Udmurt Republic", "Удмуртской Республики"),
    ("the Republic of Mordovia", "Республики Мордовия"),
    ("the Republic of Bashkortostan", "Республики Башкортостан"),
    ("the Republic of Crimea", "Республики Крым"),
]
RU_SEAS = [("the Black Sea", "Черного моря"), ("the Sea of Azov", "Азовского моря")]
# (city, its region in English) for governors' posts and facilities inside Russia
RU_CITIES = [
    ("Belgorod", "Belgorod Oblast"), ("Kursk", "Kursk Oblast"), ("Bryansk", "Bryansk Oblast"),
    ("Voronezh", "Voronezh Oblast"), ("Rostov-on-Don", "Rostov Oblast"),
    ("Novoshakhtinsk", "Rostov Oblast"), ("Tuapse", "Krasnodar Krai"),
    ("Novorossiysk", "Krasnodar Krai"), ("Ryazan", "Ryazan Oblast"),
    ("Saratov", "Saratov Oblast"), ("Engels", "Saratov Oblast"),
    ("Volgograd", "Volgograd Oblast"), ("Kstovo", "Nizhny Novgorod Oblast"),
    ("Yaroslavl", "Yaroslavl Oblast"), ("Tambov", "Tambov Oblast"), ("Oryol", "Oryol Oblast"),
    ("Lipetsk", "Lipetsk Oblast"), ("Kaluga", "Kaluga Oblast"), ("Izhevsk", "the Udmurt Republic"),
    ("Yelabuga", "the Republic of Tatarstan"), ("Syzran", "Samara Oblast"),
]
# (oblast, its main city, Ukrainian genitive of the oblast)
UA_REGIONS = [
    ("Kyiv Oblast", "Bila Tserkva", "Київської"), ("Kharkiv Oblast", "Kharkiv", "Харківської"),
    ("Odesa Oblast", "Odesa", "Одеської"),
    ("Dnipropetrovsk Oblast", "Dnipro", "Дніпропетровської"),
    ("Zaporizhzhia Oblast", "Zaporizhzhia", "Запорізької"), ("Sumy Oblast", "Sumy", "Сумської"),
    ("Chernihiv Oblast", "Chernihiv", "Чернігівської"),
    ("Poltava Oblast", "Poltava", "Полтавської"),
    ("Mykolaiv Oblast", "Mykolaiv", "Миколаївської"), ("Kherson Oblast", "Kherson", "Херсонської"),
    ("Lviv Oblast", "Lviv", "Львівської"), ("Vinnytsia Oblast", "Vinnytsia", "Вінницької"),
    ("Khmelnytskyi Oblast", "Khmelnytskyi", "Хмельницької"),
    ("Zhytomyr Oblast", "Zhytomyr", "Житомирської"), ("Rivne Oblast", "Rivne", "Рівненської"),
    ("Volyn Oblast", "Lutsk", "Волинської"), ("Ivano-Frankivsk Oblast", "Ivano-Frankivsk",
                                              "Івано-Франківської"),
    ("Cherkasy Oblast", "Cherkasy", "Черкаської"), ("Kirovohrad Oblast", "Kropyvnytskyi",
                                                   "Кіровоградської"),
    ("Ternopil Oblast", "Ternopil", "Тернопільської"), ("Donetsk Oblast", "Kramatorsk",
                                                        "Донецької"),
]
UA_FRONT_CITIES = ["Kharkiv", "Zaporizhzhia", "Sumy", "Kherson", "Kramatorsk", "Sloviansk",
                   "Nikopol", "Kupiansk", "Druzhkivka", "Kostiantynivka"]

RU_FACILITIES = ["oil depot", "oil refinery", "fuel storage facility", "electrical substation",
                 "military airfield", "ammunition depot", "chemical plant", "railway junction",
                 "thermal power plant", "port terminal", "gas pumping station"]
UA_FACILITIES = ["energy infrastructure facility", "thermal power plant", "gas production site",
                 "grain terminal", "railway depot", "industrial enterprise", "warehouse",
                 "high-voltage substation", "residential building", "supermarket"]

FIRST = ["Alexei", "Dmitry", "Igor", "Sergei", "Andrei", "Roman", "Oleg", "Vadim", "Yuri",
         "Mykola", "Oleksandr", "Vitaliy", "Serhiy", "Ivan", "Maksym", "Taras", "Denys"]
LAST_RU = ["Sokolov", "Morozov", "Volkov", "Lebedev", "Kozlov", "Novikov", "Pavlov",
           "Orlov", "Belov", "Gusev", "Zaitsev", "Frolov"]
LAST_UA = ["Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Shevchuk", "Melnyk",
           "Lysenko", "Marchenko", "Savchenko", "Rudenko", "Petrenko", "Hnatyuk"]

OUTLETS = ["Sample Wire", "Bench News Agency", "Example Daily", "Synthetic Post",
           "Test Tribune", "Placeholder Press"]
DRONE_WORDS = ["drones", "unmanned aerial vehicles", "fixed-wing drones", "UAVs",
               "attack drones", "aircraft-type drones"]
UA_DRONE_WORDS = ["Shahed-type attack drones", "Shahed drones and decoys",
                  "attack drones of the Shahed, Gerbera and other types",
                  "Geran-2 drones", "long-range attack drones"]
CRUISE = ["Kh-101 cruise missiles", "Kalibr cruise missiles", "Kh-59/69 guided missiles",
          "Iskander-K cruise missiles", "Kh-22 cruise missiles"]
BALLISTIC = ["Iskander-M ballistic missiles", "KN-23 ballistic missiles",
             "Kinzhal aeroballistic missiles", "S-300 anti-aircraft guided missiles"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
         "ten", "eleven", "twelve"]


class Article:
    """Random choices for one article, with helpers to write numbers and dates."""

    def __init__(self, rng: random.Random, published: date):
        self.r = rng
        self.pub = published

    # numbers
    def num(self, n: int, words: float = 0.4) -> str:
        if n <= 12 and self.r.random() < words:
            return SMALL[n]
        return f"{n:,}"

    def items(self, n: int, one: str, many: str) -> str:
        """"one drone", "3 drones": the number and the noun that agrees with it."""
        return f"{self.num(n)} {one if n == 1 else many}"

    def qualified(self, n: int) -> str:
        roll = self.r.random()
        if roll < 0.12:
            return f"more than {n:,}"
        if roll < 0.22:
            return f"about {n:,}"
        if roll < 0.28:
            return f"at least {n:,}"
        if roll < 0.32:
            return f"up to {n:,}"
        return self.num(n)

    def split(self, total: int, parts: int) -> list[int]:
        """`total` split into `parts` positive numbers, largest first."""
        parts = max(1, min(parts, total))
        cuts = sorted(self.r.sample(range(1, total), parts - 1)) if parts > 1 else []
        bounds = [0] + cuts + [total]
        return sorted((b - a for a, b in zip(bounds, bounds[1:])), reverse=True)

    # dates
    def dateline(self) -> str:
        m = MONTHS[self.pub.month - 1]
        return f"{m[:3] + '.' if len(m) > 5 else m} {self.pub.day}"

    def weekday(self, d: date) -> str:
        return WEEKDAYS[d.weekday()]

    def when_night(self) -> str:
        prev = self.pub - timedelta(days=1)
        return self.r.choice([
            "overnight",
            "during the night",
            f"on the night of {MONTHS[prev.month - 1]} {prev.day}",
            f"overnight into {self.weekday(self.pub)}",
            f"between 8 p.m. on {self.weekday(prev)} and 7 a.m. on {self.weekday(self.pub)} "
            "Moscow time",
            "in the early hours",
        ])

    def when_day(self) -> str:
        return self.r.choice([f"on {self.weekday(self.pub)}", "earlier on "
                              f"{self.weekday(self.pub)}", "during the day",
                              f"on {MONTHS[self.pub.month - 1]} {self.pub.day}", "this morning"])

    def person(self, side: str) -> str:
        return f"{self.r.choice(FIRST)} {self.r.choice(LAST_RU if side == 'RU' else LAST_UA)}"


# --- claim paragraphs --------------------------------------------------------------------
def ru_mod_breakdown(a: Article) -> tuple[str, list[str]]:
    r = a.r
    regions = r.sample(RU_REGIONS, r.randint(2, 8))
    parts = [max(1, int(r.expovariate(1 / 9)) + 1) for _ in regions]
    parts.sort(reverse=True)
    total = sum(parts)
    gap = r.random() < 0.2  # the ministry's parts do not add up
    if gap:
        total += r.randint(2, 15)
    when = a.when_night()
    dw = r.choice(DRONE_WORDS)
    lead = r.choice([
        f"Russian air defence units destroyed {a.num(total)} Ukrainian {dw} over Russian "
        f"territory {when}, the Russian Defence Ministry said {a.when_day()}.",
        f"Air defences intercepted and destroyed {a.num(total)} Ukrainian {dw} {when}, "
        "Russia's Ministry of Defence said in a statement.",
        f"Russia said {a.when_day()} it had shot down {a.num(total)} Ukrainian {dw} {when} "
        "over several regions.",
    ])
    items = [f"{a.num(n)} over {name}" for n, (name, _) in zip(parts, regions)]
    listing = ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1]
    breakdown = r.choice([f"According to the ministry, {listing}.",
                          f"The ministry's breakdown listed {listing}.",
                          f"Of those, {listing}, the ministry said."])
    paras = [lead, breakdown]
    if gap:
        paras.append("It did not say where the remaining drones had been brought down.")
    if r.random() < 0.5:
        city, region = r.choice(RU_CITIES)
        paras.append(r.choice([
            f"The governor of {region} said falling debris had damaged a "
            f"{r.choice(RU_FACILITIES)} near {city}; there were no casualties.",
            f"In {city}, {a.items(r.randint(1, 6), 'person was', 'people were')} injured when "
            "a drone fell on a residential street, local officials said.",
            f"Authorities in {region} reported broken windows in several private houses "
            f"in {city} but no injuries.",
        ]))
    head = f"Russia says {total} Ukrainian drones downed over {len(regions)} regions"
    return head, paras


def ua_airforce(a: Article) -> tuple[str, list[str]]:
    r = a.r
    drones = r.randint(20, 480)
    missiles = r.choice([0, 0, r.randint(1, 8), r.randint(4, 40)])
    down_d = r.randint(int(drones * 0.6), drones)
    down_m = r.randint(0, missiles) if missiles else 0
    mtype = r.choice(CRUISE + BALLISTIC)
    when = a.when_night()
    launched = f"{a.num(drones)} {r.choice(UA_DRONE_WORDS)}"
    if missiles:
        launched += f" and {a.num(missiles)} {mtype}"
    lead = r.choice([
        f"Russia attacked Ukraine {when} with {launched}, the Ukrainian Air Force said.",
        f"Russian forces launched {launched} at Ukraine {when}, Ukraine's Air Force said "
        "in its morning report.",
        f"Ukraine's air force said Russia had sent {launched} against the country {when}.",
    ])
    down = a.items(down_d, "drone", "drones")
    if missiles and down_m:
        down += " and " + a.items(down_m, "missile", "missiles")
    paras = [lead, r.choice([
        f"Air defence units shot down or suppressed {down}, it said.",
        f"As of 9 a.m., {down} had been shot down or jammed by electronic warfare, the air "
        "force said.",
        f"Ukrainian forces destroyed {down}, according to the report.",
    ])]
    hits = drones - down_d
    if hits and r.random() < 0.7:
        paras.append(f"Hits by {a.items(hits, 'drone', 'drones')} were recorded at "
                     f"{a.num(r.randint(2, 20))} locations, it added.")
    targets = r.sample(UA_REGIONS, r.randint(1, 4))
    paras.append("The attack mainly targeted " + ", ".join(t[0] for t in targets) + ".")
    if r.random() < 0.6:
        oblast, city, _ = targets[0]
        k, i = r.choice([0, 0, 1, 2, 3]), r.randint(1, 14)
        casualty = (f"{a.items(k, 'person was', 'people were')} killed and {a.num(i)} injured"
                    if k else f"{a.items(i, 'person was', 'people were')} injured")
        paras.append(f"In {oblast}, {casualty} in {city}, the regional military "
                     f"administration head {a.person('UA')} said.")
    head = f"Russia launches {drones} drones at Ukraine overnight, air force says"
    return head, paras


def governor_post(a: Article) -> tuple[str, list[str]]:
    r = a.r
    if r.random() < 0.55:
        city, region = r.choice(RU_CITIES)
        facility, title = r.choice(RU_FACILITIES), f"the governor of {region}"
    else:
        oblast, city, _ = r.choice(UA_REGIONS)
        region, facility = oblast, r.choice(UA_FACILITIES)
        title = f"the head of the {oblast.replace(' Oblast', '')} regional military administration"
    name = a.person("RU" if "governor" in title else "UA")
    k, i = r.choice([0, 0, 1, 1, 2, 4]), r.choice([0, 1, 2, 3, 5, 8, 12])
    n_hit = r.choice([1, 1, 1, 2, 3])
    weapon = "drone" if n_hit == 1 else "drones"
    hurt = []
    if k:
        hurt.append(f"killing {a.num(k)} {'person' if k == 1 else 'people'}")
    if i:
        hurt.append(f"injuring {a.num(i)}")
    hurt_s = (", " + " and ".join(hurt)) if hurt else ""
    paras = [
        f"{a.num(n_hit).capitalize() if n_hit > 1 else 'A'} {weapon} hit a {facility} in {city} "
        f"{a.when_day()}{hurt_s}, {title}, {name}, said on Telegram.",
        r.choice([
            "A fire broke out on the site and was later put out, he said.",
            "Emergency services were working at the scene; the damage was being assessed.",
            "Several nearby buildings had their windows blown out, he added.",
        ]),
    ]
    if not hurt:
        paras.append("There were no casualties, according to preliminary information.")
    elif i and r.random() < 0.5:
        paras.append(f"{a.num(min(i, r.randint(1, 3))).capitalize()} of the injured "
                     "remained in hospital in a serious condition.")
    head = f"Drone strike hits {facility} in {city}" + (f", {k} killed" if k else "")
    return head, paras


def mixed_report(a: Article) -> tuple[str, list[str]]:
    r = a.r
    city, region = r.choice(RU_CITIES)
    facility = r.choice(RU_FACILITIES)
    regions = [region] + [n for n, _ in r.sample(RU_REGIONS, r.randint(1, 3)) if n != region]
    parts = [r.randint(2, 30) for _ in regions]
    total = sum(parts) + (r.randint(1, 20) if r.random() < 0.5 else 0)
    when = a.when_night()
    listing = ", ".join(f"{a.num(n)} over {name}" for n, name in zip(parts, regions))
    paras = [
        f"Ukraine's General Staff said its drones had struck the {facility} in {city} {when}, "
        f"while Russia said it had destroyed {a.num(total)} Ukrainian drones over its territory.",
        r.choice(["\"Hits and a fire in the area of the target were recorded,\" the General "
                  "Staff said, adding that the site supplied Russian forces.",
                  "The General Staff said the results of the strike were being clarified."]),
        f"The Russian Defence Ministry said {listing}. The {region} governor said debris had "
        f"fallen on the territory of an industrial site and "
        + r.choice(["nobody was hurt.", f"{a.items(r.randint(1, 4), 'person was', 'people were')} "
                    "hurt."]),
        "Neither account could be independently verified.",
    ]
    return f"Ukraine says drones hit {facility} in {city}; Russia reports {total} downed", paras


def sea(a: Article) -> tuple[str, list[str]]:
    r = a.r
    sea_en, _ = r.choice(RU_SEAS)
    boats = r.randint(1, 12)
    paras = [
        f"Russia's Black Sea Fleet destroyed {a.num(boats)} Ukrainian uncrewed surface vessels "
        f"in {sea_en} {a.when_day()}, the Defence Ministry said.",
        "The boats were heading towards the Crimean coast and were hit by naval aviation and "
        "the fleet's patrol ships, the ministry said.",
    ]
    if r.random() < 0.6:
        n = r.randint(1, 25)
        paras.append(f"It added that {a.items(n, 'drone was', 'drones were')} destroyed over "
                     "the Republic of Crimea during the same period.")
    paras.append("Ukraine's navy declined to comment.")
    return f"Russia says it destroyed {boats} Ukrainian sea drones", paras


def missile_salvo(a: Article) -> tuple[str, list[str]]:
    r = a.r
    c, b = r.randint(4, 60), r.randint(0, 12)
    cd, bd = r.randint(c // 2, c), r.randint(0, b)
    oblast, city, _ = r.choice(UA_REGIONS)
    paras = [
        f"Russia fired {a.num(c)} {r.choice(CRUISE)}"
        + (f" and {a.num(b)} {r.choice(BALLISTIC)}" if b else "")
        + f" at Ukraine {a.when_night()}, the Ukrainian Air Force said, in an attack aimed "
        "mostly at energy facilities.",
        f"Of the cruise missiles, {a.num(cd)} were shot down"
        + (f", as were {a.num(bd)} of the ballistic missiles." if b and bd else "."),
        f"In {oblast}, officials said a missile had struck a {r.choice(UA_FACILITIES)} near "
        f"{city} and {a.items(r.randint(1, 6), 'employee was', 'employees were')} injured.",
        "Power was cut to parts of the region for several hours.",
    ]
    return f"Russia fires {c + b} missiles at Ukraine; {cd} cruise missiles downed", paras


def glide_bomb(a: Article) -> tuple[str, list[str]]:
    r = a.r
    city = r.choice(UA_FRONT_CITIES)
    n, k, i = r.randint(1, 6), r.randint(0, 7), r.randint(1, 40)
    paras = [
        f"Russian aircraft dropped {a.num(n)} guided aerial {'bomb' if n == 1 else 'bombs'} on "
        f"{city} {a.when_day()}, "
        + (f"killing {a.items(k, 'person', 'people')} and injuring {a.num(i)}" if k
           else f"injuring {a.items(i, 'person', 'people')}")
        + f", regional governor {a.person('UA')} said.",
        r.choice(["One of the bombs hit a residential building; rescuers were searching the "
                  "rubble.", "The bombs struck an industrial area and a nearby school."]),
        "Glide bombs, converted from Soviet-era free-fall munitions, are launched from "
        "aircraft flying inside Russian airspace, out of reach of most air defences.",
    ]
    return f"Glide bombs hit {city}" + (f", killing {k}" if k else ""), paras


def monthly_total(a: Article) -> tuple[str, list[str]]:
    r = a.r
    month = MONTHS[(a.pub.month - 2) % 12]
    d, m = r.randint(800, 6500), r.randint(20, 250)
    paras = [
        f"Russia launched {a.qualified(d)} long-range attack drones and {a.qualified(m)} "
        f"missiles against Ukraine in {month}, the Ukrainian Air Force said, summing up its "
        "monthly figures.",
        f"Air defences destroyed or suppressed {a.qualified(int(d * r.uniform(0.7, 0.92)))} "
        f"of the drones and {a.num(int(m * r.uniform(0.4, 0.9)))} of the missiles, a spokesman "
        "told a televised briefing.",
        "He urged partners to speed up deliveries of interceptor missiles.",
    ]
    return f"Russia launched about {d:,} drones at Ukraine in {month}", paras


def negative(a: Article) -> tuple[str, list[str]]:
    r = a.r
    n = r.randint(500, 5000)
    paras = r.choice([
        [f"A drone factory in Russia's Tatarstan region can now assemble up to {n:,} Geran-2 "
         "drones a month, a European research group estimated.",
         f"The plant employs about {r.randint(2, 9):,},{r.randint(100, 999)} workers and has "
         f"added {a.num(r.randint(2, 5))} production halls, the report said."],
        [f"Ukraine plans to produce {n:,} interceptor drones a day by the end of the year, "
         "the minister for strategic industries said at a conference in "
         f"{r.choice(['Kyiv', 'Lviv'])}.",
         f"About {r.randint(150, 500)} companies now build drones in the country, he said."],
        [f"The European Union agreed a new sanctions package targeting {r.randint(20, 90)} "
         "companies accused of supplying drone components to Russia.",
         "Officials said the measures would take effect next month."],
        [f"Ukraine's General Staff said Russian forces had lost {r.randint(2, 20)} tanks and "
         f"{r.randint(10, 60)} artillery systems over the past day.",
         "The figures could not be verified."],
    ])
    return "Drone industry and sanctions: the week in review", paras


def ru_telegram(a: Article) -> tuple[str, list[str]]:
    r = a.r
    regions = r.sample(RU_REGIONS, r.randint(1, 6))
    parts = sorted((r.randint(1, 25) for _ in regions), reverse=True)
    items = [f"{n} – над территорией {gen}" for n, (_, gen) in zip(parts, regions)]
    if r.random() < 0.3:
        n = r.randint(1, 10)
        parts.append(n)
        items.append(f"{n} – над акваторией {r.choice(RU_SEAS)[1]}")
    text = (r.choice(["В течение прошедшей ночи", "Минувшей ночью",
                      "С 20.00 до 23.00 мск"])
            + " дежурными средствами ПВО перехвачены и уничтожены "
            + f"{sum(parts)} украинских беспилотных летательных аппаратов самолетного типа: "
            + ", ".join(items) + ".")
    return "Минобороны России", [text]


UK_MONTHS_GEN = ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
                 "вересня", "жовтня", "листопада", "грудня"]


def uk_airforce(a: Article) -> tuple[str, list[str]]:
    r = a.r
    d = r.randint(30, 300)
    down = r.randint(d // 2, d)
    oblast = r.choice(UA_REGIONS)
    text = [
        f"У ніч на {a.pub.day} {UK_MONTHS_GEN[a.pub.month - 1]} "
        f"противник атакував Україну {d} ударними БпЛА типу Shahed та дронами-імітаторами, "
        "повідомили Повітряні сили ЗСУ.",
        f"Протиповітряною обороною збито або подавлено {down} ворожих БпЛА.",
        f"На території {oblast[2]} області внаслідок атаки поранено {r.randint(2, 9)} людей.",
    ]
    return "Повітряні сили: нічна атака", text


KINDS: list[tuple[Callable[[Article], tuple[str, list[str]]], float]] = [
    (ru_mod_breakdown, 0.20), (ua_airforce, 0.20), (governor_post, 0.12), (mixed_report, 0.10),
    (sea, 0.05), (missile_salvo, 0.08), (glide_bomb, 0.08), (monthly_total, 0.05),
    (negative, 0.07), (ru_telegram, 0.03), (uk_airforce, 0.02),
]

# --- filler: background paragraphs like real wire copy --------------------------------------
FILLER = [
    "{outlet} could not independently verify the figures. Both sides' accounts of attacks "
    "are frequently revised in later statements.",
    "Air raid alerts were declared in {n} regions during the night, and residents of the "
    "capital spent several hours in shelters and metro stations.",
    "Russia's aviation authority said temporary restrictions had been imposed at airports in "
    "{city}, delaying about {n2} flights.",
    "Kyiv says its long-range strikes target energy and military infrastructure that supports "
    "the war effort, while Moscow describes them as terrorist attacks on civilians.",
    "Russia says it does not target civilians. Ukraine says thousands of civilians have been "
    "killed by Russian missiles, drones and bombs since the full-scale invasion in February 2022.",
    "Energy officials said repair crews were working to restore power to about {n2},000 "
    "households. Scheduled outages were announced for the following day.",
    "Schools in the region switched to remote learning for the rest of the week, the local "
    "education department said.",
    "The strikes came as diplomats prepared for another round of talks, which officials on "
    "both sides said were unlikely to produce a ceasefire soon.",
    "Military analysts say both countries have sharply increased production of long-range "
    "drones over the past year, making nightly attacks larger and harder to stop.",
    "Ukraine has asked Western partners for more air defence systems and interceptor "
    "missiles, saying its stocks are running low after months of mass attacks.",
    "Residents posted videos on social media showing flashes in the sky and the sound of "
    "anti-aircraft fire. {outlet} was not able to verify the videos.",
    "Railway operators reported delays of up to {n} hours on several routes after power "
    "supply to the network was interrupted.",
    "The governor urged residents not to film or publish the work of air defences and to "
    "stay away from windows during alerts.",
    "Prices for fuel at filling stations in the region have risen by about {n} percent since "
    "the start of the year, according to local media.",
    "The European Union and Britain have imposed several rounds of sanctions on companies "
    "accused of supplying components for drones and missiles.",
    "Local authorities opened a temporary shelter at a school gymnasium for families whose "
    "homes were damaged, and promised compensation.",
    "A spokesman for the regional administration told reporters that the full extent of the "
    "damage would be known only after daylight.",
    "Earlier in the week, officials had warned that a large combined attack was being "
    "prepared and advised residents to stock up on water and power banks.",
    "The International Atomic Energy Agency said it was monitoring the situation around "
    "nuclear facilities and called for military restraint.",
    "Mobile networks and internet access were restricted in parts of the region during the "
    "attack, operators said, a measure officials say hinders drone navigation.",
    "Volunteers collected donations for the families affected and organised hot meals for "
    "rescue workers at the scene.",
    "Insurance companies reported a sharp rise in claims for damaged cars and windows in "
    "the {month} period, a trade association said.",
    "Observers noted that the attack followed the pattern of recent weeks: waves of decoy "
    "drones first, followed by attack drones and missiles towards dawn.",
    "Officials said the reconstruction of damaged housing would be financed from the regional "
    "budget, with {n} buildings already in line for repairs.",
]


def articles(n: int, seed: int = 1) -> Iterator[dict]:
    """`n` articles as FORMAT.md document dicts, deterministic for a given seed."""
    r = random.Random(seed)
    funcs, weights = zip(*KINDS)
    start = date(2023, 1, 1)
    span = (date(2026, 3, 31) - start).days
    for i in range(n):
        pub = start + timedelta(days=r.randrange(span))
        a = Article(r, pub)
        head, paras = r.choices(funcs, weights)[0](a)
        outlet = r.choice(OUTLETS)
        english = head.isascii()
        if english:
            russian_side = any(w in paras[0] for w in ("Defence Ministry", "Ministry of Defence",
                                                        "governor of", "Russia said"))
            city = (r.choice(["MOSCOW"] * 3 + [c for c, _ in RU_CITIES]) if russian_side
                    else r.choice(["KYIV"] * 3 + [u[1] for u in UA_REGIONS]))
            paras[0] = f"{city.upper()}, {a.dateline()} ({outlet}) - {paras[0]}"
            target = r.randint(900, 4000)
            size = sum(len(p) for p in paras)
            for f in r.sample(FILLER, len(FILLER)):
                if size >= target:
                    break
                p = f.format(outlet=outlet, n=r.randint(2, 19), n2=r.randint(20, 140),
                             city=r.choice(RU_CITIES)[0], month=MONTHS[pub.month - 1])
                paras.insert(r.randint(2, len(paras)), p)
                size += len(p) + 2
        text = "\n\n".join(([head] if english and r.random() < 0.5 else []) + paras)
        yield {"id": f"bench-{i:06d}", "url": f"https://example.org/bench/{i}",
               "title": head if r.random() < 0.9 else None, "outlet": outlet,
               "published": pub.isoformat() if r.random() < 0.98 else None, "text": text}


def write_corpus(path: str, n: int, seed: int = 1) -> int:
    """Stream `n` articles to `path` as JSONL; return the number of bytes written."""
    written = 0
    with open(path, "w", encoding="utf-8") as fh:
        for doc in articles(n, seed):
            line = json.dumps(doc, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
    return written
