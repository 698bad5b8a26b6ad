//! Standard output that tolerates a closed reader: `pfo transactions list | head` must stop quietly when `head` has
//! read enough, as Unix tools do, instead of panicking inside `println!` on the broken pipe.

use std::io::Write;

/// Writes `text` to standard output; when the reader has gone away (a broken pipe), ends the process at once with
/// status 0, since everything the reader wanted was delivered. Other write errors are reported and exit 1.
pub fn write(text: std::fmt::Arguments<'_>) {
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout.write_fmt(text).and_then(|()| stdout.flush()) {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error [io.failed]: cannot write to standard output: {error}");
        std::process::exit(1);
    }
}

/// `print!` through [`write`].
macro_rules! out {
    ($($arg:tt)*) => { $crate::stdout::write(format_args!($($arg)*)) };
}

/// `println!` through [`write`].
macro_rules! outln {
    () => { $crate::stdout::write(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::stdout::write(format_args!("{}\n", format_args!($($arg)*))) };
}
