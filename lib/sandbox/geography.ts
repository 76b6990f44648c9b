/** Where a number "is", as Twilio reports it for local numbers (search results, FromCity…). */
export interface Place {
  country: string;
  locality: string;
  region: string;
  postalCode: string;
  latitude: number;
  longitude: number;
  rateCenter: string;
  lata: string | null;
}

type Row = [prefix: string, country: string, locality: string, region: string, postalCode: string, lat: number, long: number, lata: string | null];

// A few real places per country, enough for realistic search results and webhook fields.
// Keys are E.164 prefixes without the plus.
const PLACES: readonly Row[] = [
  ["1415", "US", "San Francisco", "CA", "94105", 37.7749, -122.4194, "722"],
  ["1628", "US", "San Francisco", "CA", "94103", 37.7749, -122.4194, "722"],
  ["1510", "US", "Oakland", "CA", "94612", 37.8044, -122.2712, "722"],
  ["1213", "US", "Los Angeles", "CA", "90012", 34.0522, -118.2437, "730"],
  ["1212", "US", "New York", "NY", "10001", 40.7128, -74.006, "132"],
  ["1646", "US", "New York", "NY", "10001", 40.7128, -74.006, "132"],
  ["1718", "US", "Brooklyn", "NY", "11201", 40.6782, -73.9442, "132"],
  ["1312", "US", "Chicago", "IL", "60601", 41.8781, -87.6298, "358"],
  ["1773", "US", "Chicago", "IL", "60614", 41.8781, -87.6298, "358"],
  ["1206", "US", "Seattle", "WA", "98101", 47.6062, -122.3321, "674"],
  ["1512", "US", "Austin", "TX", "78701", 30.2672, -97.7431, "558"],
  ["1617", "US", "Boston", "MA", "02108", 42.3601, -71.0589, "128"],
  ["1303", "US", "Denver", "CO", "80202", 39.7392, -104.9903, "656"],
  ["1305", "US", "Miami", "FL", "33101", 25.7617, -80.1918, "460"],
  ["1702", "US", "Las Vegas", "NV", "89101", 36.1699, -115.1398, "721"],
  ["1404", "US", "Atlanta", "GA", "30303", 33.749, -84.388, "438"],
  ["1416", "CA", "Toronto", "ON", "M5H", 43.6532, -79.3832, null],
  ["1647", "CA", "Toronto", "ON", "M5V", 43.6532, -79.3832, null],
  ["1437", "CA", "Toronto", "ON", "M4W", 43.6532, -79.3832, null],
  ["1604", "CA", "Vancouver", "BC", "V6B", 49.2827, -123.1207, null],
  ["1778", "CA", "Vancouver", "BC", "V6C", 49.2827, -123.1207, null],
  ["1514", "CA", "Montreal", "QC", "H2Y", 45.5017, -73.5673, null],
  ["1438", "CA", "Montreal", "QC", "H3B", 45.5017, -73.5673, null],
  ["1613", "CA", "Ottawa", "ON", "K1P", 45.4215, -75.6972, null],
  ["1403", "CA", "Calgary", "AB", "T2P", 51.0447, -114.0719, null],
  ["1587", "CA", "Calgary", "AB", "T2G", 51.0447, -114.0719, null],
  ["4420", "GB", "London", "", "", 51.5072, -0.1276, null],
  ["44161", "GB", "Manchester", "", "", 53.4808, -2.2426, null],
  ["44121", "GB", "Birmingham", "", "", 52.4862, -1.8904, null],
  ["44113", "GB", "Leeds", "", "", 53.8008, -1.5491, null],
  ["44131", "GB", "Edinburgh", "", "", 55.9533, -3.1883, null],
  ["44141", "GB", "Glasgow", "", "", 55.8642, -4.2518, null],
];

/** The place of a local number, when it is one of the places the sandbox knows. */
export function placeOfNumber(e164: string): Place | null {
  const digits = e164.replace(/^\+/, "");
  const row = PLACES.filter(([prefix]) => digits.startsWith(prefix)).sort((a, b) => b[0].length - a[0].length)[0];
  if (!row) return null;
  const [, country, locality, region, postalCode, latitude, longitude, lata] = row;
  return { country, locality, region, postalCode, latitude, longitude, rateCenter: locality.toUpperCase(), lata };
}

/** Area codes (national prefixes) the sandbox offers local numbers in, per country. */
export function localPrefixes(country: string): string[] {
  const code = country === "US" || country === "CA" ? "1" : country === "GB" ? "44" : null;
  if (!code) return [];
  return PLACES.filter(([, placeCountry]) => placeCountry === country).map(([prefix]) => prefix.slice(code.length));
}
