import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import { openAppStore, type AppStore, type CardRecord, type JournalEntry } from '../../src/store';

let n = 0;
const freshName = () => `scss-test-${Date.now()}-${n++}`;

function card(id: string, extra: Partial<CardRecord> = {}): CardRecord {
  return {
    cardId: id,
    atr: '3b8d0180fba000000397425446590301c8',
    cardType: 'gids',
    certificates: [],
    lastSeen: 1_700_000_000_000,
    ...extra,
  };
}

function entry(id: string, cardId: string): JournalEntry {
  return {
    id,
    flow: 'unblock',
    cardId,
    stage: 'request-created',
    requestId: 'r1',
    facts: { adminKeyDiversified: true },
    startedAt: 1,
    updatedAt: 2,
  };
}

describe('IndexedDB store', () => {
  const opened: AppStore[] = [];
  const open = async (name: string, timeoutMs?: number) => {
    const s = await openAppStore({ name, timeoutMs });
    opened.push(s);
    return s;
  };
  afterEach(() => opened.splice(0).forEach((s) => s.close()));

  it('creates schema v1 on first visit and keeps cards, journal and settings across a reopen', async () => {
    const name = freshName();
    const s1 = await open(name);
    expect(s1.status).to.deep.equal({ persistent: true });
    await s1.cards.put(card('c1', { cmUuid: 'u1', status: 'Active' }));
    await s1.journal.put(entry('j1', 'c1'));
    await s1.journal.put(entry('j2', 'other'));
    await s1.settings.set('cmBaseUrl', 'https://cm.example/CertificateManagement/api/v1.0');
    s1.close();

    const s2 = await open(name);
    expect((await s2.cards.get('c1'))?.status).to.equal('Active');
    expect((await s2.journal.forCard('c1')).map((e) => e.id)).to.deep.equal(['j1']);
    expect(await s2.settings.get('cmBaseUrl')).to.equal('https://cm.example/CertificateManagement/api/v1.0');
    const raw = await openDB(name);
    expect([...raw.objectStoreNames].sort()).to.deep.equal(['cards', 'journal', 'settings']);
    expect(raw.version).to.equal(1);
    raw.close();
  });

  it('refuses a record carrying a secret and writes nothing', async () => {
    const s = await open(freshName());
    const bad = { ...card('c1'), pin: '123456' } as CardRecord;
    let code = '';
    await s.cards.put(bad).catch((e: { code: string }) => (code = e.code));
    expect(code).to.equal('store/secret-refused');
    expect(await s.cards.get('c1')).to.equal(undefined);
    const badJournal = { ...entry('j', 'c1'), facts: { adminKey: '0102' } } as unknown as JournalEntry;
    code = '';
    await s.journal.put(badJournal).catch((e: { code: string }) => (code = e.code));
    expect(code).to.equal('store/secret-refused');
  });

  it('skips corrupt records, reports them, and keeps the good ones', async () => {
    const name = freshName();
    (await open(name)).close();
    const raw = await openDB(name);
    await raw.put('cards', { cardId: 'broken', atr: 42 });
    await raw.put('cards', card('good'));
    raw.close();
    const s = await open(name);
    const list = await s.cards.list();
    expect(list.map((c) => c.cardId)).to.deep.equal(['good']);
    expect(s.status).to.deep.equal({ persistent: true, reason: 'store/corrupt-records' });
    expect(await s.cards.get('broken')).to.equal(undefined);
  });

  it('falls back to memory when the database is from a newer build (VersionError)', async () => {
    const name = freshName();
    const newer = await openDB(name, 7, { upgrade: (db) => void db.createObjectStore('future') });
    newer.close();
    const s = await open(name);
    expect(s.status).to.deep.equal({ persistent: false, reason: 'store/newer-version' });
    await s.cards.put(card('c1'));
    expect((await s.cards.get('c1'))?.cardId).to.equal('c1');
  });

  it('stops waiting when another tab blocks the database, and still works in memory', async () => {
    const name = freshName();
    // Another "tab" holds a connection and ignores requests to close it…
    const holder = await openDB(name, 1);
    holder.addEventListener('versionchange', () => undefined);
    // …so a pending delete (e.g. from a newer build's tab) is blocked, and every open queues behind it.
    const deletion = new Promise((r) => (indexedDB.deleteDatabase(name).onsuccess = r));
    const t0 = performance.now();
    const s = await open(name, 300);
    const waited = performance.now() - t0;
    expect(s.status).to.deep.equal({ persistent: false, reason: 'store/blocked' });
    expect(waited).to.be.within(250, 3000);
    await s.cards.put(card('c1'));
    expect((await s.cards.get('c1'))?.cardId).to.equal('c1');
    holder.close();
    await deletion;
  });

  it('keeps working in memory when the connection dies under a write, says so once, keeps what it had', async () => {
    const s = await open(freshName());
    await s.cards.put(card('before'));
    let statusEvents = 0;
    s.events.addEventListener('status', () => statusEvents++);
    // What a newer build's tab causes: our connection is closed (idb's `blocking` handler) and the
    // next transaction throws InvalidStateError.
    s.close();
    await s.cards.put(card('after'));
    expect(s.status).to.deep.equal({ persistent: false, reason: 'store/unavailable' });
    expect(statusEvents).to.equal(1);
    expect((await s.cards.list()).map((c) => c.cardId).sort()).to.deep.equal(['after', 'before']);
    await s.settings.set('locale', 'en');
    expect(await s.settings.get('locale')).to.equal('en');
    expect(statusEvents).to.equal(1);
  });
});
