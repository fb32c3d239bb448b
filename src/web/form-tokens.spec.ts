import { withFormTokens } from 'src/web/form-tokens';

describe('withFormTokens', () => {
  it('puts the token into every form that posts, and into no other', () => {
    const html = [
      '<form method="post" action="/sign-in" novalidate><input name="email"></form>',
      '<form class="inline" METHOD="POST" action="/x">',
      '<form method="get" action="/activities">',
      '<form id="live-chat-form" hidden>',
      '<p>&lt;form method="post"&gt; typed by someone</p>',
    ].join('\n');
    const field = '<input type="hidden" name="_csrf" value="t0k">';
    expect(withFormTokens(html, 't0k').split('\n')).toEqual([
      `<form method="post" action="/sign-in" novalidate>${field}<input name="email"></form>`,
      `<form class="inline" METHOD="POST" action="/x">${field}`,
      '<form method="get" action="/activities">',
      '<form id="live-chat-form" hidden>',
      '<p>&lt;form method="post"&gt; typed by someone</p>',
    ]);
  });
});
