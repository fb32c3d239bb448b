import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATES_DIR } from 'src/common/paths';
import { loadPageTexts } from 'src/web/page-texts';

function textsDir(files: Record<string, Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'duijie-texts-'));
  for (const [path, texts] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify(texts));
  }
  return dir;
}

describe('page texts', () => {
  it('holds the same keys in every language (the site’s own texts)', () => {
    const texts = loadPageTexts(join(TEMPLATES_DIR, 'i18n'));
    expect(Object.keys(texts.en).sort()).toEqual(Object.keys(texts['zh-CN']).sort());
    expect(texts['zh-CN']['nav.home']).toBe('首页');
  });

  it('merges each part’s files', () => {
    const dir = textsDir({
      'zh-CN.json': { a: '甲' },
      'en.json': { a: 'A' },
      'console/zh-CN.json': { 'console.b': '乙' },
      'console/en.json': { 'console.b': 'B' },
    });
    expect(loadPageTexts(dir)).toEqual({
      'zh-CN': { a: '甲', 'console.b': '乙' },
      en: { a: 'A', 'console.b': 'B' },
    });
  });

  it('refuses a key given twice', () => {
    const dir = textsDir({
      'zh-CN.json': { a: '甲' },
      'en.json': { a: 'A' },
      'part/zh-CN.json': { a: '乙' },
      'part/en.json': { a: 'B' },
    });
    expect(() => loadPageTexts(dir)).toThrow('page text "a" is given twice');
  });

  it('refuses a key one language lacks', () => {
    const dir = textsDir({ 'zh-CN.json': { a: '甲', b: '乙' }, 'en.json': { a: 'A', c: 'C' } });
    expect(() => loadPageTexts(dir)).toThrow('page texts differ between zh-CN and en: b, c');
  });
});
