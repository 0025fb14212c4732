//! The translations are compiled into the program; a language added under
//! `locales/` must rebuild it (edits to existing files already do).
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
