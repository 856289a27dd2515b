// sqlx::migrate! embeds the migrations when the crate compiles; without this, a new
// migration file does not make cargo compile it again (sqlx's documented build script).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
