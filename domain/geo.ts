/**
 * Distances on the Earth: one radius and one great-circle formula, in TypeScript and as SQL, used by the
 * pipeline, the scores, the API and the page alike.
 */

/** Mean Earth radius (IUGG), km. */
export const earthRadiusKm = 6371.0088;

const rad = Math.PI / 180;

/**
 * Great-circle (haversine) distance in km between two lon/lat points.
 * @example haversineKm(139.75, 35.69, 135.5, 34.69) // ≈ 403
 */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * The same distance as a SQL expression over two lon/lat column pairs (DuckDB or PostgreSQL).
 * @example haversineSql('o.lon', 'o.lat', 'm.lon', 'm.lat')
 */
export function haversineSql(lon1: string, lat1: string, lon2: string, lat2: string): string {
  return `2 * ${earthRadiusKm} * asin(least(1, sqrt(power(sin(radians(${lat2} - ${lat1}) / 2), 2) + cos(radians(${lat1})) * cos(radians(${lat2})) * power(sin(radians(${lon2} - ${lon1}) / 2), 2))))`;
}

/**
 * The south-west and north-east corners around some points (lon/lat degrees), for framing them on a map.
 * @example pointBounds([{ lon: 139.6, lat: 35.6 }, { lon: 141.3, lat: 43.1 }]) // [[139.6, 35.6], [141.3, 43.1]]
 */
export function pointBounds(points: readonly { lon: number; lat: number }[]): [[number, number], [number, number]] {
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  return [
    [Math.min(...lons), Math.min(...lats)],
    [Math.max(...lons), Math.max(...lats)],
  ];
}
