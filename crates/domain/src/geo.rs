//! Distances between offices, to suggest the nearest ones with free seats when the chosen one
//! has none.

/// A point on the Earth, in decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub latitude: f64,
    pub longitude: f64,
}

impl Point {
    /// The point on OpenStreetMap, for "see on the map" links.
    pub fn map_link(self) -> String {
        let (lat, lon) = (degrees(self.latitude), degrees(self.longitude));
        format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}")
    }
}

/// Degrees to five decimals (about a metre) without trailing zeros, written with integers: formatting an `f64`
/// would pull Rust's float printer into the citizen's download for one link.
fn degrees(value: f64) -> String {
    let micro = (value * 100_000.0).round() as i64;
    let sign = if micro < 0 { "-" } else { "" };
    let micro = micro.unsigned_abs();
    let decimals = format!("{:05}", micro % 100_000);
    match decimals.trim_end_matches('0') {
        "" => format!("{sign}{}", micro / 100_000),
        decimals => format!("{sign}{}.{decimals}", micro / 100_000),
    }
}

const EARTH_RADIUS_KM: f64 = 6371.0;

/// Great-circle distance in kilometres (haversine): "as the crow flies", which ranks cities
/// well enough; road distance would need a map service.
pub fn distance_km(a: Point, b: Point) -> f64 {
    let (la1, la2) = (a.latitude.to_radians(), b.latitude.to_radians());
    let d_lat = la2 - la1;
    let d_lon = (b.longitude - a.longitude).to_radians();
    let h = (d_lat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (d_lon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_between_colombian_cities_are_about_right() {
        let bogota = Point { latitude: 4.711, longitude: -74.072 };
        let medellin = Point { latitude: 6.244, longitude: -75.581 };
        let girardot = Point { latitude: 4.303, longitude: -74.803 };
        // Published straight-line distances: Bogotá–Medellín ≈ 240 km, Bogotá–Girardot ≈ 93 km.
        assert!((distance_km(bogota, medellin) - 240.0).abs() < 10.0, "{}", distance_km(bogota, medellin));
        assert!((distance_km(bogota, girardot) - 93.0).abs() < 10.0, "{}", distance_km(bogota, girardot));
        assert_eq!(distance_km(bogota, bogota), 0.0);
    }

    #[test]
    fn map_links_carry_the_point_to_five_decimals() {
        let bogota = Point { latitude: 4.598_06, longitude: -74.076_1 };
        assert_eq!(
            bogota.map_link(),
            "https://www.openstreetmap.org/?mlat=4.59806&mlon=-74.0761#map=16/4.59806/-74.0761"
        );
        assert_eq!(degrees(-0.000_04), "-0.00004");
        assert_eq!(degrees(0.000_004), "0");
        assert_eq!(degrees(-75.5), "-75.5");
        assert_eq!(degrees(3.0), "3");
    }
}
