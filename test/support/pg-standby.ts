// A real PostgreSQL primary and hot standby on this machine, for the standby test: initdb a
// primary on a free port, pg_basebackup -R a standby from it on another port, start both;
// stop() stops and removes both. The server programs refuse to run as root, so when the tests
// run as root they run as the `postgres` OS user (runuser), in a temporary directory it owns.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const PG_BIN = process.env.BIANZHI_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface StandbyPair {
  dir: string;
  primaryUrl: string;
  standbyUrl: string;
  /** Stops and removes both clusters; safe to call more than once. */
  stop(): void;
  /** Stops the standby only (the fallback to the primary). */
  stopStandby(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

export async function startStandbyPair(): Promise<StandbyPair> {
  const root = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianzhi-standby-'));
  if (root) {
    const { uid, gid } = postgresIds();
    fs.chownSync(dir, uid, gid);
  }
  const run = (program: string, args: string[]) => {
    const file = path.join(PG_BIN, program);
    try {
      execFileSync(root ? 'runuser' : file, root ? ['-u', 'postgres', '--', file, ...args] : args, {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 120_000,
      });
    } catch (e) {
      const err = e as { stderr?: Buffer; stdout?: Buffer; message: string };
      throw new Error(
        `${program} 失败：${err.stderr?.toString() ?? ''}${err.stdout?.toString() ?? ''}${err.message}`,
        { cause: e },
      );
    }
  };
  const primaryDir = path.join(dir, 'primary');
  const standbyDir = path.join(dir, 'standby');
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  // fsync off: a throwaway cluster; a crash loses nothing worth keeping.
  const serverOptions = (port: number) =>
    `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c full_page_writes=off`;
  const started: string[] = [];
  const stopCluster = (clusterDir: string) => {
    if (!started.includes(clusterDir)) return;
    try {
      run('pg_ctl', ['-D', clusterDir, '-m', 'immediate', '-w', '-t', '60', 'stop']);
    } catch {
      // already stopped
    }
    started.splice(started.indexOf(clusterDir), 1);
  };
  const pair: StandbyPair = {
    dir,
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
    standbyUrl: `postgres://postgres@127.0.0.1:${standbyPort}/postgres`,
    stop() {
      stopCluster(standbyDir);
      stopCluster(primaryDir);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    stopStandby() {
      stopCluster(standbyDir);
    },
  };
  try {
    run('initdb', ['-D', primaryDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '-N']);
    run('pg_ctl', [
      '-D',
      primaryDir,
      '-l',
      path.join(dir, 'primary.log'),
      '-o',
      serverOptions(primaryPort),
      '-w',
      '-t',
      '60',
      'start',
    ]);
    started.push(primaryDir);
    // -R writes standby.signal and primary_conninfo; -X stream copies the WAL written meanwhile.
    run('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      standbyDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
      '-N',
    ]);
    run('pg_ctl', [
      '-D',
      standbyDir,
      '-l',
      path.join(dir, 'standby.log'),
      '-o',
      serverOptions(standbyPort),
      '-w',
      '-t',
      '60',
      'start',
    ]);
    started.push(standbyDir);
  } catch (e) {
    pair.stop();
    throw e;
  }
  return pair;
}
