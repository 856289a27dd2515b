//! Appointment codes: short, unguessable, and easy to read aloud over the phone.
//!
//! Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L, nor U), shown as
//! "K7QX-M4PT": 30⁸ ≈ 6.6 × 10¹¹ codes, so guessing one is hopeless, and a code alone reveals
//! nothing — every lookup also needs the document.

use std::fmt;

pub const ALPHABET: &[u8; 30] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const LENGTH: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AppointmentCode(String);

impl AppointmentCode {
    /// Builds a code from eight random words (the caller supplies the randomness, so this
    /// crate needs no random-number generator). 2³² mod 30 leaves a bias below 10⁻⁸.
    pub fn from_random(words: [u32; LENGTH]) -> AppointmentCode {
        AppointmentCode(words.iter().map(|w| ALPHABET[(*w % 30) as usize] as char).collect())
    }

    /// Reads a code as a person may type it: any case, with or without the hyphen or spaces.
    pub fn parse(input: &str) -> Option<AppointmentCode> {
        let code: String =
            input.chars().filter(|c| !matches!(c, '-' | ' ')).map(|c| c.to_ascii_uppercase()).collect();
        (code.len() == LENGTH && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(AppointmentCode(code))
    }

    /// Without the hyphen, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AppointmentCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", &self.0[..4], &self.0[4..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_as_typed() {
        let code = AppointmentCode::from_random([0, 1, 2, 29, 30, 31, 100, u32::MAX]);
        assert_eq!(code.to_string().len(), 9);
        assert_eq!(AppointmentCode::parse(&code.to_string().to_lowercase()), Some(code.clone()));
        assert_eq!(AppointmentCode::parse(code.as_str()), Some(code));
    }

    #[test]
    fn look_alikes_and_wrong_lengths_are_refused() {
        assert_eq!(AppointmentCode::parse("K7QX-M4P0"), None);
        assert_eq!(AppointmentCode::parse("K7QX-M4PI"), None);
        assert_eq!(AppointmentCode::parse("K7QX-M4P"), None);
        assert_eq!(AppointmentCode::parse("K7QX-M4PTT"), None);
    }
}
