//! Identity documents: only the NIT or cédula that booked is attended, so it must be right.
//!
//! A [`Document`] can only hold a valid number: cédula numbers are plain digits of a plausible
//! length; a NIT carries DIAN's modulo-11 check digit after a hyphen, and it must match.

use crate::lang::{Lang, Localized};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DocumentKind {
    /// Cédula de ciudadanía.
    #[serde(rename = "CC")]
    Cc,
    /// Cédula de extranjería.
    #[serde(rename = "CE")]
    Ce,
    /// Número de Identificación Tributaria.
    #[serde(rename = "NIT")]
    Nit,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 3] = [DocumentKind::Cc, DocumentKind::Ce, DocumentKind::Nit];

    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::Cc => "CC",
            DocumentKind::Ce => "CE",
            DocumentKind::Nit => "NIT",
        }
    }

    pub fn parse(code: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The name a citizen reads.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (DocumentKind::Cc, Lang::Es) => "Cédula de ciudadanía",
            (DocumentKind::Cc, Lang::En) => "Citizenship card (cédula de ciudadanía)",
            (DocumentKind::Ce, Lang::Es) => "Cédula de extranjería",
            (DocumentKind::Ce, Lang::En) => "Foreigner ID card (cédula de extranjería)",
            (DocumentKind::Nit, _) => "NIT",
        }
    }
}

/// How long numbers may be. No official source fixes cédula lengths, so operators can adjust
/// these in the configuration; the defaults accept every cédula in use we know of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct DocumentRules {
    pub cc_min_digits: usize,
    pub cc_max_digits: usize,
    pub ce_min_digits: usize,
    pub ce_max_digits: usize,
}

impl Default for DocumentRules {
    fn default() -> Self {
        // Cédulas issued since the 1950s have 5 (the oldest still valid) to 10 digits;
        // cédulas de extranjería are shorter, 6 or 7 digits today, with room to grow.
        DocumentRules { cc_min_digits: 5, cc_max_digits: 10, ce_min_digits: 5, ce_max_digits: 10 }
    }
}

/// DIAN's NIT check-digit weights, applied from the rightmost digit.
const NIT_WEIGHTS: [u32; 15] = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
/// NIT numbers (without check digit): persons use their cédula (5+ digits), companies 9 digits.
const NIT_MIN_DIGITS: usize = 5;
const NIT_MAX_DIGITS: usize = NIT_WEIGHTS.len();

/// A valid identity document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Document {
    kind: DocumentKind,
    /// Digits only, without separators or check digit.
    number: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentError {
    Empty,
    NotDigits,
    Length { min: usize, max: usize },
    LeadingZero,
    NitWithoutCheckDigit,
    NitCheckDigitMismatch,
}

impl Localized for DocumentError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DocumentError::Empty, Lang::Es) => "Escriba el número de su documento.".into(),
            (DocumentError::Empty, Lang::En) => "Enter your document number.".into(),
            (DocumentError::NotDigits, Lang::Es) => {
                "El número solo puede tener dígitos (puede separarlos con puntos).".into()
            }
            (DocumentError::NotDigits, Lang::En) => {
                "The number can only have digits (dots are allowed).".into()
            }
            (DocumentError::Length { min, max }, Lang::Es) => {
                format!("El número debe tener entre {min} y {max} dígitos.")
            }
            (DocumentError::Length { min, max }, Lang::En) => {
                format!("The number must have between {min} and {max} digits.")
            }
            (DocumentError::LeadingZero, Lang::Es) => "El número no puede empezar por 0.".into(),
            (DocumentError::LeadingZero, Lang::En) => "The number cannot start with 0.".into(),
            (DocumentError::NitWithoutCheckDigit, Lang::Es) => {
                "Escriba el NIT con el dígito de verificación después de un guion, por ejemplo 800197268-4."
                    .into()
            }
            (DocumentError::NitWithoutCheckDigit, Lang::En) => {
                "Write the NIT with its check digit after a hyphen, for example 800197268-4.".into()
            }
            (DocumentError::NitCheckDigitMismatch, Lang::Es) => {
                "El dígito de verificación no corresponde a ese NIT. Compárelo con su RUT.".into()
            }
            (DocumentError::NitCheckDigitMismatch, Lang::En) => {
                "The check digit does not match that NIT. Compare it with your RUT.".into()
            }
        }
    }
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Es))
    }
}

