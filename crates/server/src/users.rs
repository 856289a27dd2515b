//! `citas-server users …`: officials' accounts, managed by the operator on the server's machine.
//! Passwords are read from standard input (typed without echo at a terminal), never from an
//! argument, which other users of the machine could read in the process list.

use crate::settings::{Settings, Users};
use crate::store::Store;
use anyhow::{Context, bail};
use citas_domain::api::staff::Role;
use citas_domain::contact::Email;
use std::io::{BufRead, IsTerminal};

/// Passwords shorter than this are refused (NIST SP 800-63B asks for 8 at least; officials'
/// accounts see citizens' documents).
const MIN_PASSWORD_CHARS: usize = 12;

pub async fn run(command: Users, settings: &Settings) -> anyhow::Result<()> {
    let store = Store::connect(&settings.database_url, 1).await?;
    let now = settings.clock.now().timestamp();
    match command {
        Users::Add { email, role, offices } => {
            let email = email_of(&email)?;
            let role =
                Role::parse(&role).context("the role is funcionario, administrador or contact_center")?;
            for office in &offices {
                if settings.config.catalog.office(office).is_none() {
                    bail!("there is no office {office:?} in the configuration");
                }
            }
            match role {
                Role::Funcionario if offices.is_empty() => bail!("a funcionario needs at least one --office"),
                Role::Administrador | Role::ContactCenter if !offices.is_empty() => {
                    bail!(
                        "an administrador or a contact_center agent acts on every office: leave out --office"
                    )
                }
                _ => {}
            }
            let hash = crate::http::staff::hash_password(&password()?);
            match store.add_account(&email, role, &hash, &offices, now).await.map_err(failed)? {
                Some(id) => println!("added account {id}: {email} ({})", role.as_str()),
                None => bail!("there is an account with that e-mail already"),
            }
        }
        Users::List => {
            for a in store.accounts().await.map_err(failed)? {
                let offices = match a.role {
                    Role::Administrador | Role::ContactCenter => "every office".to_owned(),
                    Role::Funcionario => a.offices.join(", "),
                };
                let state = if a.disabled { "disabled" } else { "enabled" };
                println!("{}\t{}\t{}\t{state}\t{offices}", a.id, a.email, a.role.as_str());
            }
        }
        Users::Disable { email } => {
            changed(store.set_disabled(&email_of(&email)?, true, now).await, "disabled")?
        }
        Users::Enable { email } => {
            changed(store.set_disabled(&email_of(&email)?, false, now).await, "enabled")?
        }
        Users::ResetPassword { email } => {
            let email = email_of(&email)?;
            let hash = crate::http::staff::hash_password(&password()?);
            changed(store.set_password(&email, &hash, now).await, "given a new password")?;
        }
    }
    store.close().await;
    Ok(())
}

fn email_of(text: &str) -> anyhow::Result<String> {
    let email = Email::parse(text).map_err(|_| anyhow::anyhow!("{text:?} is not an e-mail address"))?;
    Ok(email.as_str().to_lowercase())
}

fn changed(result: Result<bool, crate::store::Error>, what: &str) -> anyhow::Result<()> {
    match result.map_err(failed)? {
        true => {
            println!("the account was {what}");
            Ok(())
        }
        false => bail!("there is no account with that e-mail"),
    }
}

fn failed(e: crate::store::Error) -> anyhow::Error {
    anyhow::anyhow!("the database failed: {e:?}")
}

/// The password, from the terminal without echo, or else the first line of standard input.
fn password() -> anyhow::Result<String> {
    let password = if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Contraseña (12 caracteres o más): ")?
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    if password.chars().count() < MIN_PASSWORD_CHARS {
        bail!("the password must have {MIN_PASSWORD_CHARS} characters at least");
    }
    Ok(password)
}
