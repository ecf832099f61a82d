// Where imports keep their files while they run: uploaded workbooks (clear 身份证号) and the
// staging file. Each import gets a private folder under `<data dir>/imports`, marked with the
// id of the process that owns it; the folder is removed when the import ends, and a folder
// whose process is gone (a crash, kill -9) is swept when a server or an import starts.
import fs from 'node:fs';
import path from 'node:path';

const OWNER_FILE = 'owner.pid';

export function importRoot(dataDir: string): string {
  return path.join(dataDir, 'imports');
}

/** A new private folder (0700) for one import, owned by this process. */
export function createImportFolder(root: string, prefix: string): string {
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  const dir = fs.mkdtempSync(path.join(root, `${prefix}-`));
  fs.chmodSync(dir, 0o700);
  fs.writeFileSync(path.join(dir, OWNER_FILE), String(process.pid), { mode: 0o600 });
  return dir;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the folders of imports whose process has ended; returns how many. */
export function sweepImportFolders(root: string): number {
  let removed = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const dir = path.join(root, entry.name);
    let owner = NaN;
    try {
      owner = Number(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
    } catch {
      // no owner file: not an import folder we can vouch for, or one cut short while created
    }
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) continue;
    fs.rmSync(dir, { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}
