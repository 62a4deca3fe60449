import { describe, expect, it } from 'vitest';
import { deepLinkPath, masterFreeTimePath, masterWaitlistPath, parentPath } from './navigation.ts';

describe('parentPath', () => {
  it('hides the back button where there is nothing to go back to', () => {
    for (const path of ['/', '/master', '/master/', '/client', '/master/calendar', '/master/register', '/master/register/phone']) {
      expect(parentPath(path)).toBeUndefined();
    }
  });

  it('goes back through the wizard one step at a time', () => {
    expect(parentPath('/master/register/location')).toBe('/master/register/phone');
    expect(parentPath('/master/register/activate')).toBe('/master/register/profile');
    expect(parentPath('/master/register/profile')).toBe('/master/register/services');
  });

  it("goes back from a draft's portfolio to the wizard's review, and from the published one to settings", () => {
    expect(parentPath('/master/register/portfolio')).toBe('/master/register/activate');
    expect(parentPath('/master/settings/portfolio')).toBe('/master/settings');
    expect(parentPath('/master/settings/reviews')).toBe('/master/settings');
  });

  it('goes from settings to the calendar, and from a settings section to settings', () => {
    expect(parentPath('/master/settings')).toBe('/master/calendar');
    expect(parentPath('/master/settings/schedule')).toBe('/master/settings');
    expect(parentPath('/client/masters')).toBe('/client');
  });

  it("goes from a master's page to the search, and from the booking form to the master's page", () => {
    expect(parentPath('/client/masters/TWFzdGVyOjE%3D')).toBe('/client');
    expect(parentPath('/client/masters/TWFzdGVyOjE%3D/book')).toBe('/client/masters/TWFzdGVyOjE%3D');
    expect(parentPath('/client/bookings')).toBe('/client');
    expect(parentPath('/client/profile')).toBe('/client');
  });

  it("goes from joining a waitlist to the master's page, and from the waitlist to the client's home", () => {
    expect(parentPath('/client/masters/TWFzdGVyOjE%3D/waitlist')).toBe('/client/masters/TWFzdGVyOjE%3D');
    expect(parentPath('/client/waitlist')).toBe('/client');
  });
});

describe('masterWaitlistPath', () => {
  it("joins a master's waitlist with the service and the day the client was looking at", () => {
    expect(masterWaitlistPath('TWFzdGVyOjE=', 'TWFzdGVyU2VydmljZTox', '2030-01-02')).toBe(
      '/client/masters/TWFzdGVyOjE%3D/waitlist?service=TWFzdGVyU2VydmljZTox&date=2030-01-02',
    );
    expect(masterWaitlistPath('TWFzdGVyOjE=', undefined, undefined)).toBe('/client/masters/TWFzdGVyOjE%3D/waitlist');
  });
});

describe('masterFreeTimePath', () => {
  it("opens a master's page at their free time, with one of their services chosen when there is one", () => {
    expect(masterFreeTimePath('TWFzdGVyOjE=', 'TWFzdGVyU2VydmljZTox')).toBe(
      '/client/masters/TWFzdGVyOjE%3D?service=TWFzdGVyU2VydmljZTox#free-time',
    );
    expect(masterFreeTimePath('TWFzdGVyOjE=', undefined)).toBe('/client/masters/TWFzdGVyOjE%3D#free-time');
  });
});

describe('deepLinkPath', () => {
  const masterId = '3f2b8c1e-5d4a-4b6f-9e21-7a0c4d8e9f10';
  /** The client page's id: the API's global id, base64 of "Master:<uuid>", percent-encoded. */
  const masterPage = `/client/masters/${encodeURIComponent(Buffer.from(`Master:${masterId}`).toString('base64'))}`;

  it("opens the master's page for a master's link opened at the root or the client home", () => {
    for (const path of ['/', '/client', '/client/']) {
      expect(deepLinkPath(path, `m_${masterId}`)).toBe(masterPage);
    }
    expect(deepLinkPath('/', `m_${masterId.toUpperCase()}`)).toBe(masterPage);
  });

  it('leaves other launches where they are', () => {
    expect(deepLinkPath('/', undefined)).toBeUndefined();
    expect(deepLinkPath('/', '')).toBeUndefined();
    expect(deepLinkPath('/', 'm_not-a-master')).toBeUndefined();
    expect(deepLinkPath('/', `x_${masterId}`)).toBeUndefined();
    expect(deepLinkPath('/', `m_${masterId}_extra`)).toBeUndefined();
    expect(deepLinkPath('/master', `m_${masterId}`)).toBeUndefined();
    expect(deepLinkPath('/client/bookings', `m_${masterId}`)).toBeUndefined();
  });
});