impl std::error::Error for DocumentError {}

/// DIAN's modulo-11 check digit for a NIT (digits only, without the check digit).
pub fn nit_check_digit(number: &str) -> Option<u8> {
    if number.is_empty() || number.len() > NIT_MAX_DIGITS {
        return None;
    }
    let mut sum = 0u32;
    for (digit, weight) in number.bytes().rev().zip(NIT_WEIGHTS) {
        if !digit.is_ascii_digit() {
            return None;
        }
        sum += u32::from(digit - b'0') * weight;
    }
    let r = sum % 11;
    Some(if r <= 1 { r as u8 } else { (11 - r) as u8 })
}

impl Document {
    /// Reads what a citizen typed. Dots and spaces are separators and are ignored
    /// ("1.020.304.050"); a NIT must end in "-<check digit>".
    pub fn parse(kind: DocumentKind, input: &str, rules: &DocumentRules) -> Result<Document, DocumentError> {
        let compact: String = input.chars().filter(|c| !matches!(c, '.' | ' ' | '\u{a0}')).collect();
        if compact.is_empty() {
            return Err(DocumentError::Empty);
        }
        let (number, check) = match kind {
            DocumentKind::Nit => match compact.rsplit_once('-') {
                Some((number, check)) if check.len() == 1 => (number, Some(check)),
                Some(_) => return Err(DocumentError::NitWithoutCheckDigit),
                None => {
                    return if compact.bytes().all(|b| b.is_ascii_digit()) {
                        Err(DocumentError::NitWithoutCheckDigit)
                    } else {
                        Err(DocumentError::NotDigits)
                    };
                }
            },
            _ => (compact.as_str(), None),
        };
        if !number.bytes().all(|b| b.is_ascii_digit())
            || !check.is_none_or(|c| c.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(DocumentError::NotDigits);
        }
        let (min, max) = match kind {
            DocumentKind::Cc => (rules.cc_min_digits, rules.cc_max_digits),
            DocumentKind::Ce => (rules.ce_min_digits, rules.ce_max_digits),
            DocumentKind::Nit => (NIT_MIN_DIGITS, NIT_MAX_DIGITS),
        };
        if number.len() < min || number.len() > max {
            return Err(DocumentError::Length { min, max });
        }
        if number.starts_with('0') {
            return Err(DocumentError::LeadingZero);
        }
        if let Some(check) = check {
            let expected = nit_check_digit(number).expect("digits of a valid length");
            if check.as_bytes()[0] - b'0' != expected {
                return Err(DocumentError::NitCheckDigitMismatch);
            }
        }
        Ok(Document { kind, number: number.to_owned() })
    }

    pub fn kind(&self) -> DocumentKind {
        self.kind
    }

    /// The digits, without separators or check digit: how the document is stored and compared.
    pub fn number(&self) -> &str {
        &self.number
    }

    /// One string per person and document, e.g. "NIT:800197268", for uniqueness checks.
    pub fn key(&self) -> String {
        format!("{}:{}", self.kind.code(), self.number)
    }

    /// As printed on Colombian documents: "1.020.304.050", "800.197.268-4".
    pub fn display_number(&self) -> String {
        let grouped = group_thousands(&self.number);
        match self.kind {
            DocumentKind::Nit => {
                let check = nit_check_digit(&self.number).expect("validated on parse");
                format!("{grouped}-{check}")
            }
            _ => grouped,
        }
    }

    /// Only the last three digits, for screens and logs that must not reveal the number.
    pub fn masked(&self) -> String {
        masked(self.kind, &self.number)
    }
}

