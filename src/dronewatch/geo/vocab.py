"""Small word lists the lookup needs at run time (the build uses them too)."""

from __future__ import annotations

import re

# Words that make the name before them a region: token (lower case) -> plural?
# A plural closes a list: "the Belgorod, Bryansk and Kursk regions".
REGION_WORDS: dict[str, bool] = {
    **dict.fromkeys("region oblast krai kray territory province republic okrug".split(), False),
    **dict.fromkeys("regions oblasts oblasti krais krays territories provinces republics okrugs".split(), True),
    # Russian and Ukrainian case forms
    **dict.fromkeys("область области областью обл області областю "
                    "край края краю крае краем "
                    "республика республики республике республику республикой "
                    "республіка республіки республіці республіку республікою "
                    "округ округа округе округу округом окрузі "
                    "регион региона регионе региону регіон регіону регіоні "
                    # the oblast's military or state administration: "Николаевской ОВА"
                    "ова ода ова. ода.".split(), False),
    **dict.fromkeys("областях областей областям областями краях краев краям краями "
                    "республиках республіках республик республік округах округів "
                    "регионах регионов регіонах регіонів".split(), True),
}
# Only these make an unknown capitalised word a (non-real) region: "Narnia Oblast",
# "Narnia Region". Lower-case "region" is too common after ordinary words ("the
# Donbas region"), so "region" counts only capitalised; oblast and krai in any case.
STRONG_REGION_WORDS = {"oblast", "oblasts", "krai", "kray", "krais", "Oblast", "Oblasts", "Krai",
                       "Kray", "Krais", "OBLAST", "KRAI", "Region", "Regions", "REGION"}
# May sit between a stem and its region word: "the Belgorod border region".
BORDER_WORDS = {"border", "frontier", "bordering", "frontline"}
# Abbreviations whose full stop does not end a name: "St. Petersburg".
ABBREVIATIONS = {"st", "mt", "ste"}
# A plural region word that opens a list: "in the regions of Sumy, Poltava and Kharkiv",
# "у таких областях, як Полтавська, Сумська ...", "в областях: Курской, Брянской".
LIST_OPENER = re.compile(r"(\w+)\s*(?:,?\s*(?:such\s+as|including|namely|of|як|как|а\s+именно|а\s+саме)|:|\s[—–-])\s*$")
# What a text that LIST_OPENER finds ends with, trailing spaces aside (kept with it).
LIST_OPENER_ENDINGS = ("as", "including", "namely", "of", "як", "как", "именно", "саме", ":", "—", "–", "-")
# Words after which a bare Russian or Ukrainian region adjective names the oblast: "над
# Белгородской", "в небе Курской", "у небі Сумської", "над территорией Самарской" (a post
# cut off before "области"; see Gazetteer._resolve_lists).
AIRSPACE_BEFORE = re.compile(r"(?<!\w)(?:над|небі|небе|неба)\s+(?:территорией\s+|територією\s+)?$", re.IGNORECASE)
# What may separate the items of a list of regions.
LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|\s(?:and|or|&|as well as|и|і|й|та)\s+)\s*")

# First names that are also cities, or whose stem is ("Олександр" ~ Олександрія):
# "Vladimir Putin", "Volodymyr Zelensky". Such a city match (the word as written,
# lower case) must not have a capitalised word right after it.
FIRST_NAMES = set("""vladimir volodymyr владимир володимир олександр александр сергій сергей
андрій андрей дмитро дмитрий юрій юрий ігор игорь олег іван иван михайло михаил микола
николай павло павел віталій виталий роман вадим олена елена ольга наталія наталья ірина
ирина тетяна татьяна людмила валентина анна марія мария""".split())

# Capitalised English words that must never be taken for a place (sentence starts,
# weapons, agencies, months). Alternate names equal to one of them are dropped at
# build time, and an unknown capitalised word before "Oblast" must not be one.
COMMON_WORDS = set("""
the a an and or but if in on at of for to from by with over under after before during since as
this that these those there their its his her our we they he she it you i all any some no not
air defense defence defenses defences ministry minister governor mayor president premier
army forces force navy fleet guard guards troops military command commander staff general
sea ocean river lake bay gulf strait island islands peninsula coast shore
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
reuters tass ria novosti interfax ukrinform afp ap bbc cnn
shahed shaheds geran iskander lancet kinzhal kalibr tor buk pantsir patriot himars atacms
storm shadow scalp neptune oniks onyx zircon tsirkon orlan mavic bayraktar kamikaze taurus
drone drones missile missiles rocket rockets bomb bombs attack attacks strike strikes
news report reports official officials emergency emergencies service services police
south north east west southern northern eastern western central centre center
region regions district city town village oblast krai republic federation state
national international security council house white black red green blue gold golden
star victory peace freedom liberty unity progress lenin soviet october pobeda rodina
sputnik vostok zapad yug sever mir zarya rassvet druzhba zvezda energetik stroitel
new old great little big upper lower middle port station bridge airport base plant
factory refinery depot energy power oil gas grid telegram twitter facebook youtube
kremlin pentagon nato eu un usa uk britain america europe european american british
russian ukrainian belarusian russians ukrainians soviet
says said according also however meanwhile earlier later today yesterday tonight
overnight morning evening night day week month year people civilians children
killed injured wounded damage fire explosion debris building hospital school
operation special anti aircraft electronic warfare radar unit units brigade battalion
putin zelensky zelenskyy shoigu gerasimov belousov peskov syrskyi lukashenko
alexander sergei sergey andrei andrey dmitry dmitri yuri oleg igor ivan mikhail nikolai
pavel peter maria anna elena olga natalia tatiana viktor victor boris roman max
margarita nadezhda vera lyubov sofia svetlana irina marina
human bar buy sim gay marks marx stalin plast asbest bore glina igra tara elan kili ulin tind
otdykh sera sela saari tsentralnyi tsentralnyy tsentralnyj yuzhny yuzhnyy pervomaisky
""".split())
