//! Which client a request comes from: the address its connection comes from, or, when that is
//! one of the configured trusted proxies, the address the proxies say they received it from
//! (`X-Forwarded-For`). Anyone can write that header, so it is believed only from a trusted
//! proxy, and only as far back as the chain of trusted proxies goes.
//!
//! An IPv6 client is its /64 network: one subscriber gets a whole /64 and may use any address
//! in it, so a single address would let a script change its identity at will.

use super::AppState;
use crate::config::Network;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Request};
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use tower_governor::GovernorError;
use tower_governor::key_extractor::KeyExtractor;

/// Finds the client address of requests, given the trusted proxies.
#[derive(Debug, Clone)]
pub struct ClientAddresses {
    trusted: Arc<[Network]>,
}

impl ClientAddresses {
    pub fn new(trusted: &[Network]) -> ClientAddresses {
        ClientAddresses { trusted: trusted.into() }
    }

    /// The client's address; a request without a connection (called in process) is the
    /// unspecified address's.
    pub fn of(&self, headers: &HeaderMap, peer: Option<SocketAddr>) -> IpAddr {
        let peer = peer.map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |p| p.ip().to_canonical());
        if !self.is_trusted(peer) {
            return subscriber(peer);
        }
        // The proxies append the address each received the request from: read from the last,
        // past the trusted proxies, to the first address that is not one.
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|a| a.trim().parse::<IpAddr>().map(|a| a.to_canonical()))
            .collect::<Result<_, _>>()
            .unwrap_or_default();
        let client = forwarded.iter().rev().copied().find(|a| !self.is_trusted(*a)).unwrap_or(peer);
        subscriber(client)
    }

    fn is_trusted(&self, address: IpAddr) -> bool {
        self.trusted.iter().any(|n| n.contains(address))
    }
}

/// An IPv4 address as it is; an IPv6 one as its /64 network.
fn subscriber(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => IpAddr::V6((v6.to_bits() & (u128::MAX << 64)).into()),
    }
}

impl KeyExtractor for ClientAddresses {
    type Key = IpAddr;

    fn extract<T>(&self, request: &Request<T>) -> Result<IpAddr, GovernorError> {
        let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
        Ok(self.of(request.headers(), peer))
    }
}

/// The client address of a request, for a handler.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<ClientAddress, Infallible> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
        Ok(ClientAddress(app.client_addresses.of(&parts.headers, peer)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(forwarded: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", forwarded.parse().unwrap());
        headers
    }

    fn peer(address: &str) -> Option<SocketAddr> {
        Some(SocketAddr::new(address.parse().unwrap(), 40000))
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let addresses = ClientAddresses::new(&["10.0.0.0/8".parse().unwrap()]);
        let forged = headers("198.51.100.1");
        assert_eq!(addresses.of(&forged, peer("203.0.113.5")).to_string(), "203.0.113.5");
        assert_eq!(addresses.of(&forged, peer("10.0.0.2")).to_string(), "198.51.100.1");
        // A client that writes the header itself adds to the left of what the proxy saw.
        let chain = headers("198.51.100.1, 203.0.113.5, 10.0.0.3");
        assert_eq!(addresses.of(&chain, peer("10.0.0.2")).to_string(), "203.0.113.5");
        // From a trusted proxy without the header, or with garbage, the proxy is the client.
        assert_eq!(addresses.of(&HeaderMap::new(), peer("10.0.0.2")).to_string(), "10.0.0.2");
        assert_eq!(addresses.of(&headers("unknown"), peer("10.0.0.2")).to_string(), "10.0.0.2");
        // IPv4 over an IPv6 socket is the IPv4 address.
        assert_eq!(addresses.of(&HeaderMap::new(), peer("::ffff:203.0.113.5")).to_string(), "203.0.113.5");
    }

    #[test]
    fn an_ipv6_client_is_its_64_network() {
        let addresses = ClientAddresses::new(&["10.0.0.0/8".parse().unwrap()]);
        let a = addresses.of(&HeaderMap::new(), peer("2001:db8:1:2:aaaa::1"));
        let b = addresses.of(&headers("2001:db8:1:2:bbbb::9"), peer("10.0.0.2"));
        assert_eq!(a, b);
        assert_eq!(a.to_string(), "2001:db8:1:2::");
        assert_ne!(a, addresses.of(&HeaderMap::new(), peer("2001:db8:1:3::1")));
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        let addresses = ClientAddresses::new(&[]);
        assert_eq!(addresses.of(&headers("198.51.100.1"), peer("10.0.0.2")).to_string(), "10.0.0.2");
    }
}
