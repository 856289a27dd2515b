//! The citizen's name and optional ways to reach them, each a type that only holds valid input.

use crate::lang::{Lang, Localized, Text};
use std::fmt;

const NAME_MAX_CHARS: usize = 120;
const EMAIL_MAX_CHARS: usize = 254;

/// The person who attends, or the company's name ("razón social") for a NIT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

/// An email address, lower-cased, used only to send the confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

/// A phone number as digits: 10 for Colombia (mobile 3xx, landline 60x), or "+" and an
/// international number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactError {
    NameEmpty,
    NameTooLong,
    NameNoLetters,
    NameInvalidCharacters,
    EmailInvalid,
    PhoneInvalid,
}

impl Localized for ContactError {
    fn message(&self, lang: Lang) -> String {
        let text = match self {
            ContactError::NameEmpty => Text {
                es: "Escriba el nombre de quien asistirá a la cita.",
                en: "Enter the name of the person who will attend.",
            },
            ContactError::NameTooLong => Text {
                es: "El nombre es demasiado largo (máximo 120 caracteres).",
                en: "The name is too long (120 characters at most).",
            },
            ContactError::NameNoLetters => Text {
                es: "El nombre debe tener al menos dos letras.",
                en: "The name must have at least two letters.",
            },
            ContactError::NameInvalidCharacters => Text {
                es: "El nombre tiene caracteres que no se pueden usar (< > o caracteres de control).",
                en: "The name has characters that cannot be used (< > or control characters).",
            },
            ContactError::EmailInvalid => Text {
                es: "Revise el correo electrónico: debe ser como nombre@dominio.co.",
                en: "Check the email address: it should look like name@domain.co.",
            },
            ContactError::PhoneInvalid => Text {
                es: "Revise el teléfono: 10 dígitos, como 3001234567 o 6011234567, o un número internacional que empiece por +.",
                en: "Check the phone: 10 digits, like 3001234567 or 6011234567, or an international number starting with +.",
            },
        };
        text.message(lang)
    }
}

impl fmt::Display for ContactError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Es))
    }
}

impl std::error::Error for ContactError {}

impl PersonName {
    /// Collapses runs of spaces; refuses what could not be a name or would be unsafe to show.
    pub fn parse(input: &str) -> Result<PersonName, ContactError> {
        let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(ContactError::NameEmpty);
        }
        if name.chars().count() > NAME_MAX_CHARS {
            return Err(ContactError::NameTooLong);
        }
        if name.chars().any(|c| c.is_control() || c == '<' || c == '>') {
            return Err(ContactError::NameInvalidCharacters);
        }
        if name.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            return Err(ContactError::NameNoLetters);
        }
        Ok(PersonName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Email {
    /// A deliberately plain check (one "@", a dotted domain, no spaces): the address is only
    /// used to send a confirmation, and a stricter rule would refuse real addresses.
    pub fn parse(input: &str) -> Result<Email, ContactError> {
        let email = input.trim().to_ascii_lowercase();
        let valid = email.chars().count() <= EMAIL_MAX_CHARS
            && !email.chars().any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
            && match email.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.contains('@')
                        && domain.split('.').count() >= 2
                        && domain.split('.').all(|label| !label.is_empty())
                }
                None => false,
            };
        if valid { Ok(Email(email)) } else { Err(ContactError::EmailInvalid) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Phone {
    pub fn parse(input: &str) -> Result<Phone, ContactError> {
        let trimmed = input.trim();
        let international = trimmed.starts_with('+');
        let digits: String =
            trimmed.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.' | '+')).collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ContactError::PhoneInvalid);
        }
        let national = match digits.strip_prefix("57") {
            Some(rest) if international || digits.len() == 12 => rest,
            _ if international => {
                return if (8..=15).contains(&digits.len()) {
                    Ok(Phone(format!("+{digits}")))
                } else {
                    Err(ContactError::PhoneInvalid)
                };
            }
            _ => digits.as_str(),
        };
        // Since 2021 every Colombian number has 10 digits: mobiles start with 3, landlines 60.
        if national.len() == 10 && (national.starts_with('3') || national.starts_with("60")) {
            Ok(Phone(national.to_owned()))
        } else {
            Err(ContactError::PhoneInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tidied_and_checked() {
        assert_eq!(PersonName::parse("  María   José  Pérez ").unwrap().as_str(), "María José Pérez");
        assert_eq!(PersonName::parse("Inversiones 123 S.A.S.").unwrap().as_str(), "Inversiones 123 S.A.S.");
        assert_eq!(PersonName::parse("   "), Err(ContactError::NameEmpty));
        assert_eq!(PersonName::parse("12345"), Err(ContactError::NameNoLetters));
        assert_eq!(PersonName::parse("<script>"), Err(ContactError::NameInvalidCharacters));
        assert_eq!(PersonName::parse(&"a".repeat(121)), Err(ContactError::NameTooLong));
    }

    #[test]
    fn emails_need_an_at_and_a_dotted_domain() {
        assert_eq!(Email::parse(" Ana@Correo.CO ").unwrap().as_str(), "ana@correo.co");
        for bad in
            ["ana", "ana@", "@correo.co", "ana@correo", "ana@@correo.co", "a na@correo.co", "ana@correo..co"]
        {
            assert_eq!(Email::parse(bad), Err(ContactError::EmailInvalid), "{bad}");
        }
    }

    #[test]
    fn phones_are_colombian_ten_digit_numbers_or_international() {
        assert_eq!(Phone::parse("300 123 4567").unwrap().as_str(), "3001234567");
        assert_eq!(Phone::parse("(601) 742-8973").unwrap().as_str(), "6017428973");
        assert_eq!(Phone::parse("+57 310 315 8107").unwrap().as_str(), "3103158107");
        assert_eq!(Phone::parse("573103158107").unwrap().as_str(), "3103158107");
        assert_eq!(Phone::parse("+1 415 555 0100").unwrap().as_str(), "+14155550100");
        for bad in ["12345", "7428973", "2001234567", "300123456a", "+57 123", "+12"] {
            assert_eq!(Phone::parse(bad), Err(ContactError::PhoneInvalid), "{bad}");
        }
    }
}
