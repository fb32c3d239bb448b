/// <reference lib="dom" />
import { DoorStore, newScanKey, normalizeCode, RosterEntry } from './door-store';
import { startScanner } from './door-camera';

/**
 * The check-in page at the door. The code field keeps the focus, so a scanner gun (keys and
 * Enter) checks one person in after another; each code goes to the JSON check-in API without
 * reloading the page (same origin, a JSON body: the API's rules for the session cookie), and a
 * large banner says who came, or who came already and since when. While the network is down the
 * registrants kept in the browser answer, and the scans queue with an idempotency key until it
 * is back; what the sync finds in the way (checked in at another door) is listed.
 */

const REFRESH_MS = 5_000;
const ROSTER_MS = 60_000;
const SYNC_MS = 3_000;

interface Answer {
  code?: string;
  message?: string;
  name?: string;
  organizationName?: string | null;
  sector?: string;
  checkedInAt?: string | null;
  details?: {
    name?: string;
    organizationName?: string | null;
    sector?: string;
    checkedInAt?: string | null;
  };
}

interface Attendance {
  checkedIn: number;
  confirmed: number;
  bySector: { sector: string; checkedIn: number; confirmed: number }[];
}

function apiHeaders(): HeadersInit {
  // The API answers in the page's language, which the reader may have chosen over the browser's.
  return { 'content-type': 'application/json', 'accept-language': document.documentElement.lang };
}

const fill = (text: string, values: Record<string, string>) =>
  Object.entries(values).reduce((t, [k, v]) => t.replace(`{${k}}`, v), text);

function startCounter(): () => void {
  const section = document.querySelector<HTMLElement>('[data-attendance-url]');
  if (!section) return () => undefined;
  const set = (selector: string, value: number) => {
    const cell = section.querySelector(selector);
    if (cell) cell.textContent = String(value);
  };
  const refresh = async () => {
    const response = await fetch(section.dataset.attendanceUrl!, {
      headers: apiHeaders(),
      credentials: 'same-origin',
    });
    if (!response.ok) return;
    const attendance = (await response.json()) as Attendance;
    set('[data-count="checkedIn"]', attendance.checkedIn);
    set('[data-count="confirmed"]', attendance.confirmed);
    for (const row of attendance.bySector) {
      set(`[data-sector-checked-in="${row.sector}"]`, row.checkedIn);
      set(`[data-sector-confirmed="${row.sector}"]`, row.confirmed);
    }
  };
  // A missed refresh is tried again at the next tick; the console says why it was missed.
  const tick = () => {
    refresh().catch((error: unknown) =>
      console.warn('签到人数未刷新 / attendance not refreshed', error),
    );
  };
  setInterval(tick, REFRESH_MS);
  // After a check-in: soon, once for a burst of scans.
  let soon: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (soon) return;
    soon = setTimeout(() => {
      soon = undefined;
      tick();
    }, 300);
  };
}

