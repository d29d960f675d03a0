//! The threads that do the work: each owns a connection to the memory and its searchers (whose
//! sketches stay loaded between requests), and checks, searches and looks up what the HTTP
//! handlers send it. The async side never blocks on SQLite or a check.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};

use tm_check::{Document, Review};
use tm_memory::{Concordance, ConcordanceField, Match, MemoryError, SearchOptions, Searcher, Stats, Store};
use tokio::sync::oneshot;

/// Opens the memory for a worker; `None` when there is none yet.
pub(crate) type OpenMemory = dyn Fn() -> Option<Result<Box<dyn Store>, MemoryError>> + Send + Sync;

/// What every worker shares, read-only.
pub(crate) struct Shared {
    /// The project's glossaries, segmenters and rule settings.
    pub reviewer: tm_project::Reviewer,
    /// Opens the memory; `None` when there is none yet (nothing imported).
    pub open: Box<OpenMemory>,
}

/// One piece of work and where its answer goes.
pub(crate) enum Job {
    Check {
        source: String,
        draft: String,
        reply: Reply<Review>,
    },
    Search {
        text: String,
        src: String,
        tgt: String,
        options: SearchOptions,
        reply: Reply<Vec<Match>>,
    },
    Concordance {
        text: String,
        src: String,
        tgt: String,
        field: ConcordanceField,
        limit: usize,
        reply: Reply<Vec<Concordance>>,
    },
    Pairs {
        reply: Reply<Vec<(String, String)>>,
    },
    Stats {
        reply: Reply<Option<Stats>>,
    },
}

type Reply<T> = oneshot::Sender<Result<T, String>>;

/// The pool: jobs go in, each to the first idle worker.
#[derive(Clone)]
pub(crate) struct Pool {
    sender: Sender<Job>,
}

impl Pool {
    pub(crate) fn start(shared: Arc<Shared>, workers: usize) -> Self {
        let (sender, receiver) = std::sync::mpsc::channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        for _ in 0..workers.max(1) {
            let (shared, receiver) = (Arc::clone(&shared), Arc::clone(&receiver));
            std::thread::spawn(move || work(&shared, &receiver));
        }
        Self { sender }
    }

    /// Hands a job to the pool; false when the pool has stopped.
    pub(crate) fn send(&self, job: Job) -> bool {
        self.sender.send(job).is_ok()
    }
}

fn work(shared: &Shared, jobs: &Mutex<Receiver<Job>>) {
    let mut pending: Option<Job> = None;
    let mut opened = (shared.open)();
    loop {
        // The memory as this worker has it open, and a searcher per language pair borrowing it
        // (checks use the Russian→English one too): the sketches a searcher loads stay loaded
        // between requests.
        let memory: Option<Result<Box<dyn Store>, String>> = opened.take().map(|r| r.map_err(|e| e.to_string()));
        let mut searchers: Searchers<'_> = HashMap::new();
        loop {
            let job = match pending.take() {
                Some(job) => job,
                None => {
                    let Ok(receiver) = jobs.lock() else { return };
                    match receiver.recv() {
                        Ok(job) => job,
                        Err(_) => return,
                    }
                }
            };
            // No memory yet, or one that failed to open: try again, it may be there now.
            if !matches!(memory, Some(Ok(_)))
                && let Some(now) = (shared.open)()
            {
                opened = Some(now);
                pending = Some(job);
                break;
            }
            let (store, failed) = match &memory {
                Some(Ok(store)) => (Some(&**store), None),
                Some(Err(error)) => (None, Some(error.clone())),
                None => (None, None),
            };
            match job {
                Job::Check { source, draft, reply } => {
                    let lookup = match store.map(|store| searcher_of(&mut searchers, store, "ru", "en")).transpose() {
                        Ok(found) => found.flatten().map(|s| s as &dyn tm_memory::Lookup),
                        Err(error) => {
                            let _ = reply.send(Err(error.to_string()));
                            continue;
                        }
                    };
                    let _ = reply.send(check(shared, lookup, &source, &draft));
                }
                Job::Search { text, src, tgt, options, reply } => {
                    let answer =
                        with_searcher(&mut searchers, store, failed, &src, &tgt, |s| s.search(&text, &options));
                    let _ = reply.send(answer);
                }
                Job::Concordance { text, src, tgt, field, limit, reply } => {
                    let answer = with_searcher(&mut searchers, store, failed, &src, &tgt, |s| {
                        s.concordance(&text, field, limit)
                    });
                    let _ = reply.send(answer);
                }
                Job::Pairs { reply } => {
                    let _ = reply.send(match (store, failed) {
                        (_, Some(error)) => Err(error),
                        (Some(store), None) => store.language_pairs().map_err(|e| e.to_string()),
                        (None, None) => Ok(Vec::new()),
                    });
                }
                Job::Stats { reply } => {
                    let _ = reply.send(match (store, failed) {
                        (_, Some(error)) => Err(error),
                        (Some(store), None) => store.stats().map(Some).map_err(|e| e.to_string()),
                        (None, None) => Ok(None),
                    });
                }
            }
        }
    }
}

/// A worker's searchers, by language pair (primary subtags).
type Searchers<'m> = HashMap<(String, String), RefCell<Searcher<'m>>>;

/// The worker's searcher of a pair, made on first use; `None` when the memory does not have
/// the pair (such a searcher is not kept: an import may add the pair).
fn searcher_of<'s, 'm>(
    searchers: &'s mut Searchers<'m>,
    store: &'m dyn Store,
    src: &str,
    tgt: &str,
) -> Result<Option<&'s RefCell<Searcher<'m>>>, MemoryError> {
    let key = (tm_memory::lang::primary(src), tm_memory::lang::primary(tgt));
    if !searchers.contains_key(&key) {
        let mut searcher = Searcher::new(store, src, tgt)?;
        if !searcher.knows_pair() {
            return Ok(None);
        }
        // The workers already use every core.
        searcher.one_thread();
        searchers.insert(key.clone(), RefCell::new(searcher));
    }
    Ok(searchers.get(&key))
}

/// Runs `work` with the worker's searcher of the pair; an empty answer when there is no memory
/// yet or it lacks the pair.
fn with_searcher<'m, T: Default>(
    searchers: &mut Searchers<'m>,
    store: Option<&'m dyn Store>,
    failed: Option<String>,
    src: &str,
    tgt: &str,
    work: impl FnOnce(&mut Searcher<'m>) -> Result<T, MemoryError>,
) -> Result<T, String> {
    if let Some(error) = failed {
        return Err(error);
    }
    let Some(store) = store else { return Ok(T::default()) };
    match searcher_of(searchers, store, src, tgt).map_err(|e| e.to_string())? {
        Some(searcher) => work(&mut searcher.borrow_mut()).map_err(|e| e.to_string()),
        None => Ok(T::default()),
    }
}

fn check(shared: &Shared, memory: Option<&dyn tm_memory::Lookup>, source: &str, draft: &str) -> Result<Review, String> {
    let source = (!source.trim().is_empty()).then(|| Document::plain("source", source));
    shared.reviewer.review(memory, &Document::plain("draft", draft), source.as_ref()).map_err(|e| e.to_string())
}
