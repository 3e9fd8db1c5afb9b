//! A programme as an administrator names it (issue 30: programmes were made only by the demo
//! loader), and a phase's new name (DESIGN §4: the phase list is data; its keys, order and the
//! stopped phase stay, so every project and every recorded phase change stays valid).

use serde::{Deserialize, Serialize};

use crate::core::error::{FieldError, FieldErrors};
use crate::core::parse::{Input, parse_name, parse_optional_text};

/// Longest programme name (the column's length).
pub const MAX_PROGRAMME_NAME_CHARS: usize = 160;
/// Longest programme description.
pub const MAX_PROGRAMME_DESCRIPTION_CHARS: usize = 2000;
/// Longest phase name.
pub const MAX_PHASE_NAME_CHARS: usize = 80;

/// The programme form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeForm {
    pub name: String,
    pub description: String,
}

/// A programme's name and description, valid once constructed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProgramme {
    pub name: String,
    pub description: Option<String>,
}

impl Input for ProgrammeForm {
    type Parsed = NewProgramme;
    fn parse(self) -> Result<NewProgramme, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = parse_name(&self.name, MAX_PROGRAMME_NAME_CHARS)
            .map_err(|e| errors.insert("name".into(), e))
            .ok();
        let description = parse_optional_text(&self.description, MAX_PROGRAMME_DESCRIPTION_CHARS)
            .map_err(|e| errors.insert("description".into(), e))
            .ok();
        match (name, description) {
            (Some(name), Some(description)) if errors.is_empty() => {
                Ok(NewProgramme { name, description })
            }
            _ => Err(errors),
        }
    }
}

crate::parsed_input!(NewProgramme);

/// A phase's new name: required, one line, at most [`MAX_PHASE_NAME_CHARS`].
pub fn parse_phase_name(raw: &str) -> Result<String, FieldError> {
    parse_name(raw, MAX_PHASE_NAME_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_programme_needs_a_name_and_may_describe_itself() {
        let ok = ProgrammeForm {
            name: "  Digitalt førstevalg ".into(),
            description: String::new(),
        }
        .parse()
        .unwrap();
        assert_eq!(ok.name, "Digitalt førstevalg");
        assert_eq!(ok.description, None);
        let refused = ProgrammeForm {
            name: " ".into(),
            description: "x".repeat(MAX_PROGRAMME_DESCRIPTION_CHARS + 1),
        }
        .parse()
        .unwrap_err();
        assert_eq!(refused.get("name"), Some(&FieldError::Required));
        assert_eq!(refused.get("description"), Some(&FieldError::TooLong));
        assert_eq!(parse_phase_name(""), Err(FieldError::Required));
        assert_eq!(parse_phase_name("Ny praksis"), Ok("Ny praksis".into()));
        assert_eq!(
            parse_phase_name(&"x".repeat(MAX_PHASE_NAME_CHARS + 1)),
            Err(FieldError::TooLong)
        );
    }
}
