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
    """A plural demonym alone ("Malians", "the Chinese" is not: that is ambiguous)."""
    return nation_of(word) is not None and word.strip().lower().endswith("s") and word.lower() not in _table_countries()


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
