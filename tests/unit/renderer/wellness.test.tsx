// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type WellnessStatus } from '../../../electron/api';
import { App } from '../../../renderer/components/App';
import { ACTIVITY_PING_MS } from '../../../renderer/components/useActivityPing';
import type { UiLocale } from '../../../renderer/i18n';
import { LocaleProvider } from '../../../renderer/i18n/context';
import { LENS_INTERVAL_MS, openLens } from '../../../renderer/media/lens';
import { createStores, StoresProvider } from '../../../renderer/state/stores';
import { calmStatus, FakeWorkstation } from './fakeWorkstation';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

beforeEach(() => {
  // happy-dom has no object URLs; the CSV download needs one for its link.
  URL.createObjectURL = vi.fn(() => 'blob:csv');
  URL.revokeObjectURL = vi.fn();
});

function renderApp(api: FakeWorkstation, locale: UiLocale = 'en') {
  return render(
    <LocaleProvider locale={locale}>
      <StoresProvider stores={createStores(api)}>
        <App />
      </StoresProvider>
    </LocaleProvider>,
  );
}

async function signIn(api: FakeWorkstation, username: string, locale: UiLocale = 'en') {
  renderApp(api, locale);
  fireEvent.click(await screen.findByTestId(`demo-account-${username}`));
}

const press = (key: string, target: Element | Window = document.body) => fireEvent.keyDown(target, { key });
const calls = (api: FakeWorkstation, name: string) => api.calls.filter((c) => c.name === name);
const cells = (table: HTMLElement) => [...table.querySelectorAll('tr')].map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent));

