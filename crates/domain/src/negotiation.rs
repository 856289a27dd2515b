//! The lists of HTTP's Accept-* headers (RFC 9110, §12.4.2): items separated by commas, each
//! a token with an optional weight `;q=` from 0 (refused) to 1 (the default). The server reads
//! Accept-Language (`Lang::from_accept_language`) and Accept-Encoding with it.

/// Each item of an Accept-* list with its weight; a weight that cannot be read counts as 1.
pub fn weighted(header: &str) -> impl Iterator<Item = (&str, f32)> {
    header.split(',').map(|item| {
        let mut parts = item.split(';').map(str::trim);
        let token = parts.next().unwrap_or("");
        let weight = parts
            .find_map(|param| param.strip_prefix("q=").or_else(|| param.strip_prefix("Q=")))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        (token, weight)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tokens_and_weights() {
        let items: Vec<_> = weighted("gzip, br;q=0.5 , identity; Q=0,x;q=?").collect();
        assert_eq!(items, [("gzip", 1.0), ("br", 0.5), ("identity", 0.0), ("x", 1.0)]);
        assert_eq!(weighted("").collect::<Vec<_>>(), [("", 1.0)]);
    }
}
