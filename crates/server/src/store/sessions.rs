//! The officials' sessions, kept in the same database as everything else (tower-sessions' sqlx
//! stores, in the table they make): every instance sees every session, and signing out ends it
//! everywhere.

use super::{Pool, Store};
use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

#[derive(Clone, Debug)]
pub enum Sessions {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl Store {
    /// The sessions' store, its table made if missing, and a task that deletes expired
    /// sessions every `sweep`.
    pub async fn sessions(&self, sweep: std::time::Duration) -> anyhow::Result<Sessions> {
        let sessions = match &self.pool {
            Pool::Sqlite(p) => {
                let store = SqliteStore::new(p.clone());
                store.migrate().await?;
                Sessions::Sqlite(store)
            }
            Pool::Postgres(p) => {
                let store = PostgresStore::new(p.clone());
                store.migrate().await?;
                Sessions::Postgres(store)
            }
        };
        let sweeping = sessions.clone();
        tokio::spawn(async move {
            let swept = match sweeping {
                Sessions::Sqlite(s) => s.continuously_delete_expired(sweep).await,
                Sessions::Postgres(s) => s.continuously_delete_expired(sweep).await,
            };
            if let Err(e) = swept {
                tracing::warn!(error = %e, "expired sessions are no longer deleted");
            }
        });
        Ok(sessions)
    }
}

#[async_trait]
impl SessionStore for Sessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(s) => s.create(record).await,
            Sessions::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(s) => s.save(record).await,
            Sessions::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Sessions::Sqlite(s) => s.load(id).await,
            Sessions::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(s) => s.delete(id).await,
            Sessions::Postgres(s) => s.delete(id).await,
        }
    }
}
