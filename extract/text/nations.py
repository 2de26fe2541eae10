"""Nations as general English names them: a country, its adjective and the word for its people.

A general list, the kind a dictionary carries, not any event's: it lets party resolution tell a
nation ("Varnia", "Varnian troops") from any other capitalised word ("Saturday", "Vask",
"Budget"), so only a nation qualifies a national family and only a nation's name alone speaks
for its government. Pure data and look-ups.
"""

from __future__ import annotations

import re
from functools import cache

# "Country: adjective[, another adjective]"; the plural demonym is derived (adjective + s for
# -an/-i words: "Malians", "Iraqis"; "-ese", "-ish", "-ch" words have none of that form).
_NATIONS = """
Afghanistan: Afghan; Albania: Albanian; Algeria: Algerian; Andorra: Andorran; Angola: Angolan;
Argentina: Argentine, Argentinian; Armenia: Armenian; Australia: Australian; Austria: Austrian;
Azerbaijan: Azerbaijani; Bahamas: Bahamian; Bahrain: Bahraini; Bangladesh: Bangladeshi;
Barbados: Barbadian; Belarus: Belarusian; Belgium: Belgian; Belize: Belizean; Benin: Beninese;
Bhutan: Bhutanese; Bolivia: Bolivian; Bosnia: Bosnian; Botswana: Botswanan; Brazil: Brazilian;
Brunei: Bruneian; Bulgaria: Bulgarian; Burkina Faso: Burkinabe; Burundi: Burundian;
Cambodia: Cambodian; Cameroon: Cameroonian; Canada: Canadian; Chad: Chadian; Chile: Chilean;
China: Chinese; Colombia: Colombian; Comoros: Comoran; Congo: Congolese; Costa Rica: Costa Rican;
Croatia: Croatian; Cuba: Cuban; Cyprus: Cypriot; Czech Republic: Czech; Denmark: Danish;
Djibouti: Djiboutian; Dominican Republic: Dominican; Ecuador: Ecuadorian; Egypt: Egyptian;
El Salvador: Salvadoran; Eritrea: Eritrean; Estonia: Estonian; Eswatini: Swazi; Ethiopia: Ethiopian;
Fiji: Fijian; Finland: Finnish; France: French; Gabon: Gabonese; Gambia: Gambian; Georgia: Georgian;
Germany: German; Ghana: Ghanaian; Greece: Greek; Guatemala: Guatemalan; Guinea: Guinean;
Guyana: Guyanese; Haiti: Haitian; Honduras: Honduran; Hungary: Hungarian; Iceland: Icelandic;
India: Indian; Indonesia: Indonesian; Iran: Iranian; Iraq: Iraqi; Ireland: Irish; Israel: Israeli;
Italy: Italian; Ivory Coast: Ivorian; Jamaica: Jamaican; Japan: Japanese; Jordan: Jordanian;
Kazakhstan: Kazakh; Kenya: Kenyan; Kosovo: Kosovar; Kuwait: Kuwaiti; Kyrgyzstan: Kyrgyz;
Laos: Laotian; Latvia: Latvian; Lebanon: Lebanese; Lesotho: Basotho; Liberia: Liberian;
Libya: Libyan; Lithuania: Lithuanian; Luxembourg: Luxembourgish; Madagascar: Malagasy;
Malawi: Malawian; Malaysia: Malaysian; Maldives: Maldivian; Mali: Malian; Malta: Maltese;
Mauritania: Mauritanian; Mauritius: Mauritian; Mexico: Mexican; Moldova: Moldovan; Monaco: Monegasque;
Mongolia: Mongolian; Montenegro: Montenegrin; Morocco: Moroccan; Mozambique: Mozambican;
Myanmar: Burmese; Namibia: Namibian; Nepal: Nepalese, Nepali; Netherlands: Dutch;
New Zealand: New Zealander; Nicaragua: Nicaraguan; Niger: Nigerien; Nigeria: Nigerian;
North Korea: North Korean; North Macedonia: Macedonian; Norway: Norwegian; Oman: Omani;
Pakistan: Pakistani; Palestine: Palestinian; Panama: Panamanian; Papua New Guinea: Papua New Guinean;
Paraguay: Paraguayan; Peru: Peruvian; Philippines: Philippine, Filipino; Poland: Polish;
Portugal: Portuguese; Puerto Rico: Puerto Rican; Qatar: Qatari; Romania: Romanian; Russia: Russian;
Rwanda: Rwandan; Saudi Arabia: Saudi; Senegal: Senegalese; Serbia: Serbian; Sierra Leone: Sierra Leonean;
Singapore: Singaporean; Slovakia: Slovak; Slovenia: Slovenian; Somalia: Somali; South Africa: South African;
South Korea: South Korean; South Sudan: South Sudanese; Spain: Spanish; Sri Lanka: Sri Lankan;
Sudan: Sudanese; Suriname: Surinamese; Sweden: Swedish; Switzerland: Swiss; Syria: Syrian;
Taiwan: Taiwanese; Tajikistan: Tajik; Tanzania: Tanzanian; Thailand: Thai; Togo: Togolese;
Tunisia: Tunisian; Turkey: Turkish; Turkmenistan: Turkmen; Uganda: Ugandan; Ukraine: Ukrainian;
United Arab Emirates: Emirati; United Kingdom: British; United States: American; Uruguay: Uruguayan;
Uzbekistan: Uzbek; Venezuela: Venezuelan; Vietnam: Vietnamese; Yemen: Yemeni; Zambia: Zambian;
Zimbabwe: Zimbabwean
"""
# Other names general English uses for a country, each with the canonical name.
_ALIASES = {
    "Britain": "United Kingdom", "Great Britain": "United Kingdom", "UK": "United Kingdom", "U.K.": "United Kingdom",
    "England": "United Kingdom", "US": "United States", "U.S.": "United States", "USA": "United States",
    "America": "United States", "United States of America": "United States", "Holland": "Netherlands",
    "Burma": "Myanmar", "Côte d'Ivoire": "Ivory Coast", "Czechia": "Czech Republic", "Turkiye": "Turkey",
    "Türkiye": "Turkey", "Bosnia and Herzegovina": "Bosnia",
}
# Nouns for a nation's people that are not its adjective ("a Briton", "two Spaniards"), and the
# plurals of adjectives that are also nouns ("Greeks", "Czechs"). Kept out of ``nation_of``: a
# nation's name alone speaks for its government, a word for its people never does.
_PEOPLE_NOUNS = """
United Kingdom: Briton, Brit, Englishman, Englishwoman; Spain: Spaniard; Denmark: Dane; Sweden: Swede;
Finland: Finn; Poland: Pole; Turkey: Turk; Netherlands: Dutchman, Dutchwoman; France: Frenchman, Frenchwoman;
Ireland: Irishman, Irishwoman; Greece: Greek; Czech Republic: Czech; Slovakia: Slovak; Kazakhstan: Kazakh;
Uzbekistan: Uzbek; Tajikistan: Tajik; Philippines: Filipino, Filipina; Kosovo: Kosovar; Iceland: Icelander;
Luxembourg: Luxembourger
"""


