//! The citizen's name and optional ways to reach them, each a type that only holds valid input.

use crate::lang::{Lang, Localized, Text};
use std::fmt;

const NAME_MAX_CHARS: usize = 120;
const EMAIL_MAX_CHARS: usize = 254;

/// The person who attends, or the company's name ("razón social") for a NIT: in Unicode's
/// composed form (NFC), so that the same name typed on two devices is the same text.
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
    NameInvisibleCharacters,
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
                es: "El nombre tiene caracteres que no se pueden usar (< o >).",
                en: "The name has characters that cannot be used (< or >).",
            },
            ContactError::NameInvisibleCharacters => Text {
                es: "El nombre tiene caracteres invisibles o de control (como marcas de dirección del texto o espacios de ancho cero). Escríbalo de nuevo, sin copiarlo y pegarlo.",
                en: "The name has invisible or control characters (such as text direction marks or zero-width spaces). Type it again instead of copying and pasting it.",
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

/// What a name's rules need of Unicode: composing a text (NFC), and telling the characters of
/// the general category "Other" (C). The server reads Unicode's tables (`UnicodeTables`); the
/// web client asks its browser, which has them already.
pub trait Unicode {
    fn compose(&self, text: &str) -> String;
    fn is_other(&self, c: char) -> bool;
}

/// Unicode's tables, from the unicode-rs crates.
#[cfg(feature = "unicode-tables")]
pub struct UnicodeTables;

#[cfg(feature = "unicode-tables")]
impl Unicode for UnicodeTables {
    fn compose(&self, text: &str) -> String {
        unicode_normalization::UnicodeNormalization::nfc(text).collect()
    }

    fn is_other(&self, c: char) -> bool {
        use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
        c.general_category_group() == GeneralCategoryGroup::Other
    }
}

impl PersonName {
    #[cfg(feature = "unicode-tables")]
    pub fn parse(input: &str) -> Result<PersonName, ContactError> {
        PersonName::parse_with(input, &UnicodeTables)
    }

    /// Collapses runs of spaces and composes the text (NFC); refuses what could not be a name
    /// or would be unsafe to show. Characters of Unicode's category "Other" (controls, format
    /// characters such as bidi overrides and zero-width spaces, private use, unassigned) are
    /// refused: invisible, they can make a name read differently from what is stored.
    pub fn parse_with(input: &str, unicode: &impl Unicode) -> Result<PersonName, ContactError> {
        let name = unicode.compose(&input.split_whitespace().collect::<Vec<_>>().join(" "));
        if name.is_empty() {
            return Err(ContactError::NameEmpty);
        }
        if name.chars().count() > NAME_MAX_CHARS {
            return Err(ContactError::NameTooLong);
        }
        if name.chars().any(|c| unicode.is_other(c)) {
            return Err(ContactError::NameInvisibleCharacters);
        }
        if name.chars().any(|c| c == '<' || c == '>') {
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

/// An email address as shown to whoever proves an appointment with its code and document:
/// enough for its owner to recognise it ("j***@g***.com"), not enough to write to it.
pub fn masked_email(email: &str) -> String {
    let Some((local, domain)) = email.split_once('@') else { return "***".to_owned() };
    let first = |s: &str| s.chars().next().map(String::from).unwrap_or_default();
    let tld = domain.rsplit_once('.').map_or("", |(_, tld)| tld);
    format!("{}***@{}***.{tld}", first(local), first(domain))
}

/// A phone as shown likewise: its last four digits ("*** *** 4567").
pub fn masked_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    let last: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    if digits.len() > 4 { format!("*** *** {last}") } else { "***".to_owned() }
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
    fn names_are_stored_composed() {
        // "e" and a combining acute accent, as some keyboards and systems send it.
        let name = PersonName::parse("Jose\u{301} Pe\u{301}rez").unwrap();
        assert_eq!(name.as_str(), "José Pérez");
        assert_eq!(name.as_str().chars().count(), 10);
    }

    #[test]
    fn names_with_invisible_or_control_characters_are_refused() {
        for bad in [
            "Ana\u{202E}zeréP",         // right-to-left override
            "Ana\u{2066}Pérez\u{2069}", // bidi isolates
            "Ana\u{200B}Pérez",         // zero-width space
            "Ana\u{200D}Pérez",         // zero-width joiner
            "Ana\u{FEFF}Pérez",         // byte order mark
            "Ana\u{00AD}Pérez",         // soft hyphen
            "Ana\u{0007}Pérez",         // bell, a control
            "Ana\u{E000}Pérez",         // private use
        ] {
            assert_eq!(PersonName::parse(bad), Err(ContactError::NameInvisibleCharacters), "{bad:?}");
        }
        assert_eq!(PersonName::parse("Ana\tPérez\n").unwrap().as_str(), "Ana Pérez");
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
    fn contacts_are_masked_to_what_their_owner_recognises() {
        assert_eq!(masked_email("juan.perez@gmail.com"), "j***@g***.com");
        assert_eq!(masked_email("ana@correo.gov.co"), "a***@c***.co");
        assert_eq!(masked_email("ñ@ñandú.co"), "ñ***@ñ***.co");
        assert_eq!(masked_phone("3001234567"), "*** *** 4567");
        assert_eq!(masked_phone("+14155550100"), "*** *** 0100");
        assert_eq!(masked_phone("123"), "***");
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
