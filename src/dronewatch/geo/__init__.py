"""Gazetteer: countries, ISO 3166-2 regions, cities and seas of Russia, Ukraine and
Belarus, found in English, Russian and Ukrainian text. See docs/geo.md.

    >>> from dronewatch.geo import get_gazetteer
    >>> [m.place.admin1 for m in get_gazetteer().find("Drones over the Rostov region")]
    ['RU-ROS']
"""

from dronewatch.geo.gazetteer import Gazetteer, Place, PlaceMention, get_gazetteer

__all__ = ["Gazetteer", "Place", "PlaceMention", "get_gazetteer"]