function startDoor(door: HTMLElement, refreshSoon: () => void): (code: string) => Promise<void> {
  const texts = door.dataset;
  const store = new DoorStore(localStorage, texts.eventId!);
  const banner = document.getElementById('door-banner')!;
  const field = document.getElementById('code') as HTMLInputElement;
  const form = document.getElementById('door-form') as HTMLFormElement;
  const queueLine = document.getElementById('door-queue')!;
  const conflicts = document.getElementById('door-conflicts')!;
  const conflictsPanel = document.getElementById('door-conflicts-panel')!;
  const sectors = new Map<string, string>();
  document.querySelectorAll<HTMLElement>('#door-sectors [data-sector]').forEach((li) => {
    sectors.set(li.dataset.sector!, li.textContent ?? '');
  });
  const timeOf = (at: string | null | undefined) =>
    at
      ? new Date(at).toLocaleString(document.documentElement.lang, {
          timeZone: texts.timeZone || undefined,
          month: 'numeric',
          day: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
        })
      : '';
  const detailOf = (who: { organizationName?: string | null; sector?: string }) =>
    [who.organizationName, who.sector ? sectors.get(who.sector) : undefined]
      .filter(Boolean)
      .join(' · ');

  const show = (state: string, code: string, headline: string, detail = '') => {
    banner.className = `door-banner door-${state}`;
    banner.dataset.code = code;
    banner.dataset.state = state;
    banner.textContent = headline;
    if (detail) {
      const line = document.createElement('span');
      line.className = 'door-detail';
      line.textContent = detail;
      banner.append(line);
    }
  };
  const showQueue = () => {
    const waiting = store.queue().length;
    queueLine.textContent = waiting
      ? fill(texts.pendingText!, { n: String(waiting) })
      : navigator.onLine
        ? ''
        : texts.offlineText!;
    queueLine.dataset.pending = String(waiting);
  };
  const conflict = (text: string) => {
    const item = document.createElement('li');
    item.textContent = text;
    conflicts.append(item);
    conflictsPanel.hidden = false;
  };

  /** A scan sent now, or one queued offline with the time it was made (`scannedAt`). */
  const post = (code: string, key: string, scannedAt?: string) =>
    fetch(texts.checkInUrl!, {
      method: 'POST',
      headers: apiHeaders(),
      credentials: 'same-origin',
      body: JSON.stringify({ code, idempotencyKey: key, scannedAt }),
    });

  /** Kept for later: the registrant list answers for now. */
  const offline = (code: string, key: string) => {
    const known: RosterEntry | undefined = store.roster().get(code);
    if (known?.checkedInAt) {
      show(
        'already',
        code,
        fill(texts.alreadyText!, { name: known.name, time: timeOf(known.checkedInAt) }),
        detailOf(known),
      );
      return;
    }
    const at = new Date().toISOString();
    store.enqueue({ code, key, at });
    store.markCheckedIn(code, at);
    if (known) show('queued', code, fill(texts.queuedText!, { name: known.name }), detailOf(known));
    else show('queued', code, fill(texts.queuedUnknownText!, { code }));
    showQueue();
  };

  const scan = async (typed: string) => {
    const code = normalizeCode(typed);
    if (!code) return;
    const key = newScanKey((bytes) => crypto.getRandomValues(bytes));
    if (!navigator.onLine) return offline(code, key);
    let response: Response;
    try {
      response = await post(code, key);
    } catch {
      return offline(code, key);
    }
    if (response.status >= 500) return offline(code, key);
    const body = (await response.json().catch(() => ({}))) as Answer;
    if (response.ok) {
      store.markCheckedIn(code, body.checkedInAt ?? new Date().toISOString());
      show('ok', code, fill(texts.doneText!, { name: body.name ?? '' }), detailOf(body));
      refreshSoon();
    } else if (body.code === 'CHECK_IN_ALREADY') {
      const who = body.details ?? {};
      const time = timeOf(who.checkedInAt);
      show(
        'already',
        code,
        fill(texts.alreadyText!, { name: who.name ?? '', time }),
        detailOf(who),
      );
    } else if (body.code === 'CHECK_IN_CODE_UNKNOWN') {
      show('refused', code, fill(texts.unknownText!, { code }));
    } else {
      show('refused', code, body.message ?? texts.refusedText!);
    }
  };

  /** The queue, oldest first, each scan with its own key: sent twice, it checks in once. */
  let syncing = false;
  const sync = async () => {
    if (syncing || !navigator.onLine || store.queue().length === 0) return;
    syncing = true;
    try {
      for (const scan of store.queue()) {
        const response = await post(scan.code, scan.key, scan.at);
        if (response.status >= 500) break;
        const body = (await response.json().catch(() => ({}))) as Answer;
        if (response.ok) store.markCheckedIn(scan.code, body.checkedInAt ?? scan.at);
        else if (body.code === 'CHECK_IN_ALREADY') {
          const who = body.details ?? {};
          conflict(
            fill(texts.conflictAlreadyText!, {
              name: who.name ?? scan.code,
              time: timeOf(who.checkedInAt),
            }),
          );
        } else
          conflict(
            fill(texts.conflictRefusedText!, { code: scan.code, reason: body.message ?? '' }),
          );
        store.settle(scan.key);
        showQueue();
      }
      if (store.queue().length === 0) queueLine.textContent = texts.syncedText!;
      refreshSoon();
    } catch {
      // Still offline after all: the rest waits for the next try.
    } finally {
      syncing = false;
      showQueue();
    }
  };
  const syncLater = () => {
    sync().catch((error: unknown) => console.warn('签到未同步 / not synced', error));
  };

  const loadRoster = async () => {
    if (!navigator.onLine) return;
    const response = await fetch(texts.rosterUrl!, {
      headers: apiHeaders(),
      credentials: 'same-origin',
    });
    if (response.ok) store.saveRoster((await response.json()) as RosterEntry[]);
    door.dataset.roster = String(store.roster().size);
  };
  const rosterLater = () => {
    loadRoster().catch((error: unknown) => console.warn('名单未更新 / roster not loaded', error));
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = field.value;
    // Cleared at once: the scanner gun's next code may come before this one is answered.
    field.value = '';
    field.focus();
    scan(typed).catch((error: unknown) => console.warn('签到失败 / check-in failed', error));
  });
  window.addEventListener('online', () => {
    showQueue();
    syncLater();
    rosterLater();
  });
  window.addEventListener('offline', showQueue);
  setInterval(syncLater, SYNC_MS);
  setInterval(rosterLater, ROSTER_MS);
  field.focus();
  showQueue();
  rosterLater();
  syncLater();
  door.dataset.ready = 'true';
  return scan;
}

const door = document.querySelector<HTMLElement>('.door[data-check-in-url]');
if (door) {
  const scan = startDoor(door, startCounter());
  startScanner(door, scan);
}
