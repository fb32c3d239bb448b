/// <reference lib="dom" />
/**
 * Amounts are typed in 万元: beside each such box the amount is read back in words as it is typed
 * ("= 2.155亿元"), so that a zero too many or too few shows before the form is sent. The words come
 * from the one function every page shows money with.
 */
import { wanReadBack } from 'src/common/chinese-numbers';

const locale = document.documentElement.lang === 'en' ? 'en' : 'zh-CN';

document.querySelectorAll<HTMLInputElement>('input[data-money-wan]').forEach((input) => {
  const output = document.getElementById(`${input.id}-read`);
  input.addEventListener('input', () => {
    if (output) output.textContent = wanReadBack(input.value, locale);
  });
});
