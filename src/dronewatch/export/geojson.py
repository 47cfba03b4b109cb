"""GeoJSON: a FeatureCollection with one Feature per claim or incident.

The geometry is the Point of the item's own coordinates (the gazetteer's point for the
place or region it names), or null when it has none: a national figure or a garbled place
gets no invented centroid. The properties are the flat row (rows.py) plus, for an
incident, its flags as objects. Written as a stream, one Feature per line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

import orjson

from dronewatch.export.rows import kind_of, row
from dronewatch.model import Claim, Incident


def feature(item: Claim | Incident) -> dict:
    kind = kind_of(item)
    props = row(item)
    props["kind"] = kind
    if kind == "incident":
        props["flags"] = [f.to_dict() for f in item.flags]
        props["values"] = item.values
        props.pop("flag_messages", None)
    lat, lon = item.location.lat, item.location.lon
    geometry = ({"type": "Point", "coordinates": [lon, lat]}
                if lat is not None and lon is not None else None)
    return {"type": "Feature", "id": item.id, "geometry": geometry, "properties": props}


def write_geojson(items: Iterable[Claim | Incident], fh: TextIO) -> int:
    fh.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for item in items:
        if n:
            fh.write(",\n")
        fh.write(orjson.dumps(feature(item)).decode())
        n += 1
    fh.write("\n]}\n")
    return n
