//! Distances between offices, to suggest the nearest ones with free seats when the chosen one
//! has none.

/// A point on the Earth, in decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub latitude: f64,
    pub longitude: f64,
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
}
