/**
 * A libSQL client whose embedded database lives in worker threads (libsql-thread.mjs), so that no
 * statement — however slow — blocks the Node server's event loop: `/live` keeps answering, and
 * other requests keep being parsed, priced and answered from the cache while a query runs.
 *
 * A small pool of threads, each with its own connection to the same file (WAL: readers run side
 * by side; a writer waits for another writer up to the busy timeout, inside its thread). Each
 * thread runs one statement (or one batch) at a time; the rest wait here, in order, so a
 * statement whose request is aborted before its turn is simply dropped. When a request's
 * signal aborts while its statement runs (its deadline passed, or its client left), the request
 * stops waiting at once and the thread is retired: a fresh thread takes its place, and the old
 * one closes its connection and ends as soon as the statement returns. It cannot be stopped
 * sooner: libSQL's embedded binding runs a statement synchronously, so nothing can reach that
 * thread to interrupt it, and `Worker.terminate()` during the statement crashes the process
 * (see libsql-thread.mjs). At most one thread is retiring at a time; while one is, an overrunning
 * statement keeps its thread and only its answer is dropped — so a burst of runaway statements
 * costs at most one extra thread, never an unbounded number.
 *
 * File databases and embedded replicas only: a `:memory:` database lives and dies with the
 * connection that made it, and a thread we may have to retire would take it along.
 */
import { Worker } from 'node:worker_threads';
import {
  type Client,
  type Config,
  type InArgs,
  type InStatement,
  LibsqlBatchError,
  LibsqlError,
  type ResultSet,
  type TransactionMode,
} from '@libsql/client';
import type { ArrayRowsClient } from '../array-rows.ts';
import { type SignalAwareClient, whenAborted } from '../request-signal.ts';
import { rowMaker } from './row-shape.ts';

/** A client that takes a request's signal and hands rows over as arrays (src/db/array-rows.ts). */
export type WorkerClient = SignalAwareClient & ArrayRowsClient;

const THREAD_URL = new URL('./libsql-thread.mjs', import.meta.url);
/** Threads of a pool: readers side by side, on a machine of a few cores. */
export const DEFAULT_THREADS = 4;

type Op = 'execute' | 'batch' | 'migrate' | 'executeMultiple' | 'sync';

interface Job {
  op: Op;
  args: unknown[];
  signal: AbortSignal | undefined;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  settled: boolean;
  stopListening?: () => void;
}

interface Thread {
  worker: Worker;
  ready: Promise<void>;
  job?: Job;
}

interface SerialError {
  name: string;
  message: string;
  code?: string;
  extendedCode?: string;
  rawCode?: number;
  statementIndex?: number;
  cause?: SerialError;
}

interface SerialResultSet {
  columns: string[];
  columnTypes: string[];
  rows: unknown[][];
  rowsAffected: number;
  lastInsertRowid: bigint | undefined;
}

export interface WorkerPoolStats {
  /** Statements (or batches) the threads have answered. */
  answered: number;
  /** Threads retired because a statement overran its request. */
  retired: number;
  /** Retired threads still finishing their statement (at most one). */
  retiring: number;
  /** Statements waiting for a thread. */
  queued: number;
}

class WorkerPool {
  #threads: Thread[] = [];
  #queue: Job[] = [];
  #retiring = 0;
  #closed = false;
  readonly stats: WorkerPoolStats = { answered: 0, retired: 0, retiring: 0, queued: 0 };

  constructor(
    readonly config: Config,
    size: number,
  ) {
    for (let i = 0; i < size; i++) this.#threads.push(this.#spawn());
  }

