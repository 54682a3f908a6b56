import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqlMigration, type Migration } from './migration';
import { contentMigrations } from './migrations';
import { appliedSchemaSteps, ContentDbVersionError, openContentDb } from './open-content-db';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fatong-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const one = sqlMigration('test-1-notes', 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);');
const two = sqlMigration('test-2-tags', 'CREATE TABLE tags (note_id INTEGER NOT NULL REFERENCES notes(id), tag TEXT NOT NULL);');
const tables = (db: ReturnType<typeof openContentDb>) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];

describe('openContentDb', () => {
  it('creates the file (and its folder) in WAL mode with foreign keys on and the app schema applied', () => {
    const file = path.join(dir, 'nested', 'content.db');
    const db = openContentDb(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(appliedSchemaSteps(db)).toEqual(contentMigrations.map((m) => m.id));
    expect(tables(db)).toEqual(expect.arrayContaining(['laws', 'law_versions', 'law_files', 'headings', 'articles', 'import_problems', 'meta']));
    db.close();
  });

  it('upgrades an older file in place, keeping its data', () => {
    const file = path.join(dir, 'c.db');
    const old = openContentDb(file, { migrations: [one] });
    old.prepare("INSERT INTO notes (body) VALUES ('kept')").run();
    old.close();
    const db = openContentDb(file, { migrations: [one, two] });
    expect(appliedSchemaSteps(db)).toEqual(['test-1-notes', 'test-2-tags']);
    expect(db.prepare('SELECT body FROM notes').pluck().get()).toBe('kept');
    // Foreign keys are enforced on the upgraded file.
    expect(() => db.prepare("INSERT INTO tags VALUES (99, 'x')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('refuses a file written by a newer build, without touching it', () => {
    const file = path.join(dir, 'c.db');
    openContentDb(file, { migrations: [one, two] }).close();
    expect(() => openContentDb(file, { migrations: [one] })).toThrow(ContentDbVersionError);
    expect(() => openContentDb(file, { migrations: [one] })).toThrow(/newer version of Fatong.*"test-2-tags"/);
    const db = openContentDb(file, { migrations: [one, two] });
    expect(appliedSchemaSteps(db)).toEqual(['test-1-notes', 'test-2-tags']);
    db.close();
  });

  it('refuses steps applied in another order as damaged', () => {
    const file = path.join(dir, 'c.db');
    openContentDb(file, { migrations: [one, two] }).close();
    expect(() => openContentDb(file, { migrations: [two, one] })).toThrow(/schema step 1 is "test-1-notes".*expects "test-2-tags"/);
  });

  it('rolls a failing step back entirely and leaves the file at the previous step', () => {
    const file = path.join(dir, 'c.db');
    const failing: Migration = {
      id: 'test-2-broken',
      up: (db) => {
        db.exec('CREATE TABLE half (x INTEGER)');
        throw new Error('step failed');
      },
    };
    expect(() => openContentDb(file, { migrations: [one, failing] })).toThrow('step failed');
    const db = openContentDb(file, { migrations: [one] });
    expect(appliedSchemaSteps(db)).toEqual(['test-1-notes']);
    expect(tables(db)).not.toContain('half');
    db.close();
  });

  it('opens read-only only when nothing is pending', () => {
    const file = path.join(dir, 'c.db');
    openContentDb(file, { migrations: [one] }).close();
    expect(() => openContentDb(file, { readonly: true, migrations: [one, two] })).toThrow(/needs 1 schema update/);
    const ro = openContentDb(file, { readonly: true, migrations: [one] });
    expect(() => ro.prepare("INSERT INTO notes (body) VALUES ('x')").run()).toThrow(/readonly/);
    ro.close();
    expect(() => openContentDb(path.join(dir, 'missing.db'), { readonly: true })).toThrow();
  });
});
