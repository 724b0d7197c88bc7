// Starts an Ardoise server for the browser tests: a fresh temporary database
// made by `ardoise init --demo`, then `ardoise serve` on a free loopback port.
// It builds nothing: run `make all` first, or point ARDOISE_BIN at a binary.

import { spawn, execFile } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const START_TIMEOUT_MS = 15000;
const STOP_TIMEOUT_MS = 10000;
const LISTENING_RE = /listening address=(http:\/\/127\.0\.0\.1:\d+)\//;

/**
 * Parses the logins table that `ardoise init --demo` prints on stdout.
 * Columns are separated by two or more spaces. Returns
 * { adults: { <role>: { login, password } }, children: [{ code, name, pictures, level }] }.
 */
export function parseDemoLogins(stdout) {
  const logins = { adults: {}, children: [] };

  for (const line of stdout.split('\n')) {
    const cells = line.trim().split(/ {2,}/);
    if (cells.length !== 3 || cells[0] === 'rôle')
      continue;

    const [role, login, secret] = cells;
    if (role !== 'élève') {
      logins.adults[role] = { login, password: secret };
      continue;
    }

    const child = login.match(/^(\S+) \/ (.+)$/);
    const pictures = secret.match(/^(\S+) (\S+) (\S+) \((\S+)\)$/);
    if (!child || !pictures)
      throw new Error(`unexpected child line in the demo logins: ${JSON.stringify(line)}`);
    logins.children.push({
      code: child[1],
      name: child[2],
      pictures: pictures.slice(1, 4),
      level: pictures[4],
    });
  }
  return logins;
}

/** Returns the demo child named `name` ("Léa M."), or throws. */
export function findChild(logins, name) {
  const child = logins.children.find((c) => c.name === name);
  if (!child)
    throw new Error(`child ${name} missing from the demo logins: ${JSON.stringify(logins.children)}`);
  return child;
}

/** Polls the serve log until the listening line; returns the base URL ("http://127.0.0.1:PORT"). */
async function waitForListening(log, child) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const match = log().match(LISTENING_RE);
    if (match)
      return match[1];
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`ardoise serve exited before listening (code ${child.exitCode}, signal ${child.signalCode}):\n${log()}`);
    if (Date.now() > deadline)
      throw new Error(`ardoise serve printed no listening line in ${START_TIMEOUT_MS} ms:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Creates a demo database in a new temporary folder and starts `serve` on it,
 * with `serveArgs` appended to its options.
 * Returns { baseURL, logins, log(), stop() }. stop() sends SIGTERM, waits for
 * the exit, removes the folder and returns { code, signal } for the caller
 * to check. `options.audio` makes init prepare the dictation audio (a few
 * seconds); without it the audio is made at the first request.
 */
export async function startArdoise(options = {}) {
  const serveArgs = options.serveArgs || [];
  const bin = path.resolve(repoRoot, process.env.ARDOISE_BIN || 'build/ardoise');
  const dir = await mkdtemp(path.join(tmpdir(), 'ardoise-e2e-'));
  const db = path.join(dir, 'a.db');

  const initArgs = ['init', '--db', db, '--demo'];
  if (!options.audio)
    initArgs.push('--sans-audio');
  const init = await promisify(execFile)(bin, initArgs, { cwd: repoRoot });
  const logins = parseDemoLogins(init.stdout);
  if (!logins.adults.accompagnateur || logins.children.length === 0)
    throw new Error(`no accompagnateur or child in the demo logins:\n${init.stdout}`);

  // stderr goes to a file: `serve` opens /dev/stderr for its access log, and
  // that open fails when fd 2 is a socket, as Node's stdio pipes are.
  const logPath = path.join(dir, 'serve.log');
  const logFd = openSync(logPath, 'w');
  const child = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', '2', ...serveArgs], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', logFd],
  });
  closeSync(logFd);
  const log = () => {
    try {
      return readFileSync(logPath, 'utf8');
    } catch {
      return '(serve.log removed)';
    }
  };
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });

  let baseURL;
  try {
    baseURL = await waitForListening(log, child);
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  let finalLog = '';
  async function stop() {
    if (child.exitCode === null && child.signalCode === null)
      child.kill('SIGTERM');
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve(null), STOP_TIMEOUT_MS);
    });
    const status = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (!status)
      child.kill('SIGKILL');
    finalLog = log();
    await rm(dir, { recursive: true, force: true });
    if (!status)
      throw new Error(`ardoise serve did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM:\n${finalLog}`);
    return status;
  }

  return { baseURL, logins, log: () => finalLog || log(), stop };
}
