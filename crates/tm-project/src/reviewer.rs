//! What checking one draft after another needs, loaded once from the project: the glossaries
//! compiled into a matcher, the alignment lexicon, both segmenters and the rule settings. The
//! review page (`tm serve`) and the language server (`tm lsp`) keep one for their lifetime.

use tm_check::{Checker, Document, Review, Settings, review};
use tm_glossary::{Glossary, Matcher};
use tm_memory::Lookup;
use tm_text::segment::Segmenter;

use crate::{Project, ProjectError};

pub struct Reviewer {
    pub glossary: Glossary,
    pub matcher: Matcher,
    /// The glossary's term pairs, as alignment anchors.
    pub lexicon: tm_align::Lexicon,
    pub english: Segmenter,
    pub russian: Segmenter,
    pub settings: Settings,
    /// About glossary entries that were left out (for the caller to show).
    pub warnings: Vec<String>,
}

impl Reviewer {
    /// Loads the project's glossaries (through the compiled-glossary cache), segmenters and
    /// rule settings.
    pub fn load(project: &Project) -> Result<Self, ProjectError> {
        let paths = project.glossary_paths(&[])?;
        let compiled = tm_glossary::compile(
            &paths,
            tm_glossary::ReadOptions { lenient: false },
            tm_glossary::default_cache_dir().as_deref(),
        )?;
        let segmenter = |lang| {
            Segmenter::new(lang, &project.config.segment_options(lang))
                .map_err(|e| ProjectError::Segmenter(e.to_string()))
        };
        Ok(Self {
            lexicon: tm_check::lexicon_of(&compiled.glossary),
            warnings: compiled.warnings.iter().map(ToString::to_string).collect(),
            glossary: compiled.glossary,
            matcher: compiled.matcher,
            english: segmenter(tm_text::Lang::En)?,
            russian: segmenter(tm_text::Lang::Ru)?,
            settings: project.check_settings(false)?,
        })
    }

    /// Reviews `draft` against `source` (when there is one) with the memory (when there is
    /// one): findings, sentences, alignment and term hits.
    pub fn review(
        &self,
        memory: Option<&dyn Lookup>,
        draft: &Document,
        source: Option<&Document>,
    ) -> Result<Review, tm_check::CheckError> {
        let checker = Checker {
            glossary: &self.glossary,
            matcher: &self.matcher,
            memory,
            english: &self.english,
            russian: &self.russian,
            lexicon: Some(&self.lexicon),
        };
        review(&checker, draft, source, &self.settings)
    }
}
