import { startApi, TestApi } from 'test/support/app';
import { signedInAs } from 'test/support/factories';
import { FIXTURE_NEEDS, FIXTURE_RESULTS } from 'test/fixtures/matching-set';
import { bearer } from 'test/support/http';
import { resetState } from 'test/support/state';

/**
 * The committed Chinese test set (test/fixtures/matching-set.ts): for each need, where does the
 * result a domain expert would pick rank? The issue asks for the top 3 in at least 10 of 12.
 */
describe('matching quality on a Chinese test set', () => {
  let api: TestApi;

  beforeAll(async () => {
    await resetState();
    api = await startApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it('puts the right result in the top 3 for at least 10 of every 12 needs', async () => {
    const expert = await signedInAs(api.app, ['expert']);
    const enterprise = await signedInAs(api.app, ['enterprise']);
    const resultIds = new Map<string, string>();
    for (const { key, ...result } of FIXTURE_RESULTS) {
      const created = await api.http
        .post('/api/results')
        .set(bearer(expert.token))
        .send({ ...result, institutionName: '测试大学', published: true })
        .expect(201);
      resultIds.set(key, created.body.id as string);
    }
    const ranks: { need: string; rank: number | null; top: string[] }[] = [];
    for (const { key, answer, ...need } of FIXTURE_NEEDS) {
      const created = await api.http
        .post('/api/needs')
        .set(bearer(enterprise.token))
        .send({ ...need, enterpriseName: '测试企业', published: true })
        .expect(201);
      const suggestions = await api.http
        .get(`/api/needs/${created.body.id}/matches`)
        .set(bearer(enterprise.token))
        .expect(200);
      const ids = (suggestions.body as { id: string }[]).map((s) => s.id);
      const rank = ids.indexOf(resultIds.get(answer)!);
      const keyOf = (id: string) => [...resultIds].find(([, v]) => v === id)?.[0] ?? id;
      ranks.push({ need: key, rank: rank < 0 ? null : rank + 1, top: ids.slice(0, 3).map(keyOf) });
    }
    const inTop3 = ranks.filter((r) => r.rank !== null && r.rank <= 3).length;
    const needed = Math.ceil((FIXTURE_NEEDS.length * 10) / 12);
    const missed = ranks.filter((r) => r.rank === null || r.rank > 3);
    process.stdout.write(
      `matching quality: ${inTop3} of ${ranks.length} answers in the top 3, ` +
        `${ranks.filter((r) => r.rank === 1).length} first; missed: ${JSON.stringify(missed)}\n`,
    );
    expect(inTop3).toBeGreaterThanOrEqual(needed);
  });
});