  /** Resolves once every thread has opened the database; rejects with the first failure. */
  async ready(): Promise<void> {
    await Promise.all(this.#threads.map((t) => t.ready));
  }

  run(op: Op, args: unknown[], signal?: AbortSignal): Promise<unknown> {
    if (this.#closed) return Promise.reject(new LibsqlError('The client is closed', 'CLIENT_CLOSED'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const job: Job = { op, args, signal, resolve, reject, settled: false };
      if (signal) job.stopListening = whenAborted(signal, () => this.#abort(job));
      this.#queue.push(job);
      this.#dispatch();
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    this.#closed = true;
    for (const job of this.#queue.splice(0))
      this.#settle(job, new LibsqlError('The client is closed', 'CLIENT_CLOSED'));
    for (const thread of this.#threads) thread.worker.postMessage({ op: 'retire' });
  }

  #spawn(): Thread {
    const worker = new Worker(THREAD_URL, { workerData: { config: this.config } });
    // A thread waiting for work must not keep a finished script alive.
    worker.unref();
    const thread: Thread = { worker, ready: Promise.resolve() };
    thread.ready = new Promise<void>((resolve, reject) => {
      worker.once('message', (message: { ready: boolean; error?: SerialError }) => {
        if (message.ready) resolve();
        else reject(toError(message.error as SerialError));
        worker.on('message', (answer) => this.#answered(thread, answer));
        this.#dispatch();
      });
      worker.once('error', reject);
    });
    thread.ready.catch(() => {}); // reported through ready()/the jobs; never unhandled
    worker.on('error', (error) => this.#lost(thread, error));
    return thread;
  }

  #dispatch(): void {
    this.stats.queued = this.#queue.length;
    for (const thread of this.#threads) {
      if (thread.job || !this.#queue.length) continue;
      const job = this.#queue.shift() as Job;
      thread.job = job;
      // While the thread still opens its database the message waits in its port.
      thread.worker.postMessage({ op: job.op, args: job.args });
    }
    this.stats.queued = this.#queue.length;
  }

  #answered(thread: Thread, answer: { ok: boolean; result?: unknown; error?: SerialError }): void {
    const job = thread.job;
    thread.job = undefined;
    this.stats.answered++;
    if (job) {
      if (answer.ok) this.#settle(job, undefined, answer.result);
      else this.#settle(job, toError(answer.error as SerialError));
    }
    this.#dispatch();
  }

  #abort(job: Job): void {
    const waiting = this.#queue.indexOf(job);
    if (waiting >= 0) this.#queue.splice(waiting, 1);
    this.#settle(job, job.signal?.reason);
    const thread = this.#threads.find((t) => t.job === job);
    if (thread && this.#retiring === 0) this.#retire(thread);
    this.stats.queued = this.#queue.length;
  }

  /** Replaces a thread whose statement is no longer wanted; it ends when the statement does. */
  #retire(thread: Thread): void {
    this.#retiring++;
    this.stats.retired++;
    this.stats.retiring = this.#retiring;
    this.#threads[this.#threads.indexOf(thread)] = this.#spawn();
    thread.worker.removeAllListeners('message');
    thread.worker.once('exit', () => {
      this.#retiring--;
      this.stats.retiring = this.#retiring;
    });
    thread.worker.postMessage({ op: 'retire' });
    this.#dispatch();
  }

  /** A thread died (out of memory, a crash in native code): its job fails, a new one takes its place. */
  #lost(thread: Thread, error: Error): void {
    const index = this.#threads.indexOf(thread);
    if (index < 0 || this.#closed) return;
    if (thread.job) this.#settle(thread.job, error);
    this.#threads[index] = this.#spawn();
    this.#dispatch();
  }

  #settle(job: Job, error: unknown, value?: unknown): void {
    if (job.settled) return;
    job.settled = true;
    job.stopListening?.();
    if (error !== undefined) job.reject(error);
    else job.resolve(value);
  }
}

/** Opens the pool and waits until every thread has the database open (a bad path fails here). */
export async function openWorkerClient(config: Config, threads = DEFAULT_THREADS): Promise<WorkerClient> {
  if (!config.url.startsWith('file:') || /^file::memory:|:memory:/.test(config.url)) {
    throw new Error('openWorkerClient: only file databases can live in worker threads (not :memory:).');
  }
  const pool = new WorkerPool(config, threads);
  try {
    await pool.ready();
  } catch (error) {
    pool.close();
    throw error;
  }
  return new ThreadClient(pool, undefined) as unknown as WorkerClient;
}

/**
 * The client over a pool: the pool's own, or one request's view of it (`withSignal`), whose
 * statements carry the request's signal. A class, so a request's view is one small object.
 */
class ThreadClient {
  readonly protocol = 'file';
  readonly #pool: WorkerPool;
  readonly #signal: AbortSignal | undefined;

  constructor(pool: WorkerPool, signal: AbortSignal | undefined) {
    this.#pool = pool;
    this.#signal = signal;
  }

  get closed(): boolean {
    return this.#pool.closed;
  }

  get stats(): WorkerPoolStats {
    return this.#pool.stats;
  }

  #run(op: Op, args: unknown[]): Promise<unknown> {
    return this.#pool.run(op, args, this.#signal);
  }

  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    return resultSet((await this.#run('execute', [stmt])) as SerialResultSet);
  }

  /** The same statement, its rows left as the thread sent them (src/db/array-rows.ts). */
  async executeArrays(stmt: InStatement): Promise<{ rows: unknown[][] }> {
    return { rows: ((await this.#run('execute', [stmt])) as SerialResultSet).rows };
  }

  async batch(stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode): Promise<ResultSet[]> {
    return ((await this.#run('batch', [stmts, mode])) as SerialResultSet[]).map(resultSet);
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return ((await this.#run('migrate', [stmts])) as SerialResultSet[]).map(resultSet);
  }

  async executeMultiple(sql: string): Promise<void> {
    await this.#run('executeMultiple', [sql]);
  }

  async sync() {
    return (await this.#run('sync', [])) as Awaited<ReturnType<Client['sync']>>;
  }

  transaction(): never {
    // Nothing in Dossier holds a transaction open across awaits: writes are atomic batches.
    throw new LibsqlError(
      'Interactive transactions are not available through worker threads: use batch().',
      'TRANSACTION_NOT_SUPPORTED',
    );
  }

  reconnect(): never {
    throw new LibsqlError('A worker-thread client cannot reconnect: open a new one.', 'RECONNECT_NOT_SUPPORTED');
  }

  close(): void {
    this.#pool.close();
  }

  withSignal(requestSignal: AbortSignal): WorkerClient {
    return new ThreadClient(this.#pool, requestSignal) as unknown as WorkerClient;
  }
}

/** The pool's counters, for tests and the load report. */
export function workerStats(client: Client): WorkerPoolStats | undefined {
  return (client as { stats?: WorkerPoolStats }).stats;
}

/** The result set libSQL would give, its rows made from the thread's arrays (row-shape.ts). */
function resultSet(serial: SerialResultSet): ResultSet {
  const { columns, columnTypes, rowsAffected, lastInsertRowid } = serial;
  const makeRow = rowMaker(columns);
  const rows = serial.rows.map(makeRow);
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({
      columns,
      columnTypes,
      rows: serial.rows.map((r) => r.map((v) => (typeof v === 'bigint' ? `${v}` : v))),
      rowsAffected,
      lastInsertRowid: lastInsertRowid === undefined ? null : `${lastInsertRowid}`,
    }),
  };
}

/** libSQL's errors again, with their codes, so every check of a code keeps working. */
function toError(serial: SerialError): Error {
  const cause = serial.cause ? toError(serial.cause) : undefined;
  let error: Error;
  if (serial.name === 'LibsqlBatchError') {
    error = new LibsqlBatchError(
      serial.message,
      serial.statementIndex ?? 0,
      serial.code as string,
      serial.extendedCode,
      serial.rawCode,
      cause,
    );
  } else if (serial.name === 'LibsqlError') {
    error = new LibsqlError(serial.message, serial.code as string, serial.extendedCode, serial.rawCode, cause);
  } else {
    error = new Error(serial.message, { cause });
    error.name = serial.name;
  }
  // LibsqlError prefixes the code to the message; the thread's message already has it.
  Object.defineProperty(error, 'message', { value: serial.message, writable: true, configurable: true });
  return error;
}
