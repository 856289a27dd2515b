//! Why an office did something (cancelled an appointment, closed a day): shown to the citizen,
//! so it is plain text of a sensible length.

use crate::lang::{Lang, Localized};

/// The most characters of a reason: a sentence or two, which fits in a calendar's day.
pub const MAX_REASON_CHARS: usize = 200;

/// A reason of 1 to `MAX_REASON_CHARS` characters, on one line: it is shown in a row of the
/// agenda, beside a day of the citizen's calendar and in e-mails, so the line breaks an official
/// types in the box become spaces, as does every other run of spaces.
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
        let text = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return Err(ReasonError::Empty);
        }
        if text.chars().count() > MAX_REASON_CHARS {
            return Err(ReasonError::TooLong);
        }
        if text.chars().any(char::is_control) {
            return Err(ReasonError::ControlCharacters);
        }
        Ok(Reason(text))
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
                "El motivo solo puede tener texto, sin caracteres de control.".into()
            }
            (ReasonError::ControlCharacters, Lang::En) => {
                "The reason may only hold text, without control characters.".into()
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
        assert_eq!(Reason::parse("\u{7}"), Err(ReasonError::ControlCharacters));
    }

    #[test]
    fn line_breaks_and_runs_of_spaces_become_one_space() {
        let typed = "La funcionaria que la atendería\r\nestá  incapacitada.\n";
        assert_eq!(
            Reason::parse(typed).unwrap().as_str(),
            "La funcionaria que la atendería está incapacitada."
        );
        assert_eq!(Reason::parse(" \n\t "), Err(ReasonError::Empty));
        // The limit counts what is kept.
        assert!(Reason::parse(&format!("{}\n\n", "a ".repeat(MAX_REASON_CHARS / 2))).is_ok());
    }
}
