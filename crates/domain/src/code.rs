//! Appointment codes: short, unguessable, and easy to read aloud over the phone.
//!
//! Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L, nor U), shown as
//! "K7QX-M4PT": 30⁸ ≈ 6.6 × 10¹¹ codes, so guessing one is hopeless, and a code alone reveals
//! nothing — every lookup also needs the document.

use crate::lang::Lang;
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

/// A code read aloud, one character at a time: each letter with a word that starts with it
/// ("K de kilo"; "K as in Kilo"), each digit as it is, so that it survives a bad phone line.
pub fn spelled(code: &AppointmentCode, lang: Lang) -> Vec<String> {
    code.0
        .chars()
        .map(|c| match (word_for(c, lang), lang) {
            (Some(word), Lang::Es) => format!("{c} de {word}"),
            (Some(word), Lang::En) => format!("{c} as in {word}"),
            (None, _) => c.to_string(),
        })
        .collect()
}

/// Spanish words a Colombian caller knows; English, the ICAO alphabet.
fn word_for(letter: char, lang: Lang) -> Option<&'static str> {
    const ES: [(char, &str); 22] = [
        ('A', "arepa"),
        ('B', "burro"),
        ('C', "casa"),
        ('D', "dedo"),
        ('E', "elefante"),
        ('F', "foca"),
        ('G', "gato"),
        ('H', "hotel"),
        ('J', "jamón"),
        ('K', "kilo"),
        ('M', "mamá"),
        ('N', "nariz"),
        ('P', "papá"),
        ('Q', "queso"),
        ('R', "ratón"),
        ('S', "sapo"),
        ('T', "taza"),
        ('V', "vaca"),
        ('W', "Washington"),
        ('X', "xilófono"),
        ('Y', "yuca"),
        ('Z', "zapato"),
    ];
    const EN: [(char, &str); 22] = [
        ('A', "Alfa"),
        ('B', "Bravo"),
        ('C', "Charlie"),
        ('D', "Delta"),
        ('E', "Echo"),
        ('F', "Foxtrot"),
        ('G', "Golf"),
        ('H', "Hotel"),
        ('J', "Juliett"),
        ('K', "Kilo"),
        ('M', "Mike"),
        ('N', "November"),
        ('P', "Papa"),
        ('Q', "Quebec"),
        ('R', "Romeo"),
        ('S', "Sierra"),
        ('T', "Tango"),
        ('V', "Victor"),
        ('W', "Whiskey"),
        ('X', "X-ray"),
        ('Y', "Yankee"),
        ('Z', "Zulu"),
    ];
    let words = if lang == Lang::En { &EN } else { &ES };
    words.iter().find(|(l, _)| *l == letter).map(|(_, word)| *word)
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

    #[test]
    fn every_letter_of_the_alphabet_is_spelled_with_a_word_in_both_languages() {
        for &letter in ALPHABET.iter().filter(|b| b.is_ascii_alphabetic()) {
            for lang in [Lang::Es, Lang::En] {
                let word = word_for(letter as char, lang).expect("a word for every letter");
                assert!(word.to_uppercase().starts_with(letter as char), "{word} for {}", letter as char);
            }
        }
        let code = AppointmentCode::parse("K7QX-M4PT").unwrap();
        assert_eq!(spelled(&code, Lang::Es)[..3], ["K de kilo", "7", "Q de queso"]);
        assert_eq!(spelled(&code, Lang::En)[..3], ["K as in Kilo", "7", "Q as in Quebec"]);
    }
}