@cache
def _table() -> dict[str, str]:
    """Every written form (lower case) -> the canonical country name."""
    table: dict[str, str] = {}
    for entry in _NATIONS.replace("\n", " ").split(";"):
        country, _, adjectives = entry.partition(":")
        country = country.strip()
        forms = [country, *(a.strip() for a in adjectives.split(","))]
        for adjective in forms[1:]:
            if re.search(r"(?:an|i|er|ot)$", adjective):
                forms.append(adjective + "s")  # the people: "Malians", "Iraqis", "Cypriots"
        for form in forms:
            table.setdefault(form.lower(), country)
    for alias, country in _ALIASES.items():
        table[alias.lower()] = country
    return table


@cache
def _pattern() -> re.Pattern[str]:
    forms = sorted(_table(), key=len, reverse=True)
    body = "|".join(re.escape(f) for f in forms)
    return re.compile(rf"(?<![\w-])(?:{body})(?:['’]s)?(?![\w-])", re.IGNORECASE)


def nation_of(word: str) -> str | None:
    """The country ``word`` names ("Malian", "Mali's", "the Chinese" -> "China"), else None."""
    key = re.sub(r"['’]s$", "", word.strip()).strip(" .").lower()
    key = re.sub(r"^the\s+", "", key)
    return _table().get(key)


