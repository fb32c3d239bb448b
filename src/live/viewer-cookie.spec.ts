import { guestViewer, viewerCookieValue, viewerIdOf } from 'src/live/viewer-cookie';

const SECRET = 'a-secret-for-the-viewer-cookie-spec';
const ID = '6f1c1e1a-3b7e-4d35-9a43-0d9c2f8f0a11';

describe('the guest viewer cookie', () => {
  it('gives back the id the server signed, and nothing for a forged, altered or other value', () => {
    const value = viewerCookieValue(SECRET, ID);
    expect(viewerIdOf(SECRET, value)).toBe(ID);
    expect(viewerIdOf('another-secret-of-another-server', value)).toBeUndefined();
    const otherId = '7f1c1e1a-3b7e-4d35-9a43-0d9c2f8f0a11';
    expect(viewerIdOf(SECRET, `${otherId}.${value.split('.')[1]}`)).toBeUndefined();
    for (const bad of [undefined, '', ID, `${ID}.`, `${value}.x`, 'not-an-id.abc'])
      expect(viewerIdOf(SECRET, bad)).toBeUndefined();
  });

  it('keeps a signed id and issues a new one, with an HttpOnly cookie, for anything else', () => {
    expect(guestViewer(SECRET, viewerCookieValue(SECRET, ID), false)).toEqual({ viewerId: ID });
    const fresh = guestViewer(SECRET, `${ID}.forged`, true);
    expect(fresh.viewerId).not.toBe(ID);
    expect(fresh.setCookie).toMatch(/^duijie_viewer=[0-9a-f-]{36}\.[\w-]{32}; Path=\/; HttpOnly;/);
    expect(fresh.setCookie).toMatch(/; Secure$/);
    const value = /^duijie_viewer=([^;]+)/.exec(fresh.setCookie!)![1];
    expect(viewerIdOf(SECRET, value)).toBe(fresh.viewerId);
    expect(guestViewer(SECRET, undefined, false).setCookie).not.toMatch(/Secure/);
  });
});
