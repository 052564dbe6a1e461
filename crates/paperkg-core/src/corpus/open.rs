//! Opening inputs: files, stdin (`-`), and gzip streams recognised by their magic bytes.

use super::CorpusError;
use flate2::read::MultiGzDecoder;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

const BUFFER_BYTES: usize = 256 * 1024;

/// An opened input: a buffered reader and the name to use in diagnostics.
pub struct InputSource {
    /// The path as the user gave it, or `-` for stdin.
    pub name: String,
    /// The decoded byte stream.
    pub reader: Box<dyn BufRead>,
}

/// Opens `path` for reading. `-` is stdin. A gzip stream (by its magic bytes, whatever the
/// file is called) is decompressed on the fly, including multi-member files.
pub fn open_input(path: &Path) -> Result<InputSource, CorpusError> {
    let name = path.display().to_string();
    let open_error = |source| CorpusError::Open {
        path: name.clone(),
        source,
    };
    let raw: Box<dyn io::Read> = if name == "-" {
        Box::new(io::stdin())
    } else {
        if path.is_dir() {
            return Err(open_error(io::Error::other("is a directory")));
        }
        Box::new(File::open(path).map_err(open_error)?)
    };
    decode(raw, &name)
}

/// Checks, before any reading starts, that every input can be opened: it exists, is not a
/// directory, and may be read. `-` (stdin) always passes. A run over inputs that are not all
/// there would otherwise go on without them, and `build` would replace a store with less than
/// the user asked for.
pub fn check_inputs(paths: &[impl AsRef<Path>]) -> Result<(), CorpusError> {
    for path in paths.iter().map(AsRef::as_ref) {
        if path.as_os_str() == "-" {
            continue;
        }
        let open_error = |source| CorpusError::Open {
            path: path.display().to_string(),
            source,
        };
        if path.is_dir() {
            return Err(open_error(io::Error::other("is a directory")));
        }
        File::open(path).map_err(open_error)?;
    }
    Ok(())
}

/// Wraps an already open byte stream, decompressing it on the fly when it starts with the
/// gzip magic bytes. `name` is used in diagnostics. Fails only when the first read fails.
pub fn decode(raw: Box<dyn io::Read>, name: &str) -> Result<InputSource, CorpusError> {
    let mut buffered = BufReader::with_capacity(BUFFER_BYTES, raw);
    let is_gzip = buffered
        .fill_buf()
        .map_err(|source| CorpusError::Open {
            path: name.to_string(),
            source,
        })?
        .starts_with(&[0x1f, 0x8b]);
    let reader: Box<dyn BufRead> = if is_gzip {
        Box::new(BufReader::with_capacity(
            BUFFER_BYTES,
            MultiGzDecoder::new(buffered),
        ))
    } else {
        Box::new(buffered)
    };
    Ok(InputSource {
        name: name.to_string(),
        reader,
    })
}
