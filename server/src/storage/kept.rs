//! Reference data read on most pages and changed rarely (the calendar's
//! bank holidays, say), kept in memory for a few seconds per database, so
//! a page does not read it again. A change made on this server forgets it
//! at once; one made on another server is seen within [`KEEP_FOR`].
//!
//! Some values are costly to read and must never be out of date (the
//! service's figures): those are kept "as of" a mark the database keeps
//! itself (a count of changes, see migration 0026), read first, and used
//! only while the mark is the same. Such a value may be kept for each
//! person it is read for (an IRO's own caseload figures), by name and
//! whose.

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

/// What a value is kept under: a name, and for values kept for each
/// person (an IRO's own figures, say), whose.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    name: &'static str,
    whose: Option<i64>,
}

impl From<&'static str> for Key {
    fn from(name: &'static str) -> Self {
        Self { name, whose: None }
    }
}

impl From<(&'static str, i64)> for Key {
    fn from((name, whose): (&'static str, i64)) -> Self {
        Self {
            name,
            whose: Some(whose),
        }
    }
}

/// What one database's pool keeps, by key.
#[derive(Clone, Default)]
pub struct Kept {
    values: Arc<Mutex<HashMap<Key, (Stamp, Value)>>>,
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
        if let Some(value) = self.kept_if(name.into(), fresh) {
            return Ok(value);
        }
        let value = Arc::new(load().await?);
        self.keep(name.into(), Stamp::ReadAt(Instant::now()), value.clone());
        Ok(value)
    }

    /// The value kept under `key` (a name, or a name and whose) if it was
    /// read as of `mark`, else what `load` reads (then kept as of `mark`).
    /// Read the mark before what it marks: a change between the two makes
    /// the next mark differ, so a value is never kept as of a mark older
    /// than what it shows. One value is kept for each key, so what is
    /// kept for each person grows with the people, never with the marks.
    pub async fn get_or_load_as_of<K, T, F, Fut>(
        &self,
        key: impl Into<Key>,
        mark: K,
        load: F,
    ) -> anyhow::Result<Arc<T>>
    where
        K: PartialEq + Send + Sync + 'static,
        T: Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = anyhow::Result<T>>,
    {
        let key = key.into();
        let fresh = |stamp: &Stamp| matches!(stamp, Stamp::AsOf(kept) if kept.downcast_ref::<K>() == Some(&mark));
        if let Some(value) = self.kept_if(key, fresh) {
            return Ok(value);
        }
        let value = Arc::new(load().await?);
        self.keep(key, Stamp::AsOf(Arc::new(mark)), value.clone());
        Ok(value)
    }

    /// The value kept under `key` if `fresh` says its stamp still holds.
    fn kept_if<T: Send + Sync + 'static>(
        &self,
        key: Key,
        fresh: impl Fn(&Stamp) -> bool,
    ) -> Option<Arc<T>> {
        let kept = self.values.lock().ok().and_then(|values| {
            values
                .get(&key)
                .filter(|(stamp, _)| fresh(stamp))
                .map(|(_, value)| value.clone())
        });
        kept.and_then(|value| value.downcast::<T>().ok())
    }

    /// Keeps `value` under `key`, stamped.
    fn keep(&self, key: Key, stamp: Stamp, value: Value) {
        if let Ok(mut values) = self.values.lock() {
            values.insert(key, (stamp, value));
        }
    }

    /// Forgets what is kept under `name` (after changing it).
    pub fn forget(&self, name: &'static str) {
        if let Ok(mut values) = self.values.lock() {
            values.remove(&Key::from(name));
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

    #[tokio::test]
    async fn what_is_kept_for_one_person_is_never_given_to_another() -> anyhow::Result<()> {
        let kept = Kept::default();
        let amina = kept
            .get_or_load_as_of(("caseload", 1), 7_i64, || async { Ok("amina's") })
            .await?;
        let ben = kept
            .get_or_load_as_of(("caseload", 2), 7_i64, || async { Ok("ben's") })
            .await?;
        assert_eq!((*amina, *ben), ("amina's", "ben's"));
        let again = kept
            .get_or_load_as_of(("caseload", 1), 7_i64, || async { Ok("read again") })
            .await?;
        assert_eq!(*again, "amina's", "hers, kept");
        let service = kept
            .get_or_load_as_of("caseload", 7_i64, || async { Ok("the service's") })
            .await?;
        assert_eq!(*service, "the service's", "a name alone is no one's");
        Ok(())
    }
}