def is_people(word: str) -> bool:
    """A plural demonym alone ("Malians", "Britons"; "the Chinese" is not: that is ambiguous)."""
    key = word.strip().lower()
    if key in _people_table():
        return key.endswith(("s", "men"))
    return nation_of(word) is not None and key.endswith("s") and key not in _table_countries()


@cache
def _people_table() -> dict[str, str]:
    """Every word for a nation's people outside the adjective table (lower case, singular and
    plural) -> the canonical country name."""
    table: dict[str, str] = {}
    for entry in _PEOPLE_NOUNS.replace("\n", " ").split(";"):
        country, _, nouns = entry.partition(":")
        for noun in (n.strip() for n in nouns.split(",")):
            plural = noun[:-3] + "men" if noun.endswith("man") else noun + "s"  # "Dutchmen", "Britons"
            table[noun.lower()] = table[plural.lower()] = country.strip()
    return table


def people_of(word: str) -> str | None:
    """The country whose people ``word`` names ("Britons", "a Spaniard", "Malians" -> its
    country), else None: the words for a nation's people, singular or plural."""
    key = re.sub(r"^(?:the|a|an)\s+", "", word.strip().strip(" .").lower())
    if key in _people_table():
        return _people_table()[key]
    country = nation_of(key)
    return country if country and key not in _table_countries() and _is_demonym_noun(key) else None


def _is_demonym_noun(key: str) -> bool:
    """A form of the adjective table that is also a noun for the people: the derived plural
    ("malians", "iraqis") or the adjective itself when it ends as such nouns do ("malian")."""
    return bool(re.search(r"(?:ans?|is?|ers?|ots?|ese)$", key))


@cache
def _table_countries() -> frozenset[str]:
    return frozenset(country.lower() for country in _table().values()) | frozenset(a.lower() for a in _ALIASES)


def nations_in(text: str) -> list[tuple[int, int, str]]:
    """Every nation ``text`` names, as (start, end, country), in text order. Capitalised only:
    "turkey" in lower case is a bird, "Turkish" a nation."""
    found = []
    for match in _pattern().finditer(text):
        if match.group(0)[:1].isupper():
            found.append((match.start(), match.end(), _table()[re.sub(r"['’]s$", "", match.group(0)).lower()]))
    return found


def nationalities_in(text: str) -> list[tuple[int, int, str, str]]:
    """Every nation ``text`` names, as (start, end, country, form), in text order, where form
    says how: "country" ("Britain", "the Netherlands"), "people" ("Britons", "Malians") or
    "adjective" ("British", "Spanish"). Capitalised only, as ``nations_in``."""
    found = [(start, end, country, _form(text[start:end])) for start, end, country in nations_in(text)]
    taken = [(start, end) for start, end, _, _ in found]
    for match in _people_pattern().finditer(text):
        overlaps = any(match.start() < end and start < match.end() for start, end in taken)
        if match.group(0)[:1].isupper() and not overlaps:
            found.append((match.start(), match.end(), _people_table()[match.group(0).lower()], "people"))
    return sorted(found)


def _form(written: str) -> str:
    key = re.sub(r"['’]s$", "", written).lower()
    if key in _table_countries():
        return "country"
    return "people" if is_people(key) else "adjective"


@cache
def _people_pattern() -> re.Pattern[str]:
    forms = sorted(_people_table(), key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(f) for f in forms)})(?![\w-])", re.IGNORECASE)

