import { SECTORS, sectorOf } from 'src/events/sectors';

describe('sectors as people write them', () => {
  it.each([
    ['企业', 'industry'],
    ['高校', 'academia'],
    ['科研院所', 'research'],
    ['金融机构', 'finance'],
    ['政府', 'government'],
    ['服务机构', 'services'],
    ['用户单位', 'users'],
    ['产', 'industry'],
    ['金', 'finance'],
    [' Industry ', 'industry'],
  ])('reads %s as %s', (written, sector) => expect(sectorOf(written)).toBe(sector));

  it('reads every platform word as itself and nothing unknown', () => {
    for (const sector of SECTORS) expect(sectorOf(sector)).toBe(sector);
    expect(sectorOf('军')).toBeUndefined();
  });
});
