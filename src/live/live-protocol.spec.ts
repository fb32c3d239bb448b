import { IncomingMessage } from 'node:http';
import { cookieOf, credentialsOf, envelopeProblem, reply, tokenOf } from 'src/live/live-protocol';

function request(url: string, headers: IncomingMessage['headers'] = {}): IncomingMessage {
  return { url, headers } as IncomingMessage;
}

describe('the signalling wire protocol', () => {
  it('echoes the request id in a reply, null without one', () => {
    expect(reply('left', { requestId: 'r1' }, {})).toEqual({
      event: 'left',
      data: { requestId: 'r1' },
    });
    expect(reply('resumed', {}, { consumerId: 'c' })).toEqual({
      event: 'resumed',
      data: { requestId: null, consumerId: 'c' },
    });
  });

  it('lets known messages through and names what is wrong with the others', () => {
    const raw = (text: string) => Buffer.from(text);
    expect(envelopeProblem(raw('{"event":"join","data":{}}'))).toBeUndefined();
    expect(envelopeProblem(raw('not json'))).toEqual({ reason: 'not JSON', requestId: undefined });
    expect(envelopeProblem(raw('{"event":"dance","data":{"requestId":"r2"}}'))).toMatchObject({
      reason: expect.stringContaining('unknown event; one of join,'),
      requestId: 'r2',
    });
    expect(envelopeProblem([raw('{"event":'), raw('"leave"}')])).toBeUndefined();
  });

  it('takes the bearer header, then ?token=, then the session cookie', () => {
    expect(tokenOf(request('/api/live/ws?token=q', { authorization: 'Bearer h ' }))).toBe('h');
    expect(tokenOf(request('/api/live/ws?token=q', { cookie: 'duijie_token=c' }))).toBe('q');
    expect(tokenOf(request('/api/live/ws', { cookie: 'a=1; duijie_token=c%3D' }))).toBe('c=');
    expect(tokenOf(request('/api/live/ws'))).toBeUndefined();
  });

  it('tells a presented token from a cookie that merely comes along, and reads cookies safely', () => {
    expect(credentialsOf(request('/api/live/ws?token=q'))).toEqual({ token: 'q', presented: true });
    expect(credentialsOf(request('/api/live/ws', { cookie: 'duijie_token=c' }))).toEqual({
      token: 'c',
      presented: false,
    });
    expect(credentialsOf(request('/api/live/ws', { authorization: 'Bearer  ' }))).toBeUndefined();
    expect(cookieOf(request('/', { cookie: 'duijie_viewer=%E0%A4%A' }), 'duijie_viewer')).toBe(
      undefined,
    );
    expect(cookieOf(request('/', { cookie: 'x=1; duijie_viewer=v.s' }), 'duijie_viewer')).toBe(
      'v.s',
    );
  });
});
