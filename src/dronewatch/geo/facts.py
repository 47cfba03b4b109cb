"""Hand-compiled facts for tools/build_gazetteer.py (build time only; the lookup
never imports this module).

REGIONS columns: ISO code | canonical English name | capital as GeoNames spells it
(used to map GeoNames admin1 codes to ISO) | stems (names that need a region word or
a list of regions after them: "Belgorod" in "Belgorod region") | standalone names
("Tatarstan", "Crimea"; these also work as stems).
"""

from __future__ import annotations

import re

_REGION_TABLE = """
RU-AD  | Adygea | Maykop | | Adygea; Adygeya; Republic of Adygea; Adygea Republic
RU-AL  | Altai Republic | Gorno-Altaysk | | Altai Republic; Republic of Altai; Gorno-Altai Republic
RU-ALT | Altai Krai | Barnaul | Altai; Altay | Altai Krai; Altai Territory
RU-AMU | Amur Oblast | Blagoveshchensk | Amur |
RU-ARK | Arkhangelsk Oblast | Arkhangel’sk | Arkhangelsk; Archangelsk; Archangel |
RU-AST | Astrakhan Oblast | Astrakhan | Astrakhan |
RU-BA  | Bashkortostan | Ufa | Bashkir | Bashkortostan; Bashkiria; Bashkiriya; Republic of Bashkortostan
RU-BEL | Belgorod Oblast | Belgorod | Belgorod |
RU-BRY | Bryansk Oblast | Bryansk | Bryansk |
RU-BU  | Buryatia | Ulan-Ude | Buryat | Buryatia; Buryatiya; Republic of Buryatia
RU-CE  | Chechnya | Grozny | Chechen | Chechnya; Chechnia; Chechen Republic
RU-CHE | Chelyabinsk Oblast | Chelyabinsk | Chelyabinsk |
RU-CHU | Chukotka Autonomous Okrug | Anadyr | Chukotka | Chukotka
RU-CU  | Chuvashia | Cheboksary | Chuvash | Chuvashia; Chuvashiya; Chuvash Republic
RU-DA  | Dagestan | Makhachkala | | Dagestan; Daghestan; Republic of Dagestan
RU-IN  | Ingushetia | Nazran | | Ingushetia; Ingushetiya; Republic of Ingushetia
RU-IRK | Irkutsk Oblast | Irkutsk | Irkutsk |
RU-IVA | Ivanovo Oblast | Ivanovo | Ivanovo |
RU-KAM | Kamchatka Krai | Petropavlovsk-Kamchatsky | Kamchatka | Kamchatka; Kamchatka Peninsula
RU-KB  | Kabardino-Balkaria | Nalchik | Kabardino-Balkar | Kabardino-Balkaria; Kabardino-Balkar Republic
RU-KC  | Karachay-Cherkessia | Cherkessk | Karachay-Cherkess; Karachayevo-Cherkess | Karachay-Cherkessia; Karachayevo-Cherkessia; Karachay-Cherkess Republic
RU-KDA | Krasnodar Krai | Krasnodar | Krasnodar | Kuban; Krasnodar Krai; Krasnodar Territory
RU-KEM | Kemerovo Oblast | Kemerovo | Kemerovo | Kuzbass; Kuzbas
RU-KGD | Kaliningrad Oblast | Kaliningrad | Kaliningrad |
RU-KGN | Kurgan Oblast | Kurgan | Kurgan |
RU-KHA | Khabarovsk Krai | Khabarovsk | Khabarovsk |
RU-KHM | Khanty-Mansi Autonomous Okrug | Surgut | Khanty-Mansi; Khanty-Mansiysk | Yugra; Ugra; Khanty-Mansi Autonomous Okrug; Khanty-Mansiysk Autonomous Okrug
RU-KIR | Kirov Oblast | Kirov | Kirov |
RU-KK  | Khakassia | Abakan | Khakass | Khakassia; Khakasia; Republic of Khakassia
RU-KL  | Kalmykia | Elista | Kalmyk | Kalmykia; Kalmykiya; Republic of Kalmykia
RU-KLU | Kaluga Oblast | Kaluga | Kaluga |
RU-KO  | Komi Republic | Syktyvkar | Komi | Komi Republic; Republic of Komi
RU-KOS | Kostroma Oblast | Kostroma | Kostroma |
RU-KR  | Karelia | Petrozavodsk | Karelian | Karelia; Republic of Karelia
RU-KRS | Kursk Oblast | Kursk | Kursk |
RU-KYA | Krasnoyarsk Krai | Krasnoyarsk | Krasnoyarsk |
RU-LEN | Leningrad Oblast | Gatchina | Leningrad |
RU-LIP | Lipetsk Oblast | Lipetsk | Lipetsk |
RU-MAG | Magadan Oblast | Magadan | Magadan |
RU-ME  | Mari El | Yoshkar-Ola | | Mari El; Mari El Republic; Republic of Mari El
RU-MO  | Mordovia | Saransk | Mordovian | Mordovia; Mordoviya; Republic of Mordovia
RU-MOS | Moscow Oblast | Khimki | Moscow | Moscow Oblast; Moscow Region; Podmoskovye
RU-MOW | Moscow | Moscow | | City of Moscow; Moscow city
RU-MUR | Murmansk Oblast | Murmansk | Murmansk |
RU-NEN | Nenets Autonomous Okrug | Narian-Mar | Nenets | Nenets Autonomous Okrug; Nenets Autonomous District
RU-NGR | Novgorod Oblast | Velikiy Novgorod | Novgorod; Veliky Novgorod; Velikiy Novgorod |
RU-NIZ | Nizhny Novgorod Oblast | Nizhniy Novgorod | Nizhny Novgorod; Nizhniy Novgorod; Nizhni Novgorod; Nizhegorod |
RU-NVS | Novosibirsk Oblast | Novosibirsk | Novosibirsk |
RU-OMS | Omsk Oblast | Omsk | Omsk |
RU-ORE | Orenburg Oblast | Orenburg | Orenburg |
RU-ORL | Oryol Oblast | Orël | Oryol; Orel; Orlov |
RU-PER | Perm Krai | Perm | Perm | Perm Krai; Perm Territory; Prikamye
RU-PNZ | Penza Oblast | Penza | Penza |
RU-PRI | Primorsky Krai | Vladivostok | Primorsky; Primorskiy | Primorye; Primorsky Krai
RU-PSK | Pskov Oblast | Pskov | Pskov |
RU-ROS | Rostov Oblast | Rostov-on-Don | Rostov; Rostov-on-Don; Rostov-na-Donu |
RU-RYA | Ryazan Oblast | Ryazan’ | Ryazan |
RU-SA  | Yakutia | Yakutsk | Sakha | Yakutia; Sakha Republic; Republic of Sakha
RU-SAK | Sakhalin Oblast | Yuzhno-Sakhalinsk | Sakhalin | Sakhalin
RU-SAM | Samara Oblast | Samara | Samara |
RU-SAR | Saratov Oblast | Saratov | Saratov |
RU-SE  | North Ossetia–Alania | Vladikavkaz | North Ossetian | North Ossetia; North Ossetia-Alania; Republic of North Ossetia; Republic of North Ossetia-Alania
RU-SMO | Smolensk Oblast | Smolensk | Smolensk |
RU-SPE | Saint Petersburg | Saint Petersburg | | City of Saint Petersburg
RU-STA | Stavropol Krai | Stavropol | Stavropol | Stavropol Krai; Stavropol Territory; Stavropolye
RU-SVE | Sverdlovsk Oblast | Yekaterinburg | Sverdlovsk |
RU-TA  | Tatarstan | Kazan | Tatar | Tatarstan; Republic of Tatarstan; Tatarstan Republic
RU-TAM | Tambov Oblast | Tambov | Tambov |
RU-TOM | Tomsk Oblast | Tomsk | Tomsk |
RU-TUL | Tula Oblast | Tula | Tula |
RU-TVE | Tver Oblast | Tver | Tver |
RU-TY  | Tuva | Kyzyl | Tuvan | Tuva; Tyva; Republic of Tuva
RU-TYU | Tyumen Oblast | Tyumen | Tyumen |
RU-UD  | Udmurtia | Izhevsk | Udmurt | Udmurtia; Udmurtiya; Udmurt Republic; Republic of Udmurtia
RU-ULY | Ulyanovsk Oblast | Ulyanovsk | Ulyanovsk |
RU-VGG | Volgograd Oblast | Volgograd | Volgograd |
RU-VLA | Vladimir Oblast | Vladimir | Vladimir |
RU-VLG | Vologda Oblast | Vologda | Vologda |
RU-VOR | Voronezh Oblast | Voronezh | Voronezh |
RU-YAN | Yamalo-Nenets Autonomous Okrug | Salekhard | Yamalo-Nenets | Yamal; Yamalo-Nenets Autonomous Okrug; Yamal-Nenets Autonomous Okrug
RU-YAR | Yaroslavl Oblast | Yaroslavl | Yaroslavl |
RU-YEV | Jewish Autonomous Oblast | Birobidzhan | | Jewish Autonomous Oblast; Jewish Autonomous Region
RU-ZAB | Zabaykalsky Krai | Chita | Zabaykalsky; Zabaikalsky; Trans-Baikal; Transbaikal | Zabaykalsky Krai; Trans-Baikal Territory; Transbaikalia; Zabaykalye
UA-05  | Vinnytsia Oblast | Vinnytsya | Vinnytsia; Vinnytsya; Vinnitsa; Vinnytska |
UA-07  | Volyn Oblast | Lutsk | Volynska | Volyn; Volhynia; Volynia
UA-09  | Luhansk Oblast | Luhansk | Luhansk; Lugansk; Luhanska | Luhansk People's Republic; Lugansk People's Republic; LPR; LNR
UA-12  | Dnipropetrovsk Oblast | Dnipro | Dnipropetrovsk; Dnepropetrovsk; Dnipro; Dnepr; Dnipropetrovska |
UA-14  | Donetsk Oblast | Donetsk | Donetsk; Donetska | Donetsk People's Republic; DPR; DNR
UA-18  | Zhytomyr Oblast | Zhytomyr | Zhytomyr; Zhitomir |
UA-21  | Zakarpattia Oblast | Uzhhorod | Transcarpathian; Zakarpatska | Zakarpattia; Zakarpattya; Transcarpathia
UA-23  | Zaporizhzhia Oblast | Zaporizhzhya | Zaporizhzhia; Zaporizhia; Zaporizhzhya; Zaporozhye; Zaporozhie; Zaporizka |
UA-26  | Ivano-Frankivsk Oblast | Ivano-Frankivsk | Ivano-Frankivsk; Ivano-Frankovsk | Prykarpattia
UA-30  | Kyiv | Kyiv | | City of Kyiv; Kyiv city; Kiev city
UA-32  | Kyiv Oblast | Bila Tserkva | Kyiv; Kiev; Kyivska | Kyiv Oblast; Kiev Oblast
UA-35  | Kirovohrad Oblast | Kropyvnytskyi | Kirovohrad; Kirovograd; Kropyvnytskyi; Kirovohradska |
UA-40  | Sevastopol | Sevastopol | Sevastopol | City of Sevastopol
UA-43  | Crimea | Simferopol | | Crimea; Republic of Crimea; Autonomous Republic of Crimea; Crimean Peninsula; Crimean peninsula
UA-46  | Lviv Oblast | Lviv | Lviv; Lvov; Lvivska |
UA-48  | Mykolaiv Oblast | Mykolayiv | Mykolaiv; Mykolayiv; Nikolaev; Nikolayev; Mykolaivska |
UA-51  | Odesa Oblast | Odesa | Odesa; Odessa; Odeska |
UA-53  | Poltava Oblast | Poltava | Poltava |
UA-56  | Rivne Oblast | Rivne | Rivne; Rovno |
UA-59  | Sumy Oblast | Sumy | Sumy |
UA-61  | Ternopil Oblast | Ternopil | Ternopil; Ternopol |
UA-63  | Kharkiv Oblast | Kharkiv | Kharkiv; Kharkov; Kharkivska |
UA-65  | Kherson Oblast | Kherson | Kherson; Khersonska |
UA-68  | Khmelnytskyi Oblast | Khmelnytskyi | Khmelnytskyi; Khmelnytsky; Khmelnitsky; Khmelnytskyy; Khmelnitskiy; Khmelnytska |
UA-71  | Cherkasy Oblast | Cherkasy | Cherkasy; Cherkassy |
UA-74  | Chernihiv Oblast | Chernihiv | Chernihiv; Chernigov |
UA-77  | Chernivtsi Oblast | Chernivtsi | Chernivtsi; Chernovtsy | Bukovina
BY-BR  | Brest Region | Brest | Brest |
BY-HM  | Minsk | Minsk | | City of Minsk
BY-HO  | Gomel Region | Homyel' | Gomel; Homel; Homyel |
BY-HR  | Grodno Region | Hrodna | Grodno; Hrodna |
BY-MA  | Mogilev Region | Mahilyow | Mogilev; Mahilyow; Mogilyov; Mahilyou |
BY-MI  | Minsk Region | Barysaw | Minsk |
BY-VI  | Vitebsk Region | Vitebsk | Vitebsk; Viciebsk |
"""

