//! Why an office did something (cancelled an appointment, closed a day): shown to the citizen,
//! so it is plain text of a sensible length.

use crate::lang::{Lang, Localized};

/// The most characters of a reason: a sentence or two, which fits in a calendar's day.
pub const MAX_REASON_CHARS: usize = 200;

/// A reason, trimmed, of 1 to `MAX_REASON_CHARS` characters, without control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(String);

/// Why a reason is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReasonError {
    Empty,
    TooLong,
    ControlCharacters,
}

impl Reason {
    pub fn parse(input: &str) -> Result<Reason, ReasonError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(ReasonError::Empty);
        }
        if text.chars().count() > MAX_REASON_CHARS {
            return Err(ReasonError::TooLong);
        }
        if text.chars().any(char::is_control) {
            return Err(ReasonError::ControlCharacters);
        }
        Ok(Reason(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Localized for ReasonError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReasonError::Empty, Lang::Es) => "Escriba el motivo: se le mostrará al ciudadano.".into(),
            (ReasonError::Empty, Lang::En) => "Write the reason: the citizen will see it.".into(),
            (ReasonError::TooLong, Lang::Es) => {
                format!("El motivo puede tener hasta {MAX_REASON_CHARS} caracteres.")
            }
            (ReasonError::TooLong, Lang::En) => {
                format!("The reason may have up to {MAX_REASON_CHARS} characters.")
            }
            (ReasonError::ControlCharacters, Lang::Es) => {
                "El motivo debe ser texto de una sola línea, sin caracteres de control.".into()
            }
            (ReasonError::ControlCharacters, Lang::En) => {
                "The reason must be text on one line, without control characters.".into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_trimmed_text_of_sensible_length() {
        assert_eq!(Reason::parse("  Cierre por inventario ").unwrap().as_str(), "Cierre por inventario");
        assert_eq!(Reason::parse("   "), Err(ReasonError::Empty));
        assert_eq!(Reason::parse(&"a".repeat(MAX_REASON_CHARS + 1)), Err(ReasonError::TooLong));
        assert!(Reason::parse(&"á".repeat(MAX_REASON_CHARS)).is_ok());
        assert_eq!(Reason::parse("uno\ndos"), Err(ReasonError::ControlCharacters));
    }
}
