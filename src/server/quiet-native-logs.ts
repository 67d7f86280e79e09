/**
 * Imported first by `npm start`: silences the libSQL client's native (Rust) logging before the
 * client loads. Its embedded replica otherwise writes its own ANSI-coloured `ERROR … Connection
 * refused` lines to stdout twice a second while the primary is away, beside the JSON log. What a
 * sync did is logged by the server's own sync loop (replica-sync.ts) instead. An operator who
 * sets RUST_LOG (e.g. `RUST_LOG=debug` to debug replication) keeps that setting.
 * Setting `process.env` changes the process's environment, which the native code and the worker
 * threads (src/db/worker/) read when they open the database.
 */
if (!process.env.RUST_LOG) process.env.RUST_LOG = 'off';