# Cities that are regions of their own: the city entry names them.
CITY_STATES = {"RU-MOW", "RU-SPE", "UA-30", "UA-40", "BY-HM"}


def _regions() -> dict[str, dict]:
    out = {}
    for line in _REGION_TABLE.strip().splitlines():
        code, name, capital, stems, full = (c.strip() for c in line.split("|"))
        out[code] = {"name": name, "capital": capital, "stems": stems, "full": full,
                     "city_state": code in CITY_STATES}
    return out


REGIONS = _regions()

# pycountry's Ukrainian and Russian names, where they are wrong or missing.
ISO_NAME_FIXES = {
    "RU-KYA": {"uk": "Красноярський край"},
    "RU-SA": {"uk": "Республіка Саха (Якутія)", "ru": "Республика Саха (Якутия)"},
    "RU-NIZ": {"uk": "Нижньогородська область"},
    "UA-48": {"ru": "Николаевская область"},
    "BY-BR": {"ru": "Брестская область"},
    "BY-HO": {"ru": "Гомельская область"},
    "BY-HR": {"ru": "Гродненская область"},
    "BY-MA": {"ru": "Могилёвская область"},
    "BY-MI": {"ru": "Минская область"},
    "BY-VI": {"ru": "Витебская область"},
}

# More Russian / Ukrainian names per region: short and colloquial forms.
CYRILLIC = {
    "RU-AD": "Адыгея; Адигея",
    "RU-AL": "Горный Алтай; Гірський Алтай",
    "RU-BA": "Башкирия; Башкортостан; Башкирія",
    "RU-BEL": "Белгородчина; Белгородщина; Бєлгородська область; Бєлгородщина; Білгородщина",
    "RU-BRY": "Брянщина",
    "RU-BU": "Бурятия; Бурятія",
    "RU-CE": "Чечня; Чечня",
    "RU-CHU": "Чукотка",
    "RU-CU": "Чувашия; Чувашія; Чувашская Республика",
    "RU-DA": "Дагестан",
    "RU-IN": "Ингушетия; Інгушетія",
    "RU-KB": "Кабардино-Балкария; Кабардино-Балкарія",
    "RU-KC": "Карачаево-Черкесия; Карачаєво-Черкесія",
    "RU-KDA": "Кубань",
    "RU-KEM": "Кузбасс; Кузбас",
    "RU-KHM": "Югра; ХМАО",
    "RU-KK": "Хакасия; Хакасія",
    "RU-KL": "Калмыкия; Калмикія",
    "RU-KO": "Коми",
    "RU-KR": "Карелия; Карелія",
    "RU-KRS": "Курщина",
    "RU-LEN": "Ленобласть",
    "RU-ME": "Марий Эл; Марій Ел",
    "RU-MO": "Мордовия; Мордовія",
    "RU-MOS": "Подмосковье; Підмосков'я",
    "RU-ORL": "Орловщина",
    "RU-PRI": "Приморье; Примор'я",
    "RU-RYA": "Рязанщина",
    "RU-SA": "Якутия; Якутія",
    "RU-SE": "Северная Осетия; Північна Осетія",
    "RU-SMO": "Смоленщина",
    "RU-STA": "Ставрополье",
    "RU-TA": "Татарстан",
    "RU-TAM": "Тамбовщина",
    "RU-TY": "Тыва; Тува",
    "RU-UD": "Удмуртия; Удмуртія",
    "RU-VOR": "Воронежчина",
    "RU-YAN": "Ямал; ЯНАО",
    "RU-YEV": "ЕАО",
    "RU-ZAB": "Забайкалье",
    "UA-05": "Винничина; Вінниччина",
    "UA-07": "Волынь; Волинь",
    "UA-09": "Луганщина; Луганская Народная Республика; ЛНР",
    "UA-12": "Днепропетровщина; Дніпропетровщина; Дніпровщина",
    "UA-14": "Донетчина; Донеччина; Донецкая Народная Республика; ДНР",
    "UA-18": "Житомирщина",
    "UA-21": "Закарпатье; Закарпаття",
    "UA-26": "Прикарпаття; Івано-Франківщина",
    "UA-32": "Киевщина; Київщина",
    "UA-35": "Кировоградщина; Кіровоградщина",
    "UA-43": "Крым; Крим; Республика Крым; Республіка Крим",
    "UA-46": "Львовщина; Львівщина",
    "UA-48": "Николаевщина; Миколаївщина",
    "UA-51": "Одесщина; Одещина",
    "UA-53": "Полтавщина",
    "UA-56": "Ровенщина; Рівненщина; Рівненська область",
    "UA-59": "Сумщина",
    "UA-61": "Тернопольщина; Тернопільщина",
    "UA-63": "Харьковщина; Харківщина",
    "UA-65": "Херсонщина",
    "UA-68": "Хмельнитчина; Хмельниччина",
    "UA-71": "Черкасщина; Черкащина",
    "UA-74": "Черниговщина; Чернігівщина",
    "UA-77": "Буковина",
}

