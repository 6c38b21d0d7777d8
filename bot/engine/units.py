"""Canonical units, their families and conversion factors.

Figures carry a canonical unit string. Two figures are comparable when their
units are equal or belong to one convertible family (area, distance, weight,
speed, duration). Money compares only within one currency and percentages only
with percentages: no exchange rates are guessed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class UnitInfo:
    canonical: str
    family: str
    #: factor to the family's base unit (km2, km, kg, km/h, hours); 1 for the rest
    factor: float = 1.0


_TABLE: dict[str, UnitInfo] = {}


def _add(canonical: str, family: str, factor: float, *aliases: str) -> None:
    info = UnitInfo(canonical, family, factor)
    _TABLE[canonical] = info
    for a in aliases:
        _TABLE[a] = info


# counts
_add("people", "people", 1)
_add("count", "count", 1)
# ratios
_add("percent", "percent", 1, "%", "per cent", "pct")
_add("pp", "pp", 1, "percentage point", "percentage points")
# area (base km2)
_add("km2", "area", 1, "km²", "sq km", "square kilometre", "square kilometres", "square kilometer",
     "square kilometers")
_add("m2", "area", 1e-6, "m²", "sq m", "square metre", "square metres", "square meter", "square meters")
_add("ha", "area", 0.01, "hectare", "hectares")
_add("acre", "area", 0.00404686, "acres")
_add("sqmi", "area", 2.58999, "sq mi", "square mile", "square miles")
_add("sqft", "area", 9.2903e-8, "sq ft", "square foot", "square feet")
# distance (base km)
_add("km", "distance", 1, "kilometre", "kilometres", "kilometer", "kilometers")
_add("m", "distance", 0.001, "metre", "metres", "meter", "meters")
_add("cm", "distance", 0.00001, "centimetre", "centimetres", "centimeter", "centimeters")
_add("mm", "distance", 0.000001, "millimetre", "millimetres", "millimeter", "millimeters")
_add("mi", "distance", 1.609344, "mile", "miles")
_add("yd", "distance", 0.0009144, "yard", "yards")
_add("ft", "distance", 0.0003048, "foot", "feet")
_add("in", "distance", 0.0000254, "inch", "inches")
_add("nm", "distance", 1e-12, "nanometre", "nanometres", "nanometer", "nanometers")
_add("nmi", "distance", 1.852, "nautical mile", "nautical miles")
# weight (base kg)
_add("kg", "weight", 1, "kilogram", "kilograms", "kilo", "kilos")
_add("g", "weight", 0.001, "gram", "grams")
_add("t", "weight", 1000, "tonne", "tonnes", "metric ton", "metric tons")
_add("lb", "weight", 0.45359237, "lbs", "pound weight", "pounds weight")
_add("ton", "weight", 907.18474, "tons", "short ton", "short tons")
# speed (base km/h)
_add("km/h", "speed", 1, "kph", "kmh")
_add("mph", "speed", 1.609344)
_add("knots", "speed", 1.852, "knot", "kn")
_add("km/s", "speed", 3600, "kps")
_add("m/s", "speed", 3.6)
# duration (base hours)
_add("seconds", "duration", 1 / 3600, "second", "secs", "sec")
_add("hours", "duration", 1, "hour", "hrs", "hr")
_add("minutes", "duration", 1 / 60, "minute", "mins", "min")
_add("days", "duration", 24, "day")
_add("weeks", "duration", 24 * 7, "week")
_add("months", "duration", 24 * 30.44, "month")
_add("years", "duration", 24 * 365.25, "year")
_add("decades", "duration", 24 * 3652.5, "decade")
_add("centuries", "duration", 24 * 36525, "century")
# volume
_add("l", "volume", 1, "litre", "litres", "liter", "liters")
_add("barrels", "volume", 158.987, "barrel", "bbl")
_add("ml", "volume", 0.001, "millilitre", "millilitres", "milliliter", "milliliters")
_add("m3", "volume", 1000, "m³", "cubic metre", "cubic metres", "cubic meter", "cubic meters")
_add("gallons", "volume", 3.785411784, "gallon", "gal")
# power (base MW): "a 1,100MW reactor", "imports of up to 900 megawatts"
_add("mw", "power", 1, "megawatt", "megawatts")
_add("kw", "power", 0.001, "kilowatt", "kilowatts")
_add("gw", "power", 1000, "gigawatt", "gigawatts")
_add("w", "power", 1e-6, "watt", "watts")
# concentration in air (base µg/m3) and in water (base mg/l); ppm and ppb are their own
_add("µg/m3", "concentration", 1, "ug/m3", "micrograms per cubic metre", "micrograms per cubic meter")
_add("mg/l", "concentration in water", 1, "milligrams per litre", "milligrams per liter")

#: ISO 4217 codes the parser knows, with the symbols and words that name them
CURRENCIES: dict[str, tuple[str, ...]] = {
    "USD": ("$", "us$", "usd", "dollar", "dollars", "us dollars", "u.s. dollars"),
    "EUR": ("€", "eur", "euro", "euros"),
    "GBP": ("£", "gbp", "pound", "pounds", "pounds sterling", "sterling"),
    "JPY": ("¥", "jpy", "yen"),
    "CNY": ("cny", "yuan", "renminbi", "rmb"),
    "INR": ("₹", "inr", "rupee", "rupees"),
    "RUB": ("₽", "rub", "rouble", "roubles", "ruble", "rubles"),
    "UAH": ("₴", "uah", "hryvnia", "hryvnias"),
    # francs whose country the text does not name are Swiss: the one franc still in wide use in the news
    "CHF": ("chf", "swiss franc", "swiss francs", "franc", "francs", "fr."),
    "CAD": ("c$", "ca$", "cad", "canadian dollar", "canadian dollars"),
    "AUD": ("a$", "au$", "aud", "australian dollar", "australian dollars"),
    "KRW": ("₩", "krw", "won"),
    "BRL": ("r$", "brl", "real", "reais"),
    "MXN": ("mxn", "peso", "pesos", "mexican pesos"),
    "NGN": ("₦", "ngn", "naira"),
    "ZAR": ("zar", "rand"),
    "SEK": ("sek", "swedish krona", "swedish kronor"),
    "NOK": ("nok", "norwegian krone", "norwegian kroner"),
    "DKK": ("dkk", "danish krone", "danish kroner"),
    "PLN": ("pln", "zloty", "zlotys"),
    "TRY": ("₺", "try", "lira", "turkish lira"),
    "HKD": ("hk$", "hkd", "hong kong dollar", "hong kong dollars"),
    "SGD": ("s$", "sgd", "singapore dollar", "singapore dollars"),
    "NZD": ("nz$", "nzd", "new zealand dollar", "new zealand dollars"),
    "MYR": ("rm", "myr", "ringgit"),
    "ILS": ("₪", "ils", "nis", "shekel", "shekels"),
    "CZK": ("czk", "koruna", "korunas", "czech koruna", "czech crowns"),
    # crowns whose country the text does not name ("2.9 million kroner", "1.5 billion crowns"): one
    # currency among themselves, never converted ("crowns" is money only after a scale word)
    "KR": ("krone", "kroner", "krona", "kronor", "crown", "crowns"),
}
for _code in CURRENCIES:
    _TABLE[_code] = UnitInfo(_code, "money", 1)


def unit_info(unit: str) -> UnitInfo:
    """The known unit for a canonical name or alias; an unknown unit is its own family."""
    key = unit.strip()
    info = _TABLE.get(key) or _TABLE.get(key.lower())
    if info is None:
        return UnitInfo(key.lower(), "other:" + key.lower(), 1)
    return info


def canonical_unit(unit: str) -> str:
    return unit_info(unit).canonical


def unit_family(unit: str) -> str:
    return unit_info(unit).family


def compatible_units(unit: str) -> list[str]:
    """Every canonical unit a figure in ``unit`` may be compared with (for retrieval)."""
    info = unit_info(unit)
    if info.family in ("money", "people", "count", "percent", "pp") or info.family.startswith("other:"):
        return [info.canonical]
    return sorted({u.canonical for u in _TABLE.values() if u.family == info.family})


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert between units of one family; raises ValueError across families."""
    a, b = unit_info(from_unit), unit_info(to_unit)
    if a.family != b.family:
        raise ValueError(f"cannot convert {from_unit} to {to_unit}")
    if a.canonical == b.canonical:
        return value
    return value * a.factor / b.factor
