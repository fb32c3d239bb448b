// The universities and institutes the demo's deals were signed with, registered on the platform
// with where they are (issue 19): the statistics page's map of partner institutions shows them in
// their provinces (Sichuan, Chongqing, Zhejiang, Shaanxi), as a Chengdu centre's partners spread.
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Organization } from 'src/identity/organization.entity';
import { OrganizationKind } from 'src/identity/roles';

/** Who signed the demo's deals besides 西南理工大学 (a demo organization of its own). */
export const PARTNERS: { name: string; kind: OrganizationKind; region: string }[] = [
  { name: '四川大学', kind: 'university', region: '四川省成都市武侯区' },
  { name: '电子科技大学', kind: 'university', region: '四川省成都市高新区' },
  { name: '重庆大学', kind: 'university', region: '重庆市沙坪坝区' },
  { name: '浙江大学', kind: 'university', region: '浙江省杭州市' },
  { name: '西安交通大学', kind: 'university', region: '陕西省西安市' },
];

/** Registers the partner institutions not registered yet; true when any was added now. */
export async function seedPartnerInstitutions(app: INestApplicationContext): Promise<boolean> {
  const organizations = app.get(DataSource).getRepository(Organization);
  let added = false;
  for (const partner of PARTNERS) {
    if (await organizations.existsBy({ name: partner.name })) continue;
    await organizations.save({ ...partner, industryFields: [], creditCode: null });
    added = true;
  }
  return added;
}
