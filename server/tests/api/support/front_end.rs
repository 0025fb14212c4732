//! A folder laid out as `scripts/build` leaves the front end, for the
//! tests and the benchmarks (which include this file by its path): the
//! pages are the server's, which is what they test and time.

/// `hash.txt` and hashed files under `pkg/` (stand-ins, with the same
/// names' shape), and the icon.
pub fn stand_in_front_end() -> anyhow::Result<tempfile::TempDir> {
    let site_root = tempfile::tempdir()?;
    let pkg = site_root.path().join("pkg");
    std::fs::create_dir_all(&pkg)?;
    std::fs::write(
        site_root.path().join("hash.txt"),
        "js: 1111111111111111\nwasm: 2222222222222222\ncss: 3333333333333333\n",
    )?;
    std::fs::write(
        pkg.join("mysay.1111111111111111.js"),
        "export default function() {}\n",
    )?;
    std::fs::write(pkg.join("mysay.2222222222222222.wasm"), b"\0asm")?;
    std::fs::write(
        pkg.join("mysay.3333333333333333.css"),
        "body { margin: 0 }\n",
    )?;
    // Stands in for the brotli copy the build writes beside each file.
    std::fs::write(pkg.join("mysay.3333333333333333.css.br"), b"brotli bytes")?;
    std::fs::write(
        site_root.path().join("favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )?;
    Ok(site_root)
}
