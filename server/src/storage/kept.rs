//! Reference data read on most pages and changed rarely (the calendar's
//! bank holidays, say), kept in memory for a few seconds per database, so
//! a page does not read it again. A change made on this server forgets it
//! at once; one made on another server is seen within [`KEEP_FOR`].
//!
//! Some values are costly to read and must never be out of date (the
//! service's figures): those are kept "as of" a mark the database keeps
//! itself (a count of changes, see migration 0026), read first, and used
//! only while the mark is the same.

use std::{
    any::Any,
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// How long a kept value is used before it is read again.
pub const KEEP_FOR: Duration = Duration::from_secs(5);

type Value = Arc<dyn Any + Send + Sync>;

/// When a kept value was read: at an instant (fresh for [`KEEP_FOR`]), or
/// as of a mark the database keeps (fresh while the mark is the same).
enum Stamp {
    ReadAt(Instant),
    AsOf(Value),
}

/// What one database's pool keeps, by name.
#[derive(Clone, Default)]
pub struct Kept {
    values: Arc<Mutex<HashMap<&'static str, (Stamp, Value)>>>,
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
        let fresh = |stamp: &Stamp| matches!(stamp, Stamp::ReadAt(at) if at.elapsed() < KEEP_FOR);
        if let Some(value) = self.kept_if(name, fresh) {
            return Ok(value);
        }
        let value = Arc::new(load().await?);
        self.keep(name, Stamp::ReadAt(Instant::now()), value.clone());
        Ok(value)
    }

    /// The value kept under `name` if it was read as of `mark`, else what
    /// `load` reads (then kept as of `mark`). Read the mark before what it
    /// marks: a change between the two makes the next mark differ, so a
    /// value is never kept as of a mark older than what it shows.
    pub async fn get_or_load_as_of<K, T, F, Fut>(
        &self,
        name: &'static str,
        mark: K,
        load: F,
    ) -> anyhow::Result<Arc<T>>
    where
        K: PartialEq + Send + Sync + 'static,
        T: Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = anyhow::Result<T>>,
    {
        let fresh = |stamp: &Stamp| matches!(stamp, Stamp::AsOf(kept) if kept.downcast_ref::<K>() == Some(&mark));
        if let Some(value) = self.kept_if(name, fresh) {
            return Ok(value);
        }
        let value = Arc::new(load().await?);
        self.keep(name, Stamp::AsOf(Arc::new(mark)), value.clone());
        Ok(value)
    }

    /// The value kept under `name` if `fresh` says its stamp still holds.
    fn kept_if<T: Send + Sync + 'static>(
        &self,
        name: &'static str,
        fresh: impl Fn(&Stamp) -> bool,
    ) -> Option<Arc<T>> {
        let kept = self.values.lock().ok().and_then(|values| {
            values
                .get(name)
                .filter(|(stamp, _)| fresh(stamp))
                .map(|(_, value)| value.clone())
        });
        kept.and_then(|value| value.downcast::<T>().ok())
    }

    /// Keeps `value` under `name`, stamped.
    fn keep(&self, name: &'static str, stamp: Stamp, value: Value) {
        if let Ok(mut values) = self.values.lock() {
            values.insert(name, (stamp, value));
        }
    }

    /// Forgets what is kept under `name` (after changing it).
    pub fn forget(&self, name: &'static str) {
        if let Ok(mut values) = self.values.lock() {
            values.remove(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_value_kept_as_of_a_mark_is_read_again_when_the_mark_changes() -> anyhow::Result<()> {
        let kept = Kept::default();
        let reads = std::sync::atomic::AtomicI64::new(0);
        let read = || async { Ok(reads.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1) };
        let first = kept
            .get_or_load_as_of("figures", (7_i64, 1_i64), read)
            .await;
        assert_eq!(*first?, 1);
        let same = kept
            .get_or_load_as_of("figures", (7_i64, 1_i64), read)
            .await;
        assert_eq!(*same?, 1, "the same mark: kept, not read again");
        let changed = kept
            .get_or_load_as_of("figures", (7_i64, 2_i64), read)
            .await;
        assert_eq!(*changed?, 2, "a new mark: read again");
        let back = kept
            .get_or_load_as_of("figures", (7_i64, 1_i64), read)
            .await;
        assert_eq!(*back?, 3, "only the latest mark is kept");
        Ok(())
    }
}
