fn main() {
    // The migrations are compiled in: rebuild when one is added.
    println!("cargo:rerun-if-changed=../migrations");
}