# Spellings news uses that GeoNames lacks or ranks wrongly: the first is the
# canonical English name of the city.
CITY_VARIANTS = {
    "Kyiv": "Kyiv; Kiev; Kyjiw",
    "Odesa": "Odesa; Odessa",
    "Kharkiv": "Kharkiv; Kharkov",
    "Kryvyy Rih": "Kryvyi Rih; Kryvyy Rih; Krivoy Rog; Kryvyi Rig",
    "Kupyansk": "Kupiansk; Kupyansk; Kupjansk",
    "Chuhuyiv": "Chuhuiv; Chuguiv; Chuguev; Chuhuyiv",
    "Zaporizhzhya": "Zaporizhzhia; Zaporizhia; Zaporizhzhya; Zaporozhye; Zaporozhie",
    "Mykolayiv": "Mykolaiv; Mykolayiv; Nikolaev; Nikolayev",
    "Vinnytsya": "Vinnytsia; Vinnytsya; Vinnitsa",
    "Izyum": "Izium; Izyum",
    "Balakliya": "Balakliia; Balakliya; Balakleya",
    "Saint Petersburg": "Saint Petersburg; St. Petersburg; St Petersburg; Petersburg; Sankt-Peterburg",
    "Nizhniy Novgorod": "Nizhny Novgorod; Nizhniy Novgorod; Nizhni Novgorod",
    "Velikiy Novgorod": "Veliky Novgorod; Velikiy Novgorod; Novgorod",
    "Rostov-on-Don": "Rostov-on-Don; Rostov; Rostov-na-Donu",
    "Staryy Oskol": "Stary Oskol; Staryy Oskol; Staryi Oskol",
    "Orël": "Oryol; Orel; Orël",
    "Arkhangel’sk": "Arkhangelsk; Archangel",
    "Ryazan’": "Ryazan",
    "Homyel'": "Gomel; Homel; Homyel",
    "Hrodna": "Grodno; Hrodna",
    "Mahilyow": "Mogilev; Mahilyow; Mogilyov",
    "Siverskodonetsk": "Sievierodonetsk; Severodonetsk; Siverskodonetsk",
    "Yenakiyeve": "Yenakiieve; Yenakiyeve; Yenakiyevo",
    "Avdiyivka": "Avdiivka; Avdiyivka; Avdeyevka",
    "Hulyaypole": "Huliaipole; Hulyaypole; Gulyaypole",
    "Vilnyansk": "Vilniansk; Vilnyansk",
    "Izmayil": "Izmail; Izmayil; Izmail",
    "Chornomors’k": "Chornomorsk; Chernomorsk",
    "Kamyanske": "Kamianske; Kamyanske; Kamenskoye",
    "Kostyantynivka": "Kostiantynivka; Kostyantynivka; Konstantinovka",
    "Dzhankoy": "Dzhankoi; Dzhankoy",
    "Saki": "Saky; Saki",
    "Yevpatoriya": "Yevpatoriya; Yevpatoria; Evpatoria",
    "Feodosiya": "Feodosia; Feodosiya",
    "Tëtkino": "Tyotkino; Tetkino",
    "Grayvoron": "Graivoron; Grayvoron",
}

