//! Reference data read on most pages and changed rarely (the calendar's
//! bank holidays, say), kept in memory for a few seconds per database, so
//! a page does not read it again. A change made on this server forgets it
//! at once; one made on another server is seen within [`KEEP_FOR`].

use std::{
    any::Any,
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// How long a kept value is used before it is read again.
pub const KEEP_FOR: Duration = Duration::from_secs(5);

type Value = Arc<dyn Any + Send + Sync>;

/// What one database's pool keeps, by name.
#[derive(Clone, Default)]
pub struct Kept {
    values: Arc<Mutex<HashMap<&'static str, (Instant, Value)>>>,
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Kept")
    }
}

impl Kept {
    /// The value kept under `name` if it is fresh, else what `load` reads
    /// (then kept).
    pub async fn get_or_load<T, F, Fut>(
        &self,
        name: &'static str,
        load: F,
    ) -> anyhow::Result<Arc<T>>
    where
        T: Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = anyhow::Result<T>>,
    {
        let fresh = self.values.lock().ok().and_then(|values| {
            values
                .get(name)
                .filter(|(at, _)| at.elapsed() < KEEP_FOR)
                .map(|(_, value)| value.clone())
        });
        if let Some(value) = fresh.and_then(|v| v.downcast::<T>().ok()) {
            return Ok(value);
        }
        let value = Arc::new(load().await?);
        if let Ok(mut values) = self.values.lock() {
            values.insert(name, (Instant::now(), value.clone() as Value));
        }
        Ok(value)
    }

    /// Forgets what is kept under `name` (after changing it).
    pub fn forget(&self, name: &'static str) {
        if let Ok(mut values) = self.values.lock() {
            values.remove(name);
        }
    }
}