/// "CC •••050": the kind and the last three digits of a stored number.
pub fn masked(kind: DocumentKind, number: &str) -> String {
    let visible: String = number.chars().rev().take(3).collect::<Vec<_>>().into_iter().rev().collect();
    format!("{} •••{visible}", kind.code())
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(kind: DocumentKind, s: &str) -> Result<Document, DocumentError> {
        Document::parse(kind, s, &DocumentRules::default())
    }

    /// Vectors from DIAN-registered NITs (../shared/reference/domain-facts.md).
    const VALID_NITS: [&str; 12] = [
        "800197268-4",
        "811026552-9",
        "890925108-6",
        "800197384-0",
        "899999034-1",
        "860012336-1",
        "8600123361-6",
        "899999239-2",
        "890900841-9",
        "860001986-1",
        "899999035-7",
        "900206480-2",
    ];

    #[test]
    fn known_nits_have_the_right_check_digit() {
        for nit in VALID_NITS {
            let (number, check) = nit.split_once('-').unwrap();
            assert_eq!(nit_check_digit(number), Some(check.parse().unwrap()), "{nit}");
            assert!(parse(DocumentKind::Nit, nit).is_ok(), "{nit}");
        }
    }

    #[test]
    fn every_wrong_check_digit_is_refused() {
        for nit in VALID_NITS {
            let (number, check) = nit.split_once('-').unwrap();
            for wrong in (0..=9).filter(|d| d.to_string() != check) {
                assert_eq!(
                    parse(DocumentKind::Nit, &format!("{number}-{wrong}")),
                    Err(DocumentError::NitCheckDigitMismatch),
                    "{number}-{wrong}"
                );
            }
        }
    }

    #[test]
    fn nit_accepts_dots_and_spaces_but_needs_the_check_digit() {
        let doc = parse(DocumentKind::Nit, " 800.197.268-4 ").unwrap();
        assert_eq!(doc.number(), "800197268");
        assert_eq!(doc.display_number(), "800.197.268-4");
        assert_eq!(doc.key(), "NIT:800197268");
        assert_eq!(parse(DocumentKind::Nit, "800197268"), Err(DocumentError::NitWithoutCheckDigit));
        assert_eq!(parse(DocumentKind::Nit, "800197268-"), Err(DocumentError::NitWithoutCheckDigit));
        assert_eq!(parse(DocumentKind::Nit, "800197268-44"), Err(DocumentError::NitWithoutCheckDigit));
        assert_eq!(parse(DocumentKind::Nit, "80019726A-4"), Err(DocumentError::NotDigits));
        assert_eq!(parse(DocumentKind::Nit, "800197268-X"), Err(DocumentError::NotDigits));
    }

    #[test]
    fn cedulas_are_digits_of_a_plausible_length() {
        let doc = parse(DocumentKind::Cc, "1.020.304.050").unwrap();
        assert_eq!(doc.number(), "1020304050");
        assert_eq!(doc.display_number(), "1.020.304.050");
        assert_eq!(doc.masked(), "CC •••050");
        assert!(parse(DocumentKind::Cc, "52345").is_ok());
        assert!(parse(DocumentKind::Ce, "456789").is_ok());
        assert_eq!(parse(DocumentKind::Cc, ""), Err(DocumentError::Empty));
        assert_eq!(parse(DocumentKind::Cc, " . "), Err(DocumentError::Empty));
        assert_eq!(parse(DocumentKind::Cc, "1234"), Err(DocumentError::Length { min: 5, max: 10 }));
        assert_eq!(parse(DocumentKind::Cc, "12345678901"), Err(DocumentError::Length { min: 5, max: 10 }));
        assert_eq!(parse(DocumentKind::Cc, "01234567"), Err(DocumentError::LeadingZero));
        assert_eq!(parse(DocumentKind::Cc, "12a45678"), Err(DocumentError::NotDigits));
        assert_eq!(parse(DocumentKind::Cc, "1234-5678"), Err(DocumentError::NotDigits));
        assert_eq!(parse(DocumentKind::Cc, "１２３４５６"), Err(DocumentError::NotDigits));
    }

    #[test]
    fn lengths_follow_the_configured_rules() {
        let strict = DocumentRules { cc_min_digits: 8, ..DocumentRules::default() };
        assert_eq!(
            Document::parse(DocumentKind::Cc, "1234567", &strict),
            Err(DocumentError::Length { min: 8, max: 10 })
        );
    }

    #[test]
    fn kinds_parse_from_their_codes() {
        assert_eq!(DocumentKind::parse("cc"), Some(DocumentKind::Cc));
        assert_eq!(DocumentKind::parse("NIT"), Some(DocumentKind::Nit));
        assert_eq!(DocumentKind::parse("TI"), None);
    }
}