describe('wellness lead: team exposure', () => {
  it('shows the team’s days as charts with the same figures in tables, caps hit and breaks, never a person', async () => {
    const api = new FakeWorkstation();
    await signIn(api, 'well1');
    const team = await screen.findByTestId('team-exposure');
    expect(await within(team).findByTestId('team-summary')).toHaveProperty(
      'textContent',
      '3 moderators over 2 days: 8 breaks taken, 2 limits reached.',
    );
    expect(within(team).getByTestId('chart-exposure')).toBeTruthy();
    const exposure = within(team).getByTestId('table-exposure');
    // Categories in the policy's order; weighted seconds per day.
    expect(cells(exposure)).toEqual([
      ['Day', 'Violent threats', 'Image no signal flagged'],
      ['2025-04-28', '30', '95'],
      ['2025-04-29', '30', '95'],
    ]);
    expect(cells(within(team).getByTestId('table-work'))).toEqual([
      ['Day', 'Moderators', 'Review minutes', 'Breaks taken', 'Limits reached', 'High-severity items', 'Check-in average'],
      ['2025-04-28', '3', '600', '4', '1', '9', '3.7 (3 shared)'],
      ['2025-04-29', '3', '540', '4', '1', '9', '—'],
    ]);
    expect(within(team).getByTestId('caps-hit').textContent).toBe('Review time per day: 2 times');
    expect(team.textContent).not.toMatch(/mod1|Maria|item-/);
  });

  it('asks for another period and exports it as CSV', async () => {
    const api = new FakeWorkstation();
    await signIn(api, 'well1');
    await screen.findByTestId('team-summary');
    fireEvent.click(screen.getByTestId('period-7'));
    await waitFor(() => expect(calls(api, 'wellness.team')).toHaveLength(2));
    const [first, second] = calls(api, 'wellness.team').map((c) => c.input as { from: string; to: string });
    expect(Date.parse(second!.to) - Date.parse(second!.from)).toBe(6 * 86_400_000);
    expect(Date.parse(first!.to) - Date.parse(first!.from)).toBe(27 * 86_400_000);
    fireEvent.click(screen.getByTestId('export-csv'));
    expect(await screen.findByTestId('csv-exported')).toHaveProperty(
      'textContent',
      `Downloaded wellness-team-north-${second!.from}-to-${second!.to}.csv.`,
    );
    expect(URL.createObjectURL).toHaveBeenCalledTimes(1);
  });

  it('reaches the policy tab by keyboard', async () => {
    const api = new FakeWorkstation();
    await signIn(api, 'well1');
    const teamTab = await screen.findByTestId('tab-team');
    expect(teamTab.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(teamTab, { key: 'ArrowRight' });
    expect(screen.getByTestId('tab-policy').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByTestId('tab-policy'));
    expect(await screen.findByTestId('policy-editor')).toBeTruthy();
  });
});

describe('wellness lead: the policy editor', () => {
  async function openEditor(api: FakeWorkstation) {
    await signIn(api, 'well1');
    fireEvent.click(await screen.findByTestId('tab-policy'));
    return screen.findByTestId('policy-editor');
  }
  const field = (path: string) => document.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-field="${path}"]`)!;

  it('shows core’s refusal on the field it names and moves focus there; nothing is saved', async () => {
    const api = new FakeWorkstation();
    await openEditor(api);
    fireEvent.change(field('limits.default.breakMinutes'), { target: { value: '1800' } });
    fireEvent.click(screen.getByTestId('policy-save'));
    const error = await screen.findByTestId('field-error');
    expect(error.getAttribute('data-field')).toBe('limits.default.breakMinutes');
    expect(error.textContent).toBe('must be at most 120 minutes');
    expect(field('limits.default.breakMinutes').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field('limits.default.breakMinutes'));
    expect(api.policy.version).toBe(3);
    // An empty field is sent as missing, and core names it too.
    fireEvent.change(field('limits.default.breakMinutes'), { target: { value: '10' } });
    fireEvent.change(field('severityWeights.S2'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('policy-preview-run'));
    await waitFor(() => expect(screen.getByTestId('field-error').getAttribute('data-field')).toBe('severityWeights.S2'));
  });

  it('previews the draft’s effect on last week, then saves it as the next version', async () => {
    const api = new FakeWorkstation();
    await openEditor(api);
    fireEvent.change(field('limits.default.breakAfterMinutes'), { target: { value: '40' } });
    fireEvent.click(screen.getByTestId('policy-preview-run'));
    const preview = await screen.findByTestId('policy-preview');
    expect(within(preview).getByTestId('policy-preview-summary').textContent).toBe('12 breaks more, 3 shifts capped more');
    expect(
      within(preview)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toContain('Review time per day25');
    fireEvent.click(screen.getByTestId('policy-save'));
    expect(await screen.findByTestId('policy-saved')).toHaveProperty('textContent', 'Saved as version 4.');
    expect(api.policy).toMatchObject({ version: 4, limits: { default: { breakAfterMinutes: 40 } } });
  });

  it('says plainly when someone saved meanwhile, and reloads their version', async () => {
    const api = new FakeWorkstation();
    await openEditor(api);
    api.policy = { ...api.policy, version: 5 };
    fireEvent.click(screen.getByTestId('policy-save'));
    const conflict = await screen.findByTestId('policy-conflict');
    expect(conflict.textContent).toContain('Someone saved version 5 meanwhile. Reload it and make your change again.');
    fireEvent.click(within(conflict).getByTestId('policy-reload'));
    await waitFor(() => expect(screen.getByTestId('policy-save').textContent).toBe('Save as version 6'));
  });
});

describe('supervisor', () => {
  it('sees the escalation list (key 8) and the team exposure (key 9) in the audit workspace, read only: no policy', async () => {
    const api = new FakeWorkstation();
    await signIn(api, 'sup1');
    await screen.findByTestId('audit-workspace');
    press('8');
    await screen.findByTestId('escalation-list');
    press('9');
    await screen.findByTestId('team-summary');
    expect(screen.getByTestId('tab-wellness').getAttribute('aria-selected')).toBe('true');
    expect(screen.queryByTestId('policy-editor')).toBeNull();
    expect(screen.queryByTestId('tab-policy')).toBeNull();
    expect(calls(api, 'wellness.policy')).toEqual([]);
  });
});

async function moderatorWithBatch(api: FakeWorkstation) {
  await signIn(api, 'mod1');
  await screen.findByTestId('queue-empty');
  press('p');
  await screen.findByTestId('item-detail');
}

describe('moderator: my wellness (W)', () => {
  it('shows each limit with its numbers and state, breaks and exposure', async () => {
    const api = new FakeWorkstation();
    api.wellnessStatus = calmStatus({
      state: 'warning',
      budgets: calmStatus().budgets.map((b) => (b.kind === 'break_minutes' ? { ...b, used: 41, state: 'warning' } : b)),
    });
    await moderatorWithBatch(api);
    press('w');
    const panel = await screen.findByTestId('wellness-panel');
    const meters = within(panel).getAllByTestId('wellness-meter');
    expect(meters.map((m) => [m.getAttribute('data-kind'), m.getAttribute('data-state')])).toContainEqual(['break_minutes', 'warning']);
    // Each limit's row: label, meter, figure and state, in their own columns.
    const row = (kind: string) =>
      [...meters.find((m) => m.getAttribute('data-kind') === kind)!.children].map((part) => part.getAttribute('aria-label') ?? part.textContent);
    expect(row('break_minutes')).toEqual([
      'Review time since your last break',
      'Review time since your last break',
      '41 of 50 min',
      'close to the limit',
    ]);
    expect(row('clear_per_hour')).toEqual([
      'Clear view of Image no signal flagged this hour',
      'Clear view of Image no signal flagged this hour',
      '12 of 300 s',
      'within the limit',
    ]);
    expect(within(panel).getByTestId('without-clear-view').textContent).toBe('13 of 14 decisions today made without any clear view.');
    expect(within(panel).getByTestId('next-break').textContent).toBe(
      'Next break after 9 more minutes of review or 18 more high-severity items. Breaks today: 0.',
    );
    // The notice in the queue says it without opening anything.
    fireEvent.click(within(panel).getByTestId('wellness-close'));
    expect(screen.getByTestId('wellness-notice').textContent).toContain('Close to a limit: Review time since your last break: 41 of 50 min.');
  });

  it('keeps a check-in on the workstation unless the moderator chooses to share it', async () => {
    const api = new FakeWorkstation();
    await moderatorWithBatch(api);
    press('w');
    const checkIn = within(await screen.findByTestId('wellness-panel')).getByTestId('check-in');
    expect(within(checkIn).getByTestId<HTMLInputElement>('check-in-share').checked).toBe(false);
    fireEvent.click(within(checkIn).getByTestId('mood-2'));
    fireEvent.click(within(checkIn).getByTestId('check-in-save'));
    expect(await within(checkIn).findByTestId('check-in-saved')).toHaveProperty('textContent', 'Saved on this workstation only.');
    fireEvent.click(within(checkIn).getByTestId('check-in-share'));
    fireEvent.click(within(checkIn).getByTestId('mood-4'));
    fireEvent.click(within(checkIn).getByTestId('check-in-save'));
    await waitFor(() =>
      expect(within(checkIn).getByTestId('check-in-saved').textContent).toBe('Saved, and shared without your name in the team average.'),
    );
    expect(api.checkIns).toEqual([
      { mood: 2, share: false },
      { mood: 4, share: true },
    ]);
  });

  it('offers only settings at or above the floor, and shows core’s refusal if one comes', async () => {
    const api = new FakeWorkstation();
    await moderatorWithBatch(api);
    press('w');
    const prefs = await within(await screen.findByTestId('wellness-panel')).findByTestId('preferences');
    const options = (severity: string) => [...within(prefs).getByTestId(`pref-tier-${severity}`).querySelectorAll('option')].map((o) => o.value);
    expect(options('S0')).toEqual(['heavy', 'pixelate', 'medium']);
    expect(options('S1')).toEqual(['heavy']);
    const grayscaleS1 = within(prefs).getByLabelText<HTMLInputElement>('Grayscale for S1');
    expect([grayscaleS1.checked, grayscaleS1.disabled]).toEqual([true, true]);
    fireEvent.change(within(prefs).getByTestId('pref-tier-S0'), { target: { value: 'heavy' } });
    fireEvent.click(within(prefs).getByTestId('preferences-save'));
    await within(prefs).findByTestId('preferences-saved');
    expect(api.preferences.S0.tier).toBe('heavy');
    const call = api.call.bind(api);
    api.call = async (name: string, input: unknown) => {
      if (name === 'wellness.setPreferences')
        throw new ApiError('forbidden', "S2: blur 'light' shows more than the floor, 'heavy'.", 'preferences.S2.tier');
      return call(name as never, input as never);
    };
    fireEvent.click(within(prefs).getByTestId('preferences-save'));
    expect((await within(prefs).findByTestId('error-notice')).textContent).toContain("S2: blur 'light' shows more than the floor, 'heavy'.");
  });
});

describe('moderator: breaks', () => {
  const breakDue = (counted: number): WellnessStatus =>
    calmStatus({
      state: 'break_due',
      message: 'Break due',
      break: { reason: 'minutes', dueAt: '2025-05-01T10:00:00.000Z', requiredSeconds: 600, countedSeconds: counted },
      budgets: calmStatus().budgets.map((b) => (b.kind === 'break_minutes' ? { ...b, used: 50, state: 'reached' } : b)),
    });

  it('replaces the queue with the break screen, counting down what core counted, and resumes when core says so', async () => {
    const api = new FakeWorkstation();
    await moderatorWithBatch(api);
    api.wellnessStatus = breakDue(90);
    act(() => api.emit({ type: 'wellness.status', status: breakDue(90) }));
    const screenEl = await screen.findByTestId('break-screen');
    expect(screen.queryByTestId('queue-screen')).toBeNull();
    expect(screen.queryByTestId('item-detail')).toBeNull();
    expect(within(screenEl).getByTestId('break-remaining').textContent).toBe('8:30 of your break left');
    expect(screenEl.textContent).toContain('The break counts only while you are away');
    expect(screenEl.textContent).toContain('You have reviewed for 50 minutes since your last break.');
    api.wellnessStatus = calmStatus();
    act(() => api.emit({ type: 'wellness.status', status: calmStatus() }));
    await screen.findByTestId('queue-screen');
    expect(await screen.findByTestId('item-detail')).toBeTruthy();
  });

  it('re-reads the status while the break counts down', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = new FakeWorkstation();
    api.wellnessStatus = breakDue(0);
    await signIn(api, 'mod1');
    await screen.findByTestId('break-screen');
    api.wellnessStatus = breakDue(300);
    await act(async () => vi.advanceTimersByTimeAsync(5_000));
    expect(screen.getByTestId('break-remaining').textContent).toBe('5:00 of your break left');
  });

  it('says when the day is over and when review opens again', async () => {
    const api = new FakeWorkstation();
    api.wellnessStatus = calmStatus({
      state: 'day_over',
      budgets: calmStatus().budgets.map((b) => (b.kind === 'daily_review_minutes' ? { ...b, used: 240, state: 'reached' } : b)),
    });
    await signIn(api, 'mod1');
    const over = await screen.findByTestId('day-over-screen');
    expect(over.textContent).toContain('You reviewed 240 minutes today, the daily limit of 240 minutes.');
    expect(screen.queryByTestId('queue-screen')).toBeNull();
  });
});

describe('moderator: what core withholds and what it is told', () => {
  it('marks withheld items with core’s reason, and says so when only those are left', async () => {
    const api = new FakeWorkstation();
    await moderatorWithBatch(api);
    api.withheld.set('item-3', 'Withheld (S2, Grooming). The high-severity limit is reached.');
    press('a');
    await waitFor(() => expect(screen.getByTestId('item-detail').getAttribute('data-item-id')).toBe('item-2'));
    const row = () => screen.getAllByTestId('queue-item').find((r) => r.getAttribute('data-item-id') === 'item-3')!;
    // Core says what it withholds when the queue is read again, once the decision is in.
    await waitFor(() => expect(row().getAttribute('data-withheld')).toBe('true'));
    expect(row().textContent).toContain('withheld: Withheld (S2, Grooming). The high-severity limit is reached.');
    press('a');
    expect(await screen.findByTestId('withheld-summary')).toHaveProperty(
      'textContent',
      expect.stringContaining('1 items of this batch are withheld'),
    );
  });

  it('pings core on input, at most once per interval, so browser-mode breaks can count idle time', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['Date'] });
    const api = new FakeWorkstation();
    await signIn(api, 'mod1');
    await screen.findByTestId('queue-empty');
    fireEvent.pointerMove(window);
    fireEvent.keyDown(window, { key: 'Shift' });
    expect(calls(api, 'session.activity')).toHaveLength(1);
    vi.setSystemTime(Date.now() + ACTIVITY_PING_MS);
    fireEvent.pointerDown(window);
    expect(calls(api, 'session.activity')).toHaveLength(2);
  });
});

describe('the lens asks core for one region at a time', () => {
  it('sends the latest pointer position once the previous image is in, at most every interval, then ends the reveal', async () => {
    const api = new FakeWorkstation();
    api.items = (await import('./fakeWorkstation')).batchItems();
    let now = 0;
    const timers: Array<() => void> = [];
    const images: string[] = [];
    const lens = openLens(
      api,
      { itemId: 'item-1', sha256: 'a'.repeat(64), tier: 'default', grayscale: undefined, radius: 0.12 },
      { onImage: (url) => images.push(url), onRefused: () => undefined, now: () => now, setTimer: (run) => timers.push(run) },
    );
    lens.move(0.1, 0.1);
    lens.move(0.2, 0.2);
    await vi.waitFor(() => expect(images).toHaveLength(1));
    lens.move(0.3, 0.3);
    lens.move(0.4, 0.4);
    // Within the interval: nothing more is asked until the timer runs.
    expect(api.previewRequests.filter((r) => r.lens)).toHaveLength(1);
    now += LENS_INTERVAL_MS;
    timers.shift()!();
    await vi.waitFor(() => expect(images).toHaveLength(2));
    expect(api.previewRequests.filter((r) => r.lens).map((r) => [r.lens!.x, r.lens!.y])).toEqual([
      [0.2, 0.2],
      [0.4, 0.4],
    ]);
    expect(api.released).toEqual([images[0]]);
    lens.end();
    expect(api.released).toEqual(images);
    await vi.waitFor(() => expect(api.reveals[0]?.ended).toBe(true));
  });

  it('ends itself and passes core’s reason on when a region is refused', async () => {
    const api = new FakeWorkstation();
    api.refusePreview = (r) => (r.lens ? new ApiError('forbidden', 'The clear-view limit is reached.') : null);
    const refused: string[] = [];
    const lens = openLens(
      api,
      { itemId: 'item-1', sha256: 'a'.repeat(64), tier: 'default', grayscale: undefined, radius: 0.12 },
      { onImage: () => undefined, onRefused: (m) => refused.push(m) },
    );
    lens.move(0.5, 0.5);
    await vi.waitFor(() => expect(refused).toEqual(['The clear-view limit is reached.']));
    await vi.waitFor(() => expect(api.reveals[0]?.ended).toBe(true));
  });
});
