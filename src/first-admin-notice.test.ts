import { describe, expect, it } from 'vitest';
import { firstAdminNotice } from './server.ts';

describe('first administrator notice', () => {
  const admin = { username: 'admin', password: 'Xy7-one-time-pass' };

  it('shows the one-time password, framed, on a terminal', () => {
    const lines = firstAdminNotice(admin, true);
    expect(lines.some((l) => l.includes(admin.password))).toBe(true);
    expect(lines[1]).toMatch(/^═+$/);
    expect(lines[lines.length - 1]).toMatch(/^═+$/);
  });

  it('never prints the password when the output is not a terminal (it may be a log)', () => {
    const lines = firstAdminNotice(admin, false);
    expect(lines.join('\n')).not.toContain(admin.password);
    expect(lines.join('\n')).toContain('npx bianzhi user reset-password admin');
  });
});