# Small places GeoNames lists below 15,000 people that are often in the news:
# (name, country, GeoNames admin1 code).
EXTRA_CITIES = [
    ("Sudzha", "RU", "41"), ("Glushkovo", "RU", "41"), ("Tëtkino", "RU", "41"),
    ("Grayvoron", "RU", "09"), ("Sevsk", "RU", "10"), ("Ust’-Luga", "RU", "42"),
    ("Chasiv Yar", "UA", "05"), ("Vuhledar", "UA", "05"), ("Siversk", "UA", "05"),
    ("Velyka Novosilka", "UA", "05"), ("Hulyaypole", "UA", "26"), ("Orikhiv", "UA", "26"),
    ("Kamyanka-Dniprovska", "UA", "26"), ("Krasnopillya", "UA", "21"),
    ("Vovchansk", "UA", "07"), ("Hola Prystan", "UA", "08"), ("Beryslav", "UA", "08"),
    ("Ochakiv", "UA", "16"),
]

# Places GeoNames lists near a big city that are towns, not districts of it.
NOT_DISTRICTS = {"Volzhsky", "Makiyivka", "Kamyanske", "Zelenograd", "Kolpino", "Pushkin",
                 "Khartsyzk", "Avdiyivka", "Yasynuvata", "Bataysk", "Aksay", "Kopeysk",
                 "Verkhnyaya Pyshma", "Derhachi", "Pisochyn", "Novokuybyshevsk", "Berdsk",
                 "Sredneuralsk", "Kronshtadt", "Peterhof", "Sestroretsk", "Lomonosov",
                 "Krasnoye Selo", "Irpin", "Bucha", "Brovary", "Vyshneve", "Boyarka",
                 "Vyshhorod", "Semiluki", "Reutov", "Balashikha", "Lyubertsy", "Krasnogorsk", "Odintsovo"}

# Words of district names (GeoNames alternate names of towns sometimes are the
# name of their raion): "Богодухівський район" is no town.
DISTRICT_WORDS = {"район", "раион", "rayon", "raion", "district", "microdistrict", "масив",
                  "masyv", "мікрорайон", "микрорайон"}

SCRIPT_RE = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff][A-Za-z\u00c0-\u024f\u0400-\u04ff '’ʼ\-.]*")

# Russian / Ukrainian words whose stem equals the stem of some town's name
# ("Над" ~ Надым, "Южный" ~ Yuzhny): capitalised at a sentence start, they must
# not become places. Compared by key, so one form per word is enough.
CYRILLIC_COMMON = set("""
мир победа прогресс советский октябрьский ленин заря рассвет дружба звезда энергетик
строитель родина перемога область край город село район республика россия украина
в во на над под при для по из от до за без про через после около также как так это
эти все всего его ее их они она оно он мы вы был была были будет не ни но или уже еще
где когда кто что чтобы сегодня вчера ночью утром днем вечером тоже сил силы пво
під у з із зі від після біля також як це ці всі його її їх вони вона воно він ми ви був
була були буде але та або вже ще де коли хто що щоб сьогодні вчора вночі вранці вдень
южный северный западный восточный центральный светлый ясный мирный лесной снежный
удачный новый старый белый красный черный зеленый большой малый великий верхний нижний
средний первый второй південний північний західний східний центральний новий старий
білий червоний чорний зелений великий малий верхній нижній перший оса тор бар буй гай
сим ура игра стр арт кил тар ага
""".split())

SEAS = [
    # name, lat, lon, variants
    ("Black Sea", 43.4, 34.3, "Black Sea; Чёрное море; Черное море; Чорне море"),
    ("Sea of Azov", 46.1, 36.7, "Sea of Azov; Azov Sea; Азовское море; Азовське море"),
    ("Caspian Sea", 41.7, 50.7, "Caspian Sea; Каспийское море; Каспійське море"),
    ("Baltic Sea", 58.5, 19.9, "Baltic Sea; Балтийское море; Балтійське море"),
    ("Sea of Okhotsk", 55.0, 150.0, "Sea of Okhotsk; Okhotsk Sea; Охотское море; Охотське море"),
    ("Sea of Japan", 40.0, 135.0, "Sea of Japan; Japan Sea; Японское море; Японське море"),
    ("Barents Sea", 75.0, 40.0, "Barents Sea; Баренцево море; Баренцове море"),
    ("White Sea", 65.5, 37.5, "White Sea; Белое море; Біле море"),
    ("Kerch Strait", 45.3, 36.5, "Kerch Strait; Strait of Kerch; Керченский пролив; Керченська протока"),
]

COUNTRY_NAMES = [
    # code, name, lat, lon (a central point), variants
    ("RU", "Russia", 61.5, 105.3,
     "Russia; Russian Federation; Russian territory; territory of Russia; "
     "territory of the Russian Federation; Россия; Российская Федерация; РФ; Росія; "
     "Російська Федерація"),
    ("UA", "Ukraine", 48.4, 31.2,
     "Ukraine; Ukrainian territory; territory of Ukraine; Украина; Україна"),
    ("BY", "Belarus", 53.7, 27.9,
     "Belarus; Republic of Belarus; Belarusian territory; Беларусь; Белоруссия; "
     "Республика Беларусь; Білорусь; Бєларусь"),
]
